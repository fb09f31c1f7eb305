import { sql } from 'kysely';
import type { DashboardContext, DashboardOutcome } from './dashboard-definition.js';
import type { FigureSpec } from './figure-spec.js';
import type { SeriesSpec } from './series-spec.js';
import { chinaMonthOf, isTrue, variable } from './variable-expressions.js';

/**
 * What every process dashboard shows: volumes by state, overdue cases and open user tasks past their due date,
 * and the cases by outcome, community and month.
 */
export function volumeFigures(context: DashboardContext): FigureSpec[] {
  return [
    // All cases of the process in scope, whatever their state.
    { id: 'total', label: { zh: '案件总数', en: 'Cases' }, kind: 'count', unit: 'cases' },
    // Cases still running.
    { id: 'active', label: { zh: '办理中', en: 'In progress' }, kind: 'count', where: sql`c.state = 'ACTIVE'`, unit: 'cases' },
    // Cases that reached an end event.
    { id: 'completed', label: { zh: '已办结', en: 'Closed' }, kind: 'count', where: sql`c.state = 'COMPLETED'`, unit: 'cases' },
    // Running cases their process flagged overdue: the 督办/escalation timer at a passed limit sets the root
    // variable overdue (every process lists it among its variables).
    {
      id: 'overdueCases',
      label: { zh: '超期在办', en: 'Overdue cases in progress' },
      kind: 'count',
      where: sql`c.state = 'ACTIVE' AND ${isTrue(variable('overdue'))}`,
      unit: 'cases',
    },
    // Open user tasks whose due date has passed (tasks without a due date are never overdue).
    {
      id: 'overdueTasks',
      label: { zh: '超期待办', en: 'Overdue open tasks' },
      source: 'tasks',
      kind: 'count',
      where: sql`t.state = 'CREATED' AND t.due_ms < ${context.now}`,
      unit: 'tasks',
    },
  ];
}

/** Cases by outcome: the end event's name for closed cases, 办理中 for running and 已撤销 for cancelled ones. */
export function outcomeSeries(outcomes: readonly DashboardOutcome[]): SeriesSpec {
  const labels = outcomes.map((o) => sql`WHEN ${o.endEventId}::text THEN ${o.label.zh}::text`);
  const closed = labels.length === 0 ? sql`'已办结'` : sql`CASE c.outcome ${sql.join(labels, sql` `)} ELSE '已办结' END`;
  return {
    id: 'byOutcome',
    label: { zh: '案件状态', en: 'Cases by outcome' },
    key: sql`CASE c.state WHEN 'ACTIVE' THEN 'active' WHEN 'TERMINATED' THEN 'cancelled' ELSE coalesce(c.outcome, 'completed') END`,
    pointLabel: sql`CASE c.state WHEN 'ACTIVE' THEN '办理中' WHEN 'TERMINATED' THEN '已撤销' ELSE ${closed} END`,
    order: 'value',
    unit: 'cases',
  };
}

/** Cases by community (a grid's case counts for its community; cases placed higher up are left out). */
export function communitySeries(): SeriesSpec {
  return {
    id: 'byCommunity',
    label: { zh: '各社区案件量', en: 'Cases by community' },
    key: sql`c.community_id`,
    pointLabel: sql`c.community_name`,
    order: 'value',
    unit: 'cases',
  };
}

/** Cases started per month (China time). */
export function monthlySeries(): SeriesSpec {
  return {
    id: 'byMonth',
    label: { zh: '每月新增案件', en: 'Cases started per month' },
    key: chinaMonthOf(sql`c.start_date`),
    order: 'key',
    unit: 'cases',
  };
}

import { sql } from 'kysely';
import { entered, outcomeIs } from './case-rows.js';
import { communitySeries, monthlySeries, outcomeSeries, volumeFigures } from './common-figures.js';
import type { DashboardDefinition, DashboardOutcome } from './dashboard-definition.js';
import { daysBetween, instantOf, isOneOf, isTrue, numberOf, textOf, variable } from './variable-expressions.js';

const OUTCOMES: DashboardOutcome[] = [
  { endEventId: 'End_Frontline', label: { zh: '前端办结', en: 'Closed in the grid' } },
  { endEventId: 'End_Street', label: { zh: '街道办结', en: 'Closed by the street' } },
  { endEventId: 'End_Meeting', label: { zh: '会议处置办结', en: 'Closed after a joint meeting' } },
  { endEventId: 'End_Whistle', label: { zh: '吹哨办结', en: 'Closed after a whistle' } },
  { endEventId: 'End_Unfounded', label: { zh: '不属实', en: 'Unfounded' } },
  { endEventId: 'End_Transferred', label: { zh: '转其他程序', en: 'Transferred' } },
  { endEventId: 'End_TransferredAfterConsultation', label: { zh: '转其他程序', en: 'Transferred' } },
  { endEventId: 'End_Ledger', label: { zh: '列入台账长期治理', en: 'Long-term ledger' } },
  { endEventId: 'End_Merged', label: { zh: '合并至已有事件', en: 'Merged into another event' } },
];

const SATISFIED = ['满意', '基本满意'];
const closedEvent = sql<boolean>`c.state = 'COMPLETED' AND NOT ${outcomeIs('End_Merged')}`;
// A department call: an inner instance of the multi-instance 部门报到 sub-process (its locals name the department).
const isCall = sql<boolean>`e.element_id = 'SubProcess_DeptCalls'`;
const callDecision = textOf(sql`e.own -> 'decision'`);
// The response task of a call; its due date is the response limit (30 minutes for enforcement and emergencies, else 2 hours).
const isResponse = sql<boolean>`t.element_id = 'Activity_DeptResponse'`;
// Waiting for a called department to report in; the flow scope (the call) holds the arrival limit.
const isArrival = sql<boolean>`e.element_id = 'Activity_WaitReport'`;
const arrivalDue = instantOf(textOf(sql`e.scope -> 'arriveDeadline' -> 'dueAt'`));

/** 吹哨报到/乡呼县应 (processes/whistle-escalation.bpmn): the figures PROCESSES.md lists for its dashboard. */
export const whistleEscalationDashboard: DashboardDefinition = {
  processId: 'whistle-escalation',
  processName: { zh: '吹哨报到/乡呼县应', en: 'Whistle-blowing escalation' },
  variables: ['source', 'category', 'route', 'overdue', 'dispatchOverdue', 'reworkCount', 'reopened', 'satisfaction', 'handlingDeadline', 'deptRatings'],
  elements: ['SubProcess_DeptCalls', 'SubProcess_Handling'],
  outcomes: OUTCOMES,
  scopedElements: { ids: ['SubProcess_DeptCalls', 'Activity_WaitReport'], locals: ['dept', 'deptCode', 'decision', 'arriveDeadline'] },
  figures: (context) => [
    ...volumeFigures(context),
    // 格内办结率 = events closed by front-line handling in the grid (前端办结) / closed events (merged duplicates left out).
    { id: 'inGridRate', label: { zh: '格内办结率', en: 'Closed within the grid' }, kind: 'rate', of: closedEvent, where: outcomeIs('End_Frontline') },
    // Events a street leader approved a whistle for (the department calls started).
    { id: 'whistles', label: { zh: '吹哨次数', en: 'Whistles blown' }, kind: 'count', where: entered('SubProcess_DeptCalls'), unit: 'cases' },
    { id: 'calls', label: { zh: '呼叫部门次数', en: 'Department calls' }, source: 'elements', kind: 'count', where: isCall, unit: 'calls' },
    // 响应率 = response requests answered (接单/退单/申请延期) by their due date / requests answered or past due.
    {
      id: 'responseRate',
      label: { zh: '响应率', en: 'Answered in time' },
      source: 'tasks',
      kind: 'rate',
      of: sql`${isResponse} AND (t.state = 'COMPLETED' OR (t.state = 'CREATED' AND t.due_ms < ${context.now}))`,
      where: sql`t.state = 'COMPLETED' AND (t.due_ms IS NULL OR t.completion_date <= t.due_ms)`,
    },
    // 到场率 = reports in (到场/会商/答复) within the arrival limit / accepted calls that reported or are past the limit.
    {
      id: 'arrivalRate',
      label: { zh: '到场率', en: 'Reported in time' },
      source: 'elements',
      kind: 'rate',
      of: sql`${isArrival} AND (e.state = 'COMPLETED' OR (e.state <> 'TERMINATED' AND ${arrivalDue} < ${context.now}))`,
      where: sql`e.state = 'COMPLETED' AND (${arrivalDue} IS NULL OR e.end_date <= ${arrivalDue})`,
    },
    // 退单率 = calls whose department's (latest) answer is 退单 / calls answered.
    {
      id: 'refusalRate',
      label: { zh: '退单率', en: 'Calls refused' },
      source: 'elements',
      kind: 'rate',
      of: sql`${isCall} AND ${isOneOf(sql`e.own -> 'decision'`, ['接单', '退单', '申请延期'])}`,
      where: sql`${callDecision} = '退单'`,
    },
    // 按时办结率 = closed events that had a handling limit and were not flagged overdue (超期督办 sets overdue) / closed events with a handling limit.
    {
      id: 'onTimeRate',
      label: { zh: '按时办结率', en: 'Closed within the limit' },
      kind: 'rate',
      of: sql`c.state = 'COMPLETED' AND jsonb_typeof(${variable('handlingDeadline')}) = 'object'`,
      where: sql`NOT ${isTrue(variable('overdue'))}`,
    },
    // 满意率 = replies rated 满意 or 基本满意 / replies with a rating (the latest, after any reopening).
    {
      id: 'satisfactionRate',
      label: { zh: '满意率', en: 'Satisfied' },
      kind: 'rate',
      of: isOneOf(variable('satisfaction'), [...SATISFIED, '不满意']),
      where: isOneOf(variable('satisfaction'), SATISFIED),
    },
    // Days from the report to the close, over closed events (merged duplicates left out): mean and 90th percentile.
    { id: 'meanDurationDays', label: { zh: '平均办结天数', en: 'Mean days to close' }, kind: 'mean', value: daysBetween(sql`c.start_date`, sql`c.end_date`), where: closedEvent, unit: 'days' },
    { id: 'p90DurationDays', label: { zh: '办结天数（90%分位）', en: 'Days to close (90th percentile)' }, kind: 'p90', value: daysBetween(sql`c.start_date`, sql`c.end_date`), where: closedEvent, unit: 'days' },
    // Rework: events sent back at 效果评估 at least once, and the number of returns.
    { id: 'reworkCases', label: { zh: '返工事件', en: 'Events reworked' }, kind: 'count', where: sql`coalesce(${numberOf(variable('reworkCount'))}, 0) > 0`, unit: 'cases' },
    { id: 'reworkTotal', label: { zh: '返工次数', en: 'Reworks' }, kind: 'sum', value: numberOf(variable('reworkCount')), unit: 'items' },
    { id: 'reopened', label: { zh: '不满意重办', en: 'Reopened after a complaint' }, kind: 'count', where: isTrue(variable('reopened')), unit: 'cases' },
    // Events dispatched later than 2 hours.
    { id: 'dispatchOverdue', label: { zh: '派单超时', en: 'Dispatched late' }, kind: 'count', where: isTrue(variable('dispatchOverdue')), unit: 'cases' },
  ],
  series: () => [
    outcomeSeries(OUTCOMES),
    {
      id: 'bySource',
      label: { zh: '事件来源', en: 'Events by source' },
      key: textOf(variable('source')),
      order: 'value',
      categories: ['网格巡查', '12345', '汶诉即办', '微信群', 'APP点单', '监督员', '部门移交'],
      unit: 'cases',
    },
    { id: 'byCategory', label: { zh: '事件类别', en: 'Events by category' }, key: textOf(variable('category')), order: 'value', unit: 'cases' },
    { id: 'byRoute', label: { zh: '处置方式', en: 'Events by handling route' }, key: textOf(variable('route')), order: 'value', unit: 'cases' },
    { id: 'callsByDept', label: { zh: '各部门被吹哨次数', en: 'Calls by department' }, source: 'elements', where: isCall, key: textOf(sql`e.own -> 'dept'`), order: 'value', unit: 'calls' },
    // Department ranking: the street's ratings (部门评价), mean of attitude and effect (1–5), best first.
    {
      id: 'deptRanking',
      label: { zh: '部门考核排名（态度与效果均分）', en: 'Department ranking (mean of attitude and effect)' },
      expand: sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${variable('deptRatings')}) = 'array' THEN ${variable('deptRatings')} ELSE '[]'::jsonb END) AS item(rating)`,
      key: textOf(sql`item.rating -> 'dept'`),
      where: sql`${numberOf(sql`item.rating -> 'attitude'`)} IS NOT NULL AND ${numberOf(sql`item.rating -> 'effect'`)} IS NOT NULL`,
      value: { kind: 'mean', of: sql`(${numberOf(sql`item.rating -> 'attitude'`)} + ${numberOf(sql`item.rating -> 'effect'`)}) / 2.0` },
      order: 'value',
      unit: 'score',
    },
    communitySeries(),
    monthlySeries(),
  ],
};

import { sql } from 'kysely';
import { activeAt, allOf, anyOf, completed, entered, enteredAt, not } from './case-rows.js';
import { communitySeries, monthlySeries, outcomeSeries, volumeFigures } from './common-figures.js';
import type { DashboardDefinition, DashboardOutcome } from './dashboard-definition.js';
import { daysBetween, isTrue, numberOf, textOf, variable } from './variable-expressions.js';

const OUTCOMES: DashboardOutcome[] = [
  { endEventId: 'end_closed', label: { zh: '调解结案', en: 'Closed after mediation' } },
  { endEventId: 'end_refused', label: { zh: '不予调解', en: 'Mediation refused' } },
  { endEventId: 'end_terminated', label: { zh: '调解终止', en: 'Mediation terminated' } },
  { endEventId: 'end_enforcement', label: { zh: '转申请强制执行', en: 'Referred to enforcement' } },
  { endEventId: 'end_litigation', label: { zh: '诉讼引导结案', en: 'Referred to litigation' } },
];

// Mediation concluded: an agreement was made (协议), or mediation was terminated with the other routes told.
const concluded = anyOf(completed('task_agreement'), entered('task_notify_terminated'));
const daysToConclusion = daysBetween(sql`c.start_date`, sql`coalesce(${enteredAt('task_agreement')}, ${enteredAt('task_notify_terminated')})`);
const startedInFourParty = sql<boolean>`${textOf(sql`${variable('channelHistory')} -> 0`)} = '四方会谈'`;
const transferCount = sql`coalesce(${numberOf(variable('transferCount'))}, 0)`;

/** 三调联动 (processes/three-way-mediation.bpmn): the figures PROCESSES.md lists for its dashboard. */
export const threeWayMediationDashboard: DashboardDefinition = {
  processId: 'three-way-mediation',
  processName: { zh: '三调联动', en: 'Three-way mediation' },
  variables: ['source', 'type', 'channel', 'channelHistory', 'transferCount', 'overdue', 'applied', 'confirmationResult', 'performed', 'recurred', 'reached', 'risk'],
  elements: ['task_agreement', 'task_notify_terminated', 'task_apply_confirmation', 'task_return_visit'],
  outcomes: OUTCOMES,
  figures: (context) => [
    ...volumeFigures(context),
    // 调解成功率 = cases with a mediation agreement / cases whose mediation concluded (agreement or termination).
    { id: 'successRate', label: { zh: '调解成功率', en: 'Mediated successfully' }, kind: 'rate', of: concluded, where: completed('task_agreement') },
    // 按期调结率 = concluded cases never flagged overdue (the escalation at the mediation limit sets overdue) / concluded cases.
    { id: 'onTimeRate', label: { zh: '按期调结率', en: 'Concluded within the limit' }, kind: 'rate', of: concluded, where: sql`NOT ${isTrue(variable('overdue'))}` },
    // Days from registration to the conclusion (the agreement being drawn up, or termination), over concluded cases.
    { id: 'meanDurationDays', label: { zh: '平均调结天数', en: 'Mean days to conclude' }, kind: 'mean', value: daysToConclusion, where: concluded, unit: 'days' },
    { id: 'p90DurationDays', label: { zh: '调结天数（90%分位）', en: 'Days to conclude (90th percentile)' }, kind: 'p90', value: daysToConclusion, where: concluded, unit: 'days' },
    // 履行率 = performance visits finding the agreement fully performed (全部) / performance visits made.
    {
      id: 'performanceRate',
      label: { zh: '履行率', en: 'Agreements performed' },
      kind: 'rate',
      of: sql`${textOf(variable('performed'))} IS NOT NULL`,
      where: sql`${textOf(variable('performed'))} = '全部'`,
    },
    // 司法确认率 = agreements whose parties applied for judicial confirmation / agreements whose 30-day application
    // window is over (answered, or expired); 司法调解 agreements are enforceable already and not counted.
    {
      id: 'confirmationRate',
      label: { zh: '司法确认申请率', en: 'Judicial confirmation applied for' },
      kind: 'rate',
      of: allOf(entered('task_apply_confirmation'), not(activeAt('task_apply_confirmation'))),
      where: isTrue(variable('applied')),
    },
    { id: 'confirmedValid', label: { zh: '司法确认有效', en: 'Confirmed by a court' }, kind: 'count', where: sql`${textOf(variable('confirmationResult'))} = '确认有效'`, unit: 'cases' },
    // Transfers between channels (联动): cases transferred at least once, and all transfers.
    { id: 'transferredCases', label: { zh: '联动转办案件', en: 'Cases transferred' }, kind: 'count', where: sql`${transferCount} > 0`, unit: 'cases' },
    { id: 'transfers', label: { zh: '联动转办次数', en: 'Transfers between channels' }, kind: 'sum', value: numberOf(variable('transferCount')), unit: 'items' },
    // 四方会谈化解率 = cases that started in 四方会谈 and were settled there (an agreement without any transfer) /
    // cases that started there and concluded or moved on.
    {
      id: 'fourPartyRate',
      label: { zh: '四方会谈化解率', en: 'Settled in four-party talks' },
      kind: 'rate',
      of: allOf(startedInFourParty, anyOf(concluded, sql`${transferCount} > 0`)),
      where: allOf(completed('task_agreement'), sql`${transferCount} = 0`),
    },
    // Repeat disputes: the 30-day return visit found the dispute had come back (recurred).
    { id: 'repeatDisputes', label: { zh: '重复纠纷', en: 'Disputes that recurred' }, kind: 'count', where: isTrue(variable('recurred')), unit: 'cases' },
    {
      id: 'repeatRate',
      label: { zh: '纠纷复发率', en: 'Recurred at the return visit' },
      kind: 'rate',
      of: allOf(completed('task_return_visit'), isTrue(variable('reached'))),
      where: isTrue(variable('recurred')),
    },
    { id: 'highRisk', label: { zh: '高风险纠纷', en: 'High-risk disputes' }, kind: 'count', where: sql`${textOf(variable('risk'))} = '高'`, unit: 'cases' },
  ],
  series: () => [
    outcomeSeries(OUTCOMES),
    {
      id: 'byType',
      label: { zh: '纠纷类型', en: 'Cases by type' },
      key: textOf(variable('type')),
      order: 'value',
      unit: 'cases',
    },
    {
      id: 'bySource',
      label: { zh: '纠纷来源', en: 'Cases by source' },
      key: textOf(variable('source')),
      order: 'value',
      categories: ['当事人申请', '网格排查', '12345', '法院委派', '公安移交', '四方会谈', '主动调解'],
      unit: 'cases',
    },
    { id: 'byChannel', label: { zh: '调解渠道（当前）', en: 'Cases by current channel' }, key: textOf(variable('channel')), order: 'value', unit: 'cases' },
    // Each consecutive pair of the channel history is one transfer, e.g. 人民调解 → 行政调解.
    {
      id: 'transfersByRoute',
      label: { zh: '联动转办去向', en: 'Transfers by route' },
      expand: sql`(SELECT a.value AS from_channel, b.value AS to_channel
        FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(${variable('channelHistory')}) = 'array' THEN ${variable('channelHistory')} ELSE '[]'::jsonb END) WITH ORDINALITY AS a(value, n)
        JOIN jsonb_array_elements_text(CASE WHEN jsonb_typeof(${variable('channelHistory')}) = 'array' THEN ${variable('channelHistory')} ELSE '[]'::jsonb END) WITH ORDINALITY AS b(value, n)
        ON b.n = a.n + 1) AS item`,
      key: sql`item.from_channel || ' → ' || item.to_channel`,
      order: 'value',
      unit: 'items',
    },
    communitySeries(),
    monthlySeries(),
  ],
};

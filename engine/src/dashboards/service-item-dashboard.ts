import { sql } from 'kysely';
import { activeAt, anyOf, allOf, completed, entered, enteredAt, outcomeIs } from './case-rows.js';
import { communitySeries, monthlySeries, outcomeSeries, volumeFigures } from './common-figures.js';
import type { DashboardDefinition, DashboardOutcome } from './dashboard-definition.js';
import { daysBetween, instantOf, isOneOf, isTrue, numberOf, textOf, variable } from './variable-expressions.js';

/** 好差评: the five levels of the follow-up form; the first three count as satisfied. */
const SATISFIED = ['非常满意', '满意', '基本满意'];
const DISSATISFIED = ['不满意', '非常不满意'];

const OUTCOMES: DashboardOutcome[] = [
  { endEventId: 'End_Done', label: { zh: '办结（满意）', en: 'Closed' } },
  { endEventId: 'End_DoneRectified', label: { zh: '办结（整改后）', en: 'Closed after rectification' } },
  { endEventId: 'End_Refused', label: { zh: '不予办理', en: 'Refused' } },
  { endEventId: 'End_NotAccepted', label: { zh: '不予受理', en: 'Not accepted' } },
  { endEventId: 'End_Guided', label: { zh: '引导办理', en: 'Guided elsewhere' } },
  { endEventId: 'End_Unlisted', label: { zh: '清单外事项', en: 'Not on the item list' } },
  { endEventId: 'End_SupplementExpired', label: { zh: '补正超期', en: 'Supplement period expired' } },
  { endEventId: 'End_Withdrawn', label: { zh: '撤回', en: 'Withdrawn' } },
  { endEventId: 'End_WithdrawnWhileHandling', label: { zh: '撤回', en: 'Withdrawn' } },
];

// Accepted cases: the 办件类型 gateway sent them to 当场办结 (即办件) or to the promised time limit (承诺件).
const accepted = anyOf(entered('Activity_OnTheSpot'), entered('Activity_PromiseDeadline'));
// A decision (准予/不予/部分准予) was made: on the spot or at the end of promised handling.
const decided = entered('Gateway_DecisionMerge');

/** 便民服务事项办理 (processes/service-item.bpmn): the figures PROCESSES.md lists for its dashboard. */
export const serviceItemDashboard: DashboardDefinition = {
  processId: 'service-item',
  processName: { zh: '便民服务事项办理', en: 'Service item handling' },
  variables: ['itemCode', 'item', 'channel', 'rating', 'reached', 'visitCount', 'overdue', 'deemedAccepted', 'followUpDeadline'],
  elements: [
    'Activity_Intake', 'Activity_OnTheSpot', 'Activity_PromiseDeadline', 'Activity_Proxy', 'Activity_SupplementNotice',
    'Gateway_DecisionMerge', 'Activity_FollowUp', 'SubProcess_Rectification', 'Activity_Revisit',
  ],
  outcomes: OUTCOMES,
  figures: (context) => [
    ...volumeFigures(context),
    // 即办率 = accepted cases finished on the spot (即办件) / accepted cases.
    { id: 'immediateRate', label: { zh: '即办率', en: 'Handled on the spot' }, kind: 'rate', of: accepted, where: entered('Activity_OnTheSpot') },
    // 按时办结率 = decided cases not flagged overdue (the 红灯 timer at the promised limit sets overdue) / decided cases.
    { id: 'onTimeRate', label: { zh: '按时办结率', en: 'Decided within the promised limit' }, kind: 'rate', of: decided, where: sql`NOT ${isTrue(variable('overdue'))}` },
    // Mean and 90th percentile of days from application to decision, over decided cases.
    {
      id: 'meanDurationDays',
      label: { zh: '平均办理时长', en: 'Mean days to decision' },
      kind: 'mean',
      value: daysBetween(sql`c.start_date`, enteredAt('Gateway_DecisionMerge')),
      where: decided,
      unit: 'days',
    },
    {
      id: 'p90DurationDays',
      label: { zh: '办理时长（90%分位）', en: 'Days to decision (90th percentile)' },
      kind: 'p90',
      value: daysBetween(sql`c.start_date`, enteredAt('Gateway_DecisionMerge')),
      where: decided,
      unit: 'days',
    },
    // 帮代办占比 = accepted cases that went through 帮代办 / accepted cases.
    { id: 'proxyShare', label: { zh: '帮代办占比', en: 'Handled by proxy' }, kind: 'rate', of: accepted, where: entered('Activity_Proxy') },
    // 最多跑一次达标率 = delivered cases whose recorded visits (visitCount) are at most 1 / delivered cases with a count.
    {
      id: 'oneVisitRate',
      label: { zh: '最多跑一次达标率', en: 'At most one visit' },
      kind: 'rate',
      of: sql`${numberOf(variable('visitCount'))} IS NOT NULL`,
      where: sql`${numberOf(variable('visitCount'))} <= 1`,
    },
    // 补正率 = cases sent a 一次性告知书 for missing materials / cases whose intake was decided.
    { id: 'supplementRate', label: { zh: '补正率', en: 'Asked to supplement materials' }, kind: 'rate', of: completed('Activity_Intake'), where: entered('Activity_SupplementNotice') },
    // 视为受理: intakes not decided within 5 working days, accepted by law.
    { id: 'deemedAccepted', label: { zh: '逾期视为受理', en: 'Deemed accepted (intake late)' }, kind: 'count', where: isTrue(variable('deemedAccepted')), unit: 'cases' },
    // 回访率 = cases whose applicant was reached at a follow-up / cases due for follow-up (an attempt was
    // recorded, or the 2-working-day follow-up limit has passed).
    {
      id: 'followUpRate',
      label: { zh: '回访率', en: 'Followed up' },
      kind: 'rate',
      of: allOf(
        entered('Activity_FollowUp'),
        anyOf(sql`jsonb_typeof(${variable('reached')}) = 'boolean'`, sql`${instantOf(textOf(variable('followUpDeadline', 'dueAt')))} < ${context.now}`),
      ),
      where: isTrue(variable('reached')),
    },
    // 满意率 = ratings 非常满意/满意/基本满意 / all ratings (the first follow-up's; 再回访 keeps its own).
    {
      id: 'satisfactionRate',
      label: { zh: '满意率', en: 'Satisfied' },
      kind: 'rate',
      of: isOneOf(variable('rating'), [...SATISFIED, ...DISSATISFIED]),
      where: isOneOf(variable('rating'), SATISFIED),
    },
    // 差评整改率 = bad ratings whose 差评整改 (核实 → 整改 → 反馈) is done / bad ratings.
    {
      id: 'complaintRectifiedRate',
      label: { zh: '差评整改率', en: 'Bad ratings rectified' },
      kind: 'rate',
      of: isOneOf(variable('rating'), DISSATISFIED),
      where: completed('SubProcess_Rectification'),
    },
    // 差评回访率 = bad ratings followed by a 再回访 / bad ratings (must reach 100%).
    { id: 'complaintRevisitRate', label: { zh: '差评回访率', en: 'Bad ratings revisited' }, kind: 'rate', of: isOneOf(variable('rating'), DISSATISFIED), where: completed('Activity_Revisit') },
    // Cases waiting for their follow-up call.
    { id: 'awaitingFollowUp', label: { zh: '待回访', en: 'Awaiting follow-up' }, kind: 'count', where: activeAt('Activity_FollowUp'), unit: 'cases' },
    // Cases that were closed at one of the refusal ends.
    { id: 'notAccepted', label: { zh: '不予受理/引导', en: 'Not accepted or guided' }, kind: 'count', where: outcomeIs('End_NotAccepted', 'End_Guided', 'End_Unlisted'), unit: 'cases' },
  ],
  series: () => [
    outcomeSeries(OUTCOMES),
    {
      id: 'byItem',
      label: { zh: '各事项办件量', en: 'Cases by item' },
      key: textOf(variable('itemCode')),
      pointLabel: sql`coalesce(${textOf(variable('item', 'itemName'))}, ${textOf(variable('itemCode'))})`,
      order: 'value',
      unit: 'cases',
    },
    {
      id: 'byChannel',
      label: { zh: '各渠道办件量', en: 'Cases by channel' },
      key: textOf(variable('channel')),
      order: 'value',
      categories: ['社区窗口', '街道窗口', '网上', '上门', '网格员代报'],
      unit: 'cases',
    },
    communitySeries(),
    {
      id: 'byRating',
      label: { zh: '好差评分布', en: 'Ratings' },
      key: textOf(variable('rating')),
      order: 'key',
      categories: [...SATISFIED, ...DISSATISFIED],
      unit: 'cases',
    },
    monthlySeries(),
  ],
};

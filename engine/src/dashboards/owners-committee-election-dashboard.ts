import { sql, type Kysely } from 'kysely';
import { visibleOrg, type OrgScope } from '../query/org-scope.js';
import { activeAt, allOf, entered, outcomeIs } from './case-rows.js';
import { communitySeries, monthlySeries, outcomeSeries, volumeFigures } from './common-figures.js';
import type { DashboardFigure } from './dashboard.js';
import type { DashboardDefinition, DashboardOutcome } from './dashboard-definition.js';
import { daysBetween, instantOf, isTrue, numberOf, textOf, variable } from './variable-expressions.js';

const OUTCOMES: DashboardOutcome[] = [
  { endEventId: 'end_established', label: { zh: '业委会选举完成并备案', en: 'Committee elected and filed' } },
  { endEventId: 'end_renewed', label: { zh: '换届完成', en: 'Committee renewed' } },
  { endEventId: 'end_residents_committee', label: { zh: '居委会代行', en: 'Residents’ committee acts instead' } },
  { endEventId: 'end_property_management_committee', label: { zh: '组建物业管理委员会', en: 'Property management committee formed' } },
];
const COMMITTEE_FORMED = ['end_established', 'end_renewed'];
/** 筹备 must end with the owners' meeting within 90 days (建房〔2009〕274号). */
const PREPARATION_LIMIT_DAYS = 90;
/** How far ahead a 换届 counts as due soon. */
const RENEWAL_ALERT_DAYS = 30;

const isPreparation = sql<boolean>`e.element_id = 'sub_preparation'`;
const tallied = sql<boolean>`jsonb_typeof(${variable('tally')}) = 'object'`;
const areaRatio = numberOf(variable('tally', 'participation', 'areaRatio'));
const ownerRatio = numberOf(variable('tally', 'participation', 'ownerRatio'));
const committeePartyShare = numberOf(variable('committeePartyShare'));

/** 业委会筹备/换届选举 (processes/owners-committee-election.bpmn): the figures PROCESSES.md lists for its dashboard. */
export const ownersCommitteeElectionDashboard: DashboardDefinition = {
  processId: 'owners-committee-election',
  processName: { zh: '业委会筹备/换届选举', en: 'Owners’ committee elections' },
  variables: ['trigger', 'estateName', 'caseNo', 'quorumMet', 'tally', 'committeePartyShare', 'renewalStartsAt', 'overdue'],
  elements: ['catch_renewal_start', 'task_tally', 'task_prep_escalate'],
  outcomes: OUTCOMES,
  scopedElements: { ids: ['sub_preparation'], locals: [] },
  figures: (context) => {
    const preparationDays = daysBetween(sql`e.start_date`, sql`coalesce(e.end_date, ${context.now}::int8)`);
    const renewalStartsAt = instantOf(textOf(variable('renewalStartsAt')));
    return [
      ...volumeFigures(context),
      // 换届 due alerts: 换届 cases waiting for their start (term end − 3 months), and those starting within 30 days.
      { id: 'renewalsScheduled', label: { zh: '待启动换届', en: 'Renewals scheduled' }, kind: 'count', where: activeAt('catch_renewal_start'), unit: 'cases' },
      {
        id: 'renewalsDueSoon',
        label: { zh: `${RENEWAL_ALERT_DAYS}日内启动换届`, en: `Renewals starting within ${RENEWAL_ALERT_DAYS} days` },
        kind: 'count',
        where: allOf(activeAt('catch_renewal_start'), sql`${renewalStartsAt} <= ${context.now + RENEWAL_ALERT_DAYS * 86_400_000}`),
        unit: 'cases',
      },
      // 筹备 days against the 90-day limit: days from the start of preparation to its end (or to now while it runs).
      { id: 'meanPreparationDays', label: { zh: '平均筹备天数', en: 'Mean preparation days' }, source: 'elements', kind: 'mean', value: preparationDays, where: isPreparation, unit: 'days' },
      { id: 'maxPreparationDays', label: { zh: '最长筹备天数', en: 'Longest preparation (days)' }, source: 'elements', kind: 'max', value: preparationDays, where: isPreparation, unit: 'days' },
      // 筹备按期率 = preparations that ended within 90 days / preparations ended or already past 90 days.
      {
        id: 'preparationOnTimeRate',
        label: { zh: `筹备${PREPARATION_LIMIT_DAYS}日内完成率`, en: `Preparation within ${PREPARATION_LIMIT_DAYS} days` },
        source: 'elements',
        kind: 'rate',
        of: sql`${isPreparation} AND e.state <> 'TERMINATED' AND (e.state = 'COMPLETED' OR ${preparationDays} > ${PREPARATION_LIMIT_DAYS})`,
        where: sql`e.state = 'COMPLETED' AND ${preparationDays} <= ${PREPARATION_LIMIT_DAYS}`,
      },
      { id: 'preparationOverdue', label: { zh: '筹备超期督办', en: 'Preparations supervised for delay' }, kind: 'count', where: entered('task_prep_escalate'), unit: 'cases' },
      // Participation against 2/3 (the latest tally of each case): mean shares of area and of owners taking part.
      { id: 'meanAreaParticipation', label: { zh: '平均参与面积占比', en: 'Mean participating area share' }, kind: 'mean', value: areaRatio, where: tallied, unit: 'ratio' },
      { id: 'meanOwnerParticipation', label: { zh: '平均参与人数占比', en: 'Mean participating owner share' }, kind: 'mean', value: ownerRatio, where: tallied, unit: 'ratio' },
      // 双过三分之二达标率 = tallies where quorum was met (≥ 2/3 of area and of owners) / tallies.
      { id: 'quorumRate', label: { zh: '双过三分之二达标率', en: 'Tallies with quorum' }, kind: 'rate', of: tallied, where: isTrue(variable('tally', 'quorumMet')) },
      // Party members among the elected (a figure and a warning, never a reason to void a vote).
      { id: 'meanPartyShare', label: { zh: '当选党员平均占比', en: 'Mean party share of the elected' }, kind: 'mean', value: committeePartyShare, where: sql`${committeePartyShare} IS NOT NULL`, unit: 'ratio' },
      {
        id: 'partyShareReachedRate',
        label: { zh: '党员占比达50%的业委会', en: 'Committees with at least half party members' },
        kind: 'rate',
        of: sql`${committeePartyShare} IS NOT NULL`,
        where: sql`${committeePartyShare} >= 0.5`,
      },
      // 备案及时率 = filings made by their due date (30 days) / filings made or past due.
      {
        id: 'filingOnTimeRate',
        label: { zh: '备案及时率', en: 'Filed in time' },
        source: 'tasks',
        kind: 'rate',
        of: sql`t.element_id = 'task_filing' AND (t.state = 'COMPLETED' OR (t.state = 'CREATED' AND t.due_ms < ${context.now}))`,
        where: sql`t.state = 'COMPLETED' AND (t.due_ms IS NULL OR t.completion_date <= t.due_ms)`,
      },
      { id: 'committeesFormed', label: { zh: '成立/换届完成', en: 'Committees formed or renewed' }, kind: 'count', where: outcomeIs(...COMMITTEE_FORMED), unit: 'cases' },
    ];
  },
  series: (context) => [
    outcomeSeries(OUTCOMES),
    { id: 'byTrigger', label: { zh: '选举类型', en: 'Elections by kind' }, key: textOf(variable('trigger')), order: 'value', categories: ['首次成立', '换届', '增补'], unit: 'cases' },
    {
      id: 'preparationDays',
      label: { zh: '各小区筹备天数（限90日）', en: 'Preparation days by estate (limit 90)' },
      source: 'elements',
      where: isPreparation,
      key: sql`coalesce(${textOf(variable('caseNo'))}, c.key::text)`,
      pointLabel: sql`coalesce(${textOf(variable('estateName'))}, ${textOf(variable('caseNo'))}, c.key::text)`,
      value: { kind: 'sum', of: daysBetween(sql`e.start_date`, sql`coalesce(e.end_date, ${context.now}::int8)`) },
      order: 'value',
      unit: 'days',
    },
    {
      id: 'areaParticipation',
      label: { zh: '各小区参与面积占比（须≥2/3）', en: 'Participating area share by estate (needs 2/3)' },
      where: tallied,
      key: sql`coalesce(${textOf(variable('caseNo'))}, c.key::text)`,
      pointLabel: sql`coalesce(${textOf(variable('estateName'))}, ${textOf(variable('caseNo'))}, c.key::text)`,
      value: { kind: 'sum', of: areaRatio },
      order: 'value',
      unit: 'ratio',
    },
    {
      id: 'partyShare',
      label: { zh: '各业委会当选党员占比（目标50%）', en: 'Party share of the elected by estate (target 50%)' },
      where: sql`${committeePartyShare} IS NOT NULL`,
      key: sql`coalesce(${textOf(variable('caseNo'))}, c.key::text)`,
      pointLabel: sql`coalesce(${textOf(variable('estateName'))}, ${textOf(variable('caseNo'))}, c.key::text)`,
      value: { kind: 'sum', of: committeePartyShare },
      order: 'value',
      unit: 'ratio',
    },
    communitySeries(),
    monthlySeries(),
  ],
  // 业委会覆盖率 = communities in scope with a committee formed or renewed here / communities in scope.
  async extraFigures(db: Kysely<any>, scope: OrgScope): Promise<DashboardFigure[]> {
    const result = await sql<{ covered: number; communities: number }>`
      WITH communities AS (
        SELECT o.id FROM organizations o WHERE o.kind = 'community' AND ${visibleOrg(sql.ref('o.id'), scope)}
      ), formed AS (
        SELECT DISTINCT CASE org.kind WHEN 'community' THEN org.id WHEN 'grid' THEN org.parent_id END AS community_id
        FROM process_instance_view pi
        JOIN organizations org ON org.id = pi.org_id
        JOIN element_instance_view e ON e.process_instance_key = pi.key AND e.state = 'COMPLETED' AND e.element_id = ANY(${COMMITTEE_FORMED}::text[])
        WHERE pi.bpmn_process_id = 'owners-committee-election' AND pi.parent_process_instance_key IS NULL
          AND ${visibleOrg(sql.ref('pi.org_id'), scope)}
      )
      SELECT (SELECT count(*) FROM communities WHERE id IN (SELECT community_id FROM formed))::int AS covered,
             (SELECT count(*) FROM communities)::int AS communities`.execute(db);
    const { covered, communities } = result.rows[0];
    return [
      {
        id: 'committeeCoverage',
        label: { zh: '业委会覆盖率（社区）', en: 'Communities with a committee elected' },
        value: communities === 0 ? null : Math.round((covered / communities) * 10_000) / 10_000,
        unit: 'ratio',
        numerator: covered,
        denominator: communities,
      },
    ];
  },
};

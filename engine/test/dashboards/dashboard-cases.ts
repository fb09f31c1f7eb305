import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { resourceFiles } from '../../src/server/resource-files.js';
import { SimulationSession } from '../../src/simulation/simulation-session.js';
import { USER_TASK_JOB_TYPE } from '../../src/simulation/scripted-scenario-run.js';
import { checkTaskForm } from '../../src/simulation/task-form-check.js';
import { demoOrganizations } from '../../src/demo/demo-organizations.js';
import type { Store } from '../../src/store/store.js';

/**
 * Cases of the four product processes with known outcomes, driven step by step through the real engine on
 * virtual time (the built-in workers run as in production; every completion is checked against its form), so the
 * dashboards can be checked to the exact number. The expected figures are worked out in the test from the steps
 * below, not from the engine. All cases share one store and one clock: elections run first (their dates are
 * fixed, from T0), then whistle events, service items and mediations, each set starting where the previous ended;
 * waits are long enough for any holiday week to pass inside them.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const PRODUCT_RESOURCES = resourceFiles(`${repo}processes`, `${repo}forms`);
/** Monday 2 March 2026, 09:00 China time. */
export const T0 = Date.parse('2026-03-02T09:00:00+08:00');

export class CaseDriver {
  private constructor(readonly session: SimulationSession) {}

  static async open(store: Store): Promise<CaseDriver> {
    // The demo district's organisation tree, for the community of each case.
    for (const org of demoOrganizations()) {
      await sql`INSERT INTO organizations (id, name, kind, parent_id, created_at) VALUES (${org.id}, ${org.name}, ${org.kind}, ${org.parentId ?? null}, ${T0})`.execute(store.db);
    }
    return new CaseDriver(await SimulationSession.open({ store, resources: PRODUCT_RESOURCES, startTime: T0, mockJobs: {} }));
  }

  get now(): number {
    return this.session.now;
  }

  async start(processId: string, variables: Record<string, unknown>): Promise<number> {
    const created = await this.session.engine.createProcessInstance({ bpmnProcessId: processId, variables });
    await this.session.settle();
    return created.processInstanceKey;
  }

  async startByMessage(name: string, variables: Record<string, unknown>): Promise<number> {
    const before = this.session.tracker.allCases().length;
    await this.session.engine.publishMessage({ name, variables });
    await this.session.settle();
    const started = this.session.tracker.allCases().slice(before);
    if (started.length !== 1) throw new Error(`the message ${name} started ${started.length} instances`);
    return started[0].rootKey;
  }

  /** Completes the oldest open user task at the element, with data its form accepts. */
  async complete(caseKey: number, elementId: string, variables: Record<string, unknown>): Promise<void> {
    const view = this.session.tracker.caseOf(caseKey)!;
    const job = view.openJobs().find((j) => j.type === USER_TASK_JOB_TYPE && j.elementId === elementId);
    if (!job) throw new Error(`case ${caseKey} has no open task at ${elementId}; it waits at ${view.activeElementIds().join(', ')}`);
    const rejection = checkTaskForm(this.session.engine.definitions, job.formKey, variables);
    if (rejection) throw new Error(`${elementId}: ${JSON.stringify(rejection.errors)}`);
    await this.session.engine.completeJob(job.key, variables);
    await this.session.settle();
  }

  async publish(name: string, correlationKey: string, variables: Record<string, unknown> = {}): Promise<void> {
    await this.session.engine.publishMessage({ name, correlationKey, variables });
    await this.session.settle();
  }

  async advance(duration: string): Promise<void> {
    await this.session.advanceBy(duration);
  }

  async advanceTo(iso: string): Promise<void> {
    await this.session.advanceTo(Date.parse(iso));
  }

  caseNo(caseKey: number): string {
    return String(this.session.tracker.caseOf(caseKey)!.variables.get('caseNo'));
  }

  variable(caseKey: number, name: string): unknown {
    return this.session.tracker.caseOf(caseKey)!.variables.get(name);
  }

  endEvent(caseKey: number): string | undefined {
    return this.session.tracker.caseOf(caseKey)!.endEventId;
  }

  waitingAt(caseKey: number): string[] {
    return this.session.tracker.caseOf(caseKey)!.activeElementIds();
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}

const ID = '11010519491231002X';
const chinaDate = (epochMs: number) => new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 10);

function intake(itemCode: string, channel: string, gridId: string, materials: string[], extra: Record<string, unknown> = {}) {
  return {
    itemCode,
    channel,
    gridId,
    applicantName: '王秀英',
    idType: '居民身份证',
    idNumber: ID,
    phone: '13800000001',
    specialGroup: '无',
    needProxy: false,
    materials: materials.map((code) => ({ code, provided: true })),
    acceptDecision: '受理',
    ...extra,
  };
}

/**
 * 便民服务事项办理, five cases (all start together; the set ends 50 days later):
 * - A YL-001 即办件, 社区窗口, grid st-hepingli-c01-g1: 当场办结 准予, 窗口领取 1 visit, rated 非常满意 → End_Done.
 * - B YL-001 即办件, 网上, grid st-hepingli-c01-g2: 准予, 电子证照 0 visits, rated 不满意 → 核实属实 → 整改 → 反馈 → 再回访 满意 → End_DoneRectified.
 * - C GL-001 承诺件 (15 working days), 街道窗口, grid st-dongfeng-c01-g1: 高龄, 帮代办; decided 准予 40 days later (红灯: overdue),
 *   窗口领取 2 visits; its follow-up left open past its 2 working days → in progress, one overdue task.
 * - D LS-001, 街道窗口, grid st-xinhua-c01-g1: 需补正, never supplemented → End_SupplementExpired.
 * - E HY-001 (not on the list), 网上, grid st-xinhua-c01-g3 → End_Unlisted.
 */
export async function serviceItemCases(d: CaseDriver): Promise<Record<'A' | 'B' | 'C' | 'D' | 'E', number>> {
  const start = (itemCode: string, channel: string, gridId: string) =>
    d.start('service-item', { itemCode, channel, gridId, applicantName: '王秀英', phone: '13800000001' });
  const A = await start('YL-001', '社区窗口', 'st-hepingli-c01-g1');
  const B = await start('YL-001', '网上', 'st-hepingli-c01-g2');
  const C = await start('GL-001', '街道窗口', 'st-dongfeng-c01-g1');
  const D = await start('LS-001', '街道窗口', 'st-xinhua-c01-g1');
  const E = await start('HY-001', '网上', 'st-xinhua-c01-g3');

  await d.complete(A, 'Activity_Intake', intake('YL-001', '社区窗口', 'st-hepingli-c01-g1', ['ID', 'SBK']));
  await d.complete(A, 'Activity_OnTheSpot', { handlerUnit: '和平社区便民服务站', decision: '准予' });
  await d.complete(A, 'Activity_Delivery', { deliveryMode: '窗口领取', visitCount: 1 });
  await d.complete(A, 'Activity_FollowUp', { method: '电话', reached: true, rating: '非常满意', resolved: true });

  await d.complete(B, 'Activity_Intake', intake('YL-001', '网上', 'st-hepingli-c01-g2', ['ID', 'SBK']));
  await d.complete(B, 'Activity_OnTheSpot', { handlerUnit: '和平里街道便民服务中心', decision: '准予' });
  await d.complete(B, 'Activity_Delivery', { deliveryMode: '电子证照', visitCount: 0 });
  await d.complete(B, 'Activity_FollowUp', { method: '电话', reached: true, rating: '不满意', resolved: false, comment: '认证照片反复不合格' });
  await d.complete(B, 'Activity_VerifyComplaint', { complaintFinding: '属实', responsibleUnit: '和平里街道便民服务中心', verifyNote: '照片比对阈值过高' });
  await d.complete(B, 'Activity_Rectify', { measures: '增设人工复核通道', rectifiedAt: '2026-03-03' });
  await d.complete(B, 'Activity_RectifyFeedback', { feedbackMethod: '电话', feedbackContent: '已人工复核通过', applicantAccepted: true });
  await d.complete(B, 'Activity_Revisit', { method: '电话', reached: true, rating: '满意', resolved: true });

  await d.complete(C, 'Activity_Intake', intake('GL-001', '街道窗口', 'st-dongfeng-c01-g1', ['ID', 'HKB', 'BANK'], { specialGroup: '高龄', needProxy: true, proxyAuthorization: 'files/proxy.pdf' }));
  await d.complete(C, 'Activity_Proxy', { proxyAgent: '陈静', authorizationChecked: true, homeVisit: false });

  await d.complete(D, 'Activity_Intake', {
    ...intake('LS-001', '街道窗口', 'st-xinhua-c01-g1', ['ID', 'HKB']),
    materials: [{ code: 'ID', provided: true }, { code: 'HKB', provided: true }, { code: 'HARDSHIP', provided: false }],
    oneTimeNotice: 'files/notice.pdf',
    acceptDecision: '需补正',
  });

  // 40 days pass: D's 15-working-day 补正期限 ends; C's 15-working-day 承诺时限 passes (红灯: overdue).
  await d.advance('P40D');
  await d.complete(C, 'Activity_BackOffice', { handlerUnit: '东风街道民生保障办公室', decision: '准予' });
  await d.complete(C, 'Activity_Delivery', { deliveryMode: '窗口领取', visitCount: 2 });
  await d.advance('P10D');
  return { A, B, C, D, E };
}

function report(source: string, gridId: string, category: string, extra: Record<string, unknown> = {}) {
  return {
    source,
    gridId,
    location: { address: '和平里街道和平社区西门外' },
    category,
    description: `${category}问题`,
    urgency: '一般',
    ...(source === '网格巡查' ? { photos: ['files/before.jpg'] } : {}),
    ...extra,
  };
}
const CONTACT = { contact: { name: '李先生', phone: '13900000002' } };
const DONE = { actions: '现场处置完毕', result: '已解决', photosAfter: ['files/after.jpg'] };

/**
 * 吹哨报到, four events (all start together; the set then waits 3 hours and 14 days):
 * - W1 网格巡查 停车秩序, grid st-hepingli-c01-g1: 一般 → 前端处置 已解决, review passed, 满意 → End_Frontline.
 * - W2 12345 占道经营, grid st-hepingli-c01-g2: 疑难 → 吹哨 综合执法 + 市场监管 (both answer at once: 接单, 退单 →
 *   县中心 upholds it); 综合执法 reports in at once; joint handling, 不满意 → reopened, handled again, 满意;
 *   ratings 综合执法 attitude 5 effect 4, 市场监管 3 and 3 → End_Whistle.
 * - W3 部门移交 道路破损, grid st-dongfeng-c01-g1: 复杂, dispatched after 3 hours (派单超时) to 街道办理 (7 days),
 *   never handled → in progress, overdue, one overdue task.
 * - W4 12345 duplicate of W1 (anonymous) → End_Merged.
 */
export async function whistleCases(d: CaseDriver): Promise<Record<'W1' | 'W2' | 'W3' | 'W4', number>> {
  const W1 = await d.start('whistle-escalation', report('网格巡查', 'st-hepingli-c01-g1', '停车秩序', CONTACT));
  const W2 = await d.startByMessage('whistle-event-reported', report('12345', 'st-hepingli-c01-g2', '占道经营', CONTACT));
  const W3 = await d.start('whistle-escalation', report('部门移交', 'st-dongfeng-c01-g1', '道路破损', { anonymous: true }));
  const W4 = await d.start('whistle-escalation', report('12345', 'st-hepingli-c01-g1', '停车秩序', { anonymous: true }));

  await d.complete(W1, 'Activity_Register', { eventNo: d.caseNo(W1), ...report('网格巡查', 'st-hepingli-c01-g1', '停车秩序', CONTACT) });
  await d.complete(W1, 'Activity_InitialTriage', { initialLevel: '一般', frontlineHandler: '物业' });
  await d.complete(W1, 'Activity_Frontline', DONE);
  await d.complete(W1, 'Activity_Review', { passed: true, score: 5 });
  await d.complete(W1, 'Activity_FollowUp', { replyMethod: '电话', replied: true, satisfaction: '满意' });

  await d.complete(W2, 'Activity_Register', report('12345', 'st-hepingli-c01-g2', '占道经营', CONTACT));
  await d.complete(W2, 'Activity_InitialTriage', { initialLevel: '疑难' });
  await d.complete(W2, 'Activity_Dispatch', { level: '疑难', basis: '部门职责', assignedUnits: ['station-enforcement'] });
  await d.complete(W2, 'Activity_Whistle', { reason: '综合执法', depts: ['综合执法', '市场监管'], requiredAction: '到场', approver: 'leader' });
  await d.complete(W2, 'Activity_WhistleApproval', { approved: true });
  await d.complete(W2, 'Activity_DeptResponse', { decision: '接单' });
  await d.complete(W2, 'Activity_DeptResponse', { decision: '退单', refuseBasis: '不属于市场监管职责清单' });
  await d.complete(W2, 'Activity_Arbitration', { refusalUpheld: true, leadUnit: '综合执法', arbitrationNote: '由综合执法牵头' });
  await d.publish('whistle-dept-reported', `${d.caseNo(W2)}:zhifa`, { reportedAt: '2026-03-02T09:20:00+08:00' });
  await d.complete(W2, 'Activity_JointHandling', DONE);
  await d.complete(W2, 'Activity_Review', { passed: true, score: 4 });
  await d.complete(W2, 'Activity_FollowUp', { replyMethod: '电话', replied: true, satisfaction: '不满意', comment: '晚上仍有摊贩' });
  await d.complete(W2, 'Activity_JointHandling', DONE);
  await d.complete(W2, 'Activity_Review', { passed: true, score: 5 });
  await d.complete(W2, 'Activity_FollowUp', { replyMethod: '电话', replied: true, satisfaction: '满意' });
  await d.complete(W2, 'Activity_RateDepts', { timely: true, attitude: 5, effect: 4 });
  await d.complete(W2, 'Activity_RateDepts', { timely: true, attitude: 3, effect: 3 });

  await d.complete(W4, 'Activity_Register', report('12345', 'st-hepingli-c01-g1', '停车秩序', { anonymous: true, duplicateOf: d.caseNo(W1) }));

  await d.complete(W3, 'Activity_Register', report('部门移交', 'st-dongfeng-c01-g1', '道路破损', { anonymous: true }));
  await d.complete(W3, 'Activity_InitialTriage', { initialLevel: '复杂', judgementNote: '需要市政维修' });
  await d.advance('PT3H');
  await d.complete(W3, 'Activity_Dispatch', { level: '一般', basis: '街道职责清单', assignedUnits: ['section-planning'] });
  await d.advance('P14D');
  return { W1, W2, W3, W4 };
}

const PARTIES = (consent: string) => [
  { role: '申请人', name: '王芳', idNo: ID, phone: '13800000001', address: '春光小区3栋201', consent: '同意' },
  { role: '被申请人', name: '李强', phone: '13800000002', address: '春光小区3栋301', consent },
];

/**
 * 三调联动, three cases (all start together; agreement dates are those of the driver's clock):
 * - M1 当事人申请 邻里, grid st-hepingli-c01-g1: 人民调解, agreement (书面), judicial confirmation applied and confirmed,
 *   fully performed, return visit reached, not recurred → end_closed.
 * - M2 网格排查 邻里 (高 risk), grid st-hepingli-c01-g2: a party refuses → end_refused.
 * - M3 四方会谈 物业, grid st-xinhua-c01-g1: 四方会谈 fails → transferred to 人民调解 → 未达成 → 终止调解 → end_terminated.
 */
export async function mediationCases(d: CaseDriver): Promise<Record<'M1' | 'M2' | 'M3', number>> {
  const M1 = await d.start('three-way-mediation', { gridId: 'st-hepingli-c01-g1', source: '当事人申请' });
  const M2 = await d.start('three-way-mediation', { gridId: 'st-hepingli-c01-g2', source: '网格排查' });
  const M3 = await d.start('three-way-mediation', { gridId: 'st-xinhua-c01-g1', source: '四方会谈' });
  const facts = '被申请人家卫生间漏水，致申请人家天花板受损。';
  const session = (outcome: string) => ({ sessionDate: '2026-03-02', place: '人民调解室', mediators: ['张明'], summary: '释法说理', outcome });

  await d.complete(M1, 'task_register', { source: '当事人申请', applicationMode: '书面', gridId: 'st-hepingli-c01-g1', type: '邻里', parties: PARTIES('同意'), facts, risk: '低' });
  await d.complete(M1, 'task_session', session('达成'));
  const today = chinaDate(d.now);
  await d.complete(M1, 'task_agreement', { form: '书面', content: '赔偿维修费2000元', performDeadline: chinaDate(d.now + 18 * 86_400_000), effectiveDate: today, signatures: 'files/agreement.pdf' });
  await d.complete(M1, 'task_apply_confirmation', { applied: true, applyDate: today, court: '春光区人民法院' });
  await d.publish('mediation-judicial-confirmation-result', d.caseNo(M1), { result: '确认有效', rulingNo: '(2026)民特1号' });

  await d.complete(M2, 'task_register', { source: '网格排查', gridId: 'st-hepingli-c01-g2', type: '邻里', parties: PARTIES('拒绝'), facts, risk: '高', riskNote: '有冲突苗头' });

  await d.complete(M3, 'task_register', { source: '四方会谈', gridId: 'st-xinhua-c01-g1', type: '物业', parties: PARTIES('同意'), facts, risk: '低', communityAffairs: true });
  await d.complete(M3, 'task_session', session('未达成'));
  await d.complete(M3, 'task_transfer', { nextChannel: '人民调解', reason: '四方会谈未能化解' });
  await d.complete(M3, 'task_session', session('未达成'));
  await d.complete(M3, 'task_transfer', { nextChannel: '终止调解', reason: '分歧较大', routesInformed: ['诉讼'] });

  await d.advance('P20D');
  await d.complete(M1, 'task_performance_visit', { performed: '全部', next: '结案' });
  await d.advance('P31D');
  await d.complete(M1, 'task_return_visit', { method: '电话', reached: true, satisfaction: '满意', recurred: false });
  return { M1, M2, M3 };
}

/** The owner register of one estate: 580 m² in all; g4 owns two units; the developer's two unsold units are one owner. */
export const OWNER_REGISTER = [
  { unitId: '1-101', exclusiveArea: 100.25, areaSource: '不动产登记', ownerNames: ['赵一'], ownerGroupId: 'g1' },
  { unitId: '1-102', exclusiveArea: 89.75, areaSource: '不动产登记', ownerNames: ['钱二'], ownerGroupId: 'g2' },
  { unitId: '1-201', exclusiveArea: 110, areaSource: '实测', ownerNames: ['孙三'], ownerGroupId: 'g3' },
  { unitId: '1-202', exclusiveArea: 80, areaSource: '合同', ownerNames: ['李四'], ownerGroupId: 'g4' },
  { unitId: '1-301', exclusiveArea: 20, areaSource: '合同', ownerNames: ['李四'], ownerGroupId: 'g4' },
  { unitId: '1-302', exclusiveArea: 120, areaSource: '不动产登记', ownerNames: ['春光置业'], ownerGroupId: 'dev-1', developerUnsold: true },
  { unitId: '1-401', exclusiveArea: 60, areaSource: '不动产登记', ownerNames: ['春光置业'], ownerGroupId: 'dev-2', developerUnsold: true },
];

/**
 * 业委会选举, three cases in community st-hepingli-c01:
 * - Y1 首次成立 (starts at T0): group formed at once, 7-day 公示 ends 9 March; preparation from then to the end of the
 *   15-day candidate 公示 (25 March): 16 days; owners g1–g4 vote (400 of 580 m², 4 of 5 owners) for C1–C5, of whom
 *   C1–C3 are party members (3/5); first meeting and filing at once → end_established.
 * - Y2 换届, term ending 2027-03-31: renewal starts 31 December 2026.
 * - Y3 换届, term ending 2026-12-01: renewal starts 1 September, within 30 days of the end of all sets (18 August).
 * The set ends on 25 April 2026, 09:00.
 */
export async function electionCases(d: CaseDriver): Promise<Record<'Y1' | 'Y2' | 'Y3', number>> {
  const Y1 = await d.start('owners-committee-election', { orgId: 'st-hepingli-c01', estateName: '和园', trigger: '首次成立' });
  const Y2 = await d.start('owners-committee-election', { orgId: 'st-hepingli-c01', estateName: '春晖苑', trigger: '换届', termEndsOn: '2027-03-31' });
  const Y3 = await d.start('owners-committee-election', { orgId: 'st-hepingli-c01', estateName: '翠竹园', trigger: '换届', termEndsOn: '2026-12-01' });
  const member = (memberId: string, role: string, isOwner: boolean, unitId?: string) => ({ memberId, name: `成员${memberId}`, role, isOwner, ...(unitId ? { unitId } : {}), isPartyMember: true });
  await d.complete(Y1, 'task_form_group', {
    formedAt: '2026-03-02',
    members: [member('m1', '街道代表', false), member('m2', '居委会代表', false), member('m3', '业主代表', true, '1-101'), member('m4', '业主代表', true, '1-102'), member('m5', '业主代表', true, '1-201')],
    leaderId: 'm1',
  });
  await d.advance('P8D');
  await d.complete(Y1, 'task_owner_register', { ownerRegister: OWNER_REGISTER });
  await d.complete(Y1, 'task_bylaws', { bylawDraft: 'files/bylaw.pdf', rulesDraft: 'files/rules.pdf', partyLeadershipClause: true });
  await d.complete(Y1, 'task_election_method', {
    seats: 5, termYears: 5, electionMethod: '差额选举', meetingForms: ['现场'],
    votingStart: '2026-04-14T09:00:00+08:00', votingEnd: '2026-04-16T18:00:00+08:00', proxyAllowed: true,
  });
  const nominees = ['1-101', '1-102', '1-201', '1-202', '1-301', '1-302'].map((unitId, i) => ({
    candidateId: `C${i + 1}`, name: `候选人${i + 1}`, unitId, nomination: '自荐', isPartyMember: i < 3,
  }));
  await d.complete(Y1, 'task_nomination', { nominees });
  for (const n of nominees) {
    await d.complete(Y1, 'task_review_candidate', {
      name: n.name, unitId: n.unitId, nomination: n.nomination, isPartyMember: n.isPartyMember,
      eligibility: { fullCapacity: true, noArrears: true, noIllegalConstruction: true, notPropertyStaff: true }, review: '通过',
    });
  }
  await d.advanceTo('2026-04-14T10:00:00+08:00');
  for (const ownerGroupId of ['g1', 'g2', 'g3', 'g4']) {
    await d.publish('owners-committee-ballot', d.caseNo(Y1), { ballot: { ownerGroupId, method: '现场', choices: ['C1', 'C2', 'C3', 'C4', 'C5'] } });
  }
  await d.advanceTo('2026-04-17T09:00:00+08:00');
  await d.complete(Y1, 'task_confirm_tally', { tellers: ['甲'], scrutineers: ['乙'], confirmed: true });
  await d.complete(Y1, 'task_first_meeting', { meetingDate: '2026-04-18', chairName: '候选人1', attendance: 5, minutes: 'files/minutes.pdf' });
  await d.advanceTo('2026-04-25T09:00:00+08:00');
  await d.complete(Y1, 'task_filing', { filedAt: '2026-04-25', docs: ['files/filing.pdf'] });
  return { Y1, Y2, Y3 };
}

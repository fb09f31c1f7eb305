import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
// @camunda/linting ships no type declarations.
// @ts-expect-error untyped module
import { Linter } from '@camunda/linting';
import { parse as parseYaml } from 'yaml';
import { TestEngine } from '../../engine/test/support/test-engine.js';
import { testStores } from '../../engine/test/support/test-stores.js';
import { compileBpmn } from '../../engine/src/deployment/bpmn-compiler.js';
import { checkFormDefinition, parseFormKey, validateSubmission, type FormDefinition } from '../../engine/src/forms/index.js';
import { builtInWorkers } from '../../engine/src/workers/built-in-workers.js';
import { drainWorkers } from '../../engine/src/workers/job-worker.js';
import { runSimulation } from '../../engine/src/simulation/index.js';
import { compileDmn, evaluateDecision, type CompiledDecisionRequirements } from '../../engine/src/decision/index.js';

/**
 * 三调联动 and 业委会选举: the models lint clean for Camunda 8.6, deploy with their decision tables and forms, point
 * every user task at a valid form, and run through the embedded engine with the built-in workers — each user task
 * completed with data that its form accepts.
 */

const root = new URL('../../', import.meta.url);
const PROCESSES = ['three-way-mediation', 'owners-committee-election'] as const;
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const bpmnOf = (id: string) => read(`processes/${id}.bpmn`);
const formFiles = readdirSync(new URL('forms/', root)).filter(
  (file) => file.endsWith('.form.json') && PROCESSES.some((id) => file.startsWith(`${id}-`)),
);
const forms = new Map<string, FormDefinition>(
  formFiles.map((file) => {
    const form = JSON.parse(read(`forms/${file}`)) as FormDefinition;
    return [form.id, form];
  }),
);
const resources = () => [
  ...PROCESSES.flatMap((id) => [
    { name: `${id}.bpmn`, content: bpmnOf(id) },
    { name: `${id}.dmn`, content: read(`processes/${id}.dmn`) },
  ]),
  ...formFiles.map((file) => ({ name: file, content: read(`forms/${file}`) })),
];

const CJK = /[\u4e00-\u9fff]/;
/** Whole cases on PGlite, with every worker and timer on the way: far slower than a unit test. */
const CASE_TIMEOUT = 240_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the models', () => {
  it.each(PROCESSES)('%s lints without errors for Camunda 8.6 (desktop modeler rules)', async (id) => {
    const xml = bpmnOf(id);
    expect(xml).toContain('modeler:executionPlatformVersion="8.6.0"');
    const reports = (await new Linter({ modeler: 'desktop', type: 'cloud' }).lint(xml)) as Array<{ id: string; message: string; category: string; rule: string }>;
    const errors = reports.filter((report) => report.category === 'error');
    if (errors.length > 0) console.log(`${id}: lint errors\n${errors.map((e) => `  ${e.rule} ${e.id}: ${e.message}`).join('\n')}`);
    expect(errors).toEqual([]);
  });

  it.each(PROCESSES)('%s names every element in Chinese, documents the process in English, and has a diagram for every element', async (id) => {
    const compiled = await compileBpmn(`${id}.bpmn`, bpmnOf(id));
    expect(compiled.problems).toEqual([]);
    const [process] = compiled.processes;
    expect(process.bpmnProcessId).toBe(id);
    const xml = bpmnOf(id);
    expect(xml).toMatch(/<bpmn:process [^>]*>\s*<bpmn:documentation>[A-Za-z]/);
    for (const element of process.elements.values()) {
      if (element.kind === 'process') continue;
      expect(element.name ?? '', `${element.id} has a Chinese name`).toMatch(CJK);
      expect(xml, `${element.id} is drawn`).toContain(`bpmnElement="${element.id}"`);
    }
    for (const [, label] of xml.matchAll(/<bpmn:sequenceFlow [^>]*name="([^"]*)"/g)) expect(label).toMatch(CJK);
  });

  it('every user task opens one of the forms, and every form passes the definition check', async () => {
    for (const [id, form] of forms) {
      expect(checkFormDefinition(form), id).toEqual([]);
      expect(form.title).toMatch(CJK);
    }
    const used = new Set<string>();
    for (const id of PROCESSES) {
      const [process] = (await compileBpmn(`${id}.bpmn`, bpmnOf(id))).processes;
      for (const element of process.elements.values()) {
        if (element.kind !== 'userTask') continue;
        const formKey = element.userTask?.formKey;
        expect(formKey, `${element.id} has a form key`).toMatch(/^gongzhi:form:/);
        const formId = parseFormKey(formKey!);
        expect(forms.has(formId), `${element.id} opens ${formId}`).toBe(true);
        expect(formId.startsWith(`${id}-`), `${element.id} uses a form of its own process`).toBe(true);
        used.add(formId);
      }
    }
    // The ballot form is the payload of the ballot message, not a user task's form.
    expect([...forms.keys()].filter((id) => !used.has(id))).toEqual(['owners-committee-election-ballot']);
  });

  it.each(PROCESSES)('%s scenarios name only elements of the model, and between them end at every end event', async (id) => {
    const [process] = (await compileBpmn(`${id}.bpmn`, bpmnOf(id))).processes;
    const file = parseYaml(read(`processes/${id}.scenarios.yaml`)) as { process: string; scenarios: Array<{ name: string; steps: Array<Record<string, any>> }> };
    expect(file.process).toBe(id);
    const endsReached = new Set<string>();
    for (const scenario of file.scenarios) {
      for (const step of scenario.steps) {
        const named = [
          step.completeTask?.element,
          ...(step.expect?.waitingAt ?? []),
          ...(step.expect?.passed ?? []),
          ...(step.expect?.notPassed ?? []),
          step.expect?.endEvent,
        ].filter((element): element is string => typeof element === 'string');
        for (const element of named) expect(process.elements.has(element), `${scenario.name}: ${element}`).toBe(true);
        if (step.completeTask) expect(process.elements.get(step.completeTask.element)?.kind, `${scenario.name}: ${step.completeTask.element}`).toBe('userTask');
        if (step.expect?.endEvent) endsReached.add(step.expect.endEvent);
      }
    }
    // The case's outcomes: end events of the process itself that are not the end of a reminder's or escalation's
    // branch (those run beside the case and are checked with passed:).
    const afterBoundary = (elementId: string, seen = new Set<string>()): boolean => {
      if (seen.has(elementId)) return false;
      seen.add(elementId);
      const element = process.elements.get(elementId)!;
      if (element.kind === 'boundaryEvent') return !element.interrupting;
      return element.incoming.length > 0 && element.incoming.every((flowId) => afterBoundary(process.flows.get(flowId)!.sourceId, seen));
    };
    const outcomes = [...process.elements.values()].filter((e) => e.kind === 'endEvent' && e.flowScopeId === id && !afterBoundary(e.id));
    expect(outcomes.length).toBeGreaterThanOrEqual(4);
    expect(outcomes.map((e) => e.id).filter((end) => !endsReached.has(end))).toEqual([]);
  });

  it('personal fields are marked x-pii and ID numbers and phones carry their formats', () => {
    const registration = forms.get('three-way-mediation-registration')!.schema as any;
    const party = registration.properties.parties.items.properties;
    expect(party.name['x-pii']).toBe(true);
    expect(party.idNo).toMatchObject({ format: 'cn-id-card', 'x-pii': true });
    expect(party.phone).toMatchObject({ format: 'phone', 'x-pii': true });
    const register = (forms.get('owners-committee-election-owner-register')!.schema as any).properties.ownerRegister.items.properties;
    expect(register.idNo).toMatchObject({ format: 'cn-id-card', 'x-pii': true });
    expect(register.ownerNames['x-pii']).toBe(true);
  });

  it('forms enforce their conditional fields', () => {
    const check = (formId: string, data: unknown) => validateSubmission(forms.get(formId)!, data).errors.map((e) => e.field);
    // 书面协议 needs the signed document; 口头 does not.
    const agreement = { form: '书面', content: '甲方赔偿乙方2000元', performDeadline: '2026-02-01', effectiveDate: '2026-01-10' };
    expect(check('three-way-mediation-agreement', agreement)).toEqual(['/signatures']);
    expect(check('three-way-mediation-agreement', { ...agreement, form: '口头' })).toEqual([]);
    // A party that refuses is recorded; fewer than two parties or no respondent is not a dispute.
    const parties = [
      { role: '申请人', name: '王芳', consent: '同意', idNo: '11010519491231002X', phone: '13800000000' },
      { role: '申请人', name: '李强', consent: '同意' },
    ];
    const registration = { source: '网格排查', gridId: 'G-01', type: '邻里', parties, facts: '楼上漏水导致楼下天花板受损', risk: '低' };
    expect(check('three-way-mediation-registration', registration)).toContain('/parties');
    expect(check('three-way-mediation-registration', { ...registration, parties: [parties[0], { ...parties[1], role: '被申请人' }] })).toEqual([]);
    expect(check('three-way-mediation-registration', { ...registration, parties: [{ ...parties[0], idNo: '110105194912310021' }, { ...parties[1], role: '被申请人' }] })).toEqual([
      '/parties/0/idNo',
    ]);
    // 全部履行 leaves nothing but 结案.
    expect(check('three-way-mediation-performance', { performed: '全部', next: '诉讼引导' })).toEqual(['/next']);
    // A 委托 ballot needs the proxy's authorisation.
    expect(check('owners-committee-election-ballot', { ownerGroupId: 'g1', method: '委托', choices: ['C1'] }).sort()).toEqual(['/proxyDoc', '/proxyName']);
    // The bylaws must carry the party-leadership clause.
    expect(check('owners-committee-election-bylaws', { bylawDraft: 'files/1', rulesDraft: 'files/2', partyLeadershipClause: false })).toEqual([
      '/partyLeadershipClause',
    ]);
  });
});

describe('the decision tables', () => {
  const drgs = new Map<string, CompiledDecisionRequirements>();
  const decide = async (id: (typeof PROCESSES)[number], decisionId: string, variables: Record<string, unknown>) => {
    if (!drgs.has(id)) {
      const { drg, problems } = await compileDmn(`${id}.dmn`, read(`processes/${id}.dmn`));
      expect(problems).toEqual([]);
      drgs.set(id, drg!);
    }
    return evaluateDecision(drgs.get(id)!, decisionId, variables).output as Record<string, any>;
  };

  it('route disputes: court cases and enforceability to judicial mediation, estate matters to the four-party talk, administration-linked types to their department, the rest to people\'s mediation', async () => {
    const route = (variables: Record<string, unknown>) => decide('three-way-mediation', 'mediationRouting', { source: '当事人申请', ...variables });
    expect(await route({ source: '法院委派', type: '物业' })).toMatchObject({ channel: '司法调解', adminDept: null });
    expect(await route({ type: '邻里', inCourt: true })).toMatchObject({ channel: '司法调解' });
    expect(await route({ type: '债权债务', needEnforceability: true })).toMatchObject({ channel: '司法调解' });
    expect(await route({ type: '物业' })).toMatchObject({ channel: '四方会谈' });
    expect(await route({ type: '邻里', communityAffairs: true })).toMatchObject({ channel: '四方会谈' });
    expect(await route({ type: '交通事故' })).toMatchObject({ channel: '行政调解', adminDept: '公安交通管理部门' });
    expect(await route({ type: '消费' })).toMatchObject({ channel: '行政调解', adminDept: '市场监督管理部门' });
    expect(await route({ type: '环境' })).toMatchObject({ channel: '行政调解', adminDept: '生态环境部门' });
    expect(await route({ type: '土地承包' })).toMatchObject({ channel: '行政调解' });
    expect(await route({ source: '公安移交', type: '损害赔偿' })).toMatchObject({ channel: '人民调解' });
    for (const type of ['邻里', '婚姻家庭', '房屋宅基地', '债权债务', '劳动', '医疗', '其他']) {
      expect((await route({ type })).channel, type).toBe('人民调解');
    }
  });

  it('set up each channel: one month for people\'s mediation with the reminder on day 20, 20 working days for a department', async () => {
    const setup = (variables: Record<string, unknown>) => decide('three-way-mediation', 'mediationChannelSetup', { type: '邻里', adminDept: null, ...variables });
    expect(await setup({ channel: '人民调解' })).toEqual({
      agency: '社区人民调解委员会',
      handlerGroup: 'mediator',
      supervisorGroup: 'mediation-committee-head',
      amount: 30,
      unit: 'calendarDays',
      reminderFractions: [2 / 3],
    });
    expect(await setup({ channel: '人民调解', type: '医疗' })).toMatchObject({ agency: '医疗纠纷人民调解委员会' });
    expect(await setup({ channel: '行政调解', adminDept: '市场监督管理部门' })).toMatchObject({
      agency: '市场监督管理部门',
      handlerGroup: 'dept-market-regulation',
      amount: 20,
      unit: 'workingDays',
    });
    expect(await setup({ channel: '司法调解' })).toMatchObject({ handlerGroup: 'court-mediator', amount: 30, unit: 'calendarDays' });
    expect(await setup({ channel: '四方会谈' })).toMatchObject({ handlerGroup: 'community-party-committee', amount: 10, unit: 'workingDays', reminderFractions: [0.5] });
    // Every department the transfer form offers has a group to handle it.
    const transfer = forms.get('three-way-mediation-transfer')!.schema as any;
    for (const adminDept of transfer.properties.adminDept.enum) {
      expect((await setup({ channel: '行政调解', adminDept })).handlerGroup, adminDept).toMatch(/^dept-/);
    }
  });

  it('check the preparatory group: odd size, owner representatives at least half and owners, the leader from the street', async () => {
    const member = (memberId: string, role: string, isOwner = role === '业主代表') => ({ memberId, name: memberId, role, isOwner, isPartyMember: false });
    const five = [member('m1', '街道代表'), member('m2', '居委会代表'), member('m3', '业主代表'), member('m4', '业主代表'), member('m5', '业主代表')];
    const check = (members: unknown[], leaderId = 'm1') => decide('owners-committee-election', 'committeePreparatoryGroupCheck', { members, leaderId });
    expect(await check(five)).toEqual({ valid: true, problem: '筹备组组成符合规定' });
    expect(await check(five.slice(0, 4))).toMatchObject({ valid: false, problem: '筹备组人数应为单数' });
    expect(await check([...five.slice(0, 3), member('m4', '建设单位代表'), member('m5', '党组织代表')])).toMatchObject({
      valid: false,
      problem: '业主代表人数应不低于筹备组总人数的一半',
    });
    expect(await check(five, 'm3')).toMatchObject({ valid: false, problem: '筹备组组长应由街道办事处（乡镇人民政府）代表担任' });
    expect(await check(five, 'nobody')).toMatchObject({ valid: false });
    expect(await check([...five.slice(0, 4), member('m5', '业主代表', false)])).toMatchObject({ valid: false, problem: '业主代表应为本物业管理区域的业主' });
  });

  it('check a candidate: an owner of the estate, enough co-nominators, no disqualifier, and the reviewers\' verdict', async () => {
    const base = {
      ownerRegister: [{ unitId: '1-101' }, { unitId: '1-102' }],
      unitId: '1-101',
      nomination: '自荐',
      eligibility: { fullCapacity: true, noArrears: true, noIllegalConstruction: true, notPropertyStaff: true },
      review: '通过',
    };
    const check = (variables: Record<string, unknown>) => decide('owners-committee-election', 'committeeCandidateCheck', { ...base, ...variables });
    expect(await check({})).toEqual({ qualified: true, reason: '符合候选人条件' });
    expect(await check({ unitId: '9-999' })).toMatchObject({ qualified: false, reason: expect.stringContaining('不在业主名册') });
    expect(await check({ nomination: '业主联名', nominatorCount: 4 })).toMatchObject({ qualified: false, reason: '业主联名推荐不足5人' });
    expect(await check({ nomination: '业主联名', nominatorCount: 5 })).toMatchObject({ qualified: true });
    for (const [fact, reason] of [
      ['fullCapacity', '不具有完全民事行为能力'],
      ['noArrears', '欠缴物业服务费用或专项维修资金'],
      ['noIllegalConstruction', '有违法建设未整改'],
      ['notPropertyStaff', '本人或近亲属在本物业管理区域物业服务企业任职'],
    ]) {
      expect(await check({ eligibility: { ...base.eligibility, [fact]: false } }), fact).toEqual({ qualified: false, reason });
    }
    expect(await check({ review: '不通过' })).toMatchObject({ qualified: false });
  });

  it('check the slate: enough candidates for the seats; a low party share asks once for more nominations and never bars the election', async () => {
    const slate = (party: number, others: number) => [
      ...Array.from({ length: party }, (_, i) => ({ id: `P${i}`, isPartyMember: true })),
      ...Array.from({ length: others }, (_, i) => ({ id: `N${i}`, isPartyMember: false })),
    ];
    const check = (candidates: unknown[], partyShareRequested?: boolean) =>
      decide('owners-committee-election', 'committeeSlateCheck', { candidates, seats: 5, ...(partyShareRequested === undefined ? {} : { partyShareRequested }) });
    expect(await check(slate(2, 2))).toMatchObject({ action: '人数不足', partyShare: 0.5 });
    expect(await check([])).toMatchObject({ action: '人数不足', partyShare: 0 });
    expect(await check(slate(2, 4))).toMatchObject({ action: '党员比例不足' });
    expect(await check(slate(2, 4), true)).toMatchObject({ action: '进入公示' });
    expect(await check(slate(3, 3))).toMatchObject({ action: '进入公示', partyShare: 0.5 });
  });
});

describe('the scenario files on the simulator', () => {
  it.each(PROCESSES)(
    '%s: every scenario passes and together they cover at least 90% of the elements',
    async (id) => {
      const report = await runSimulation({
        resources: resources(),
        scenarioFiles: [{ name: `${id}.scenarios.yaml`, content: read(`processes/${id}.scenarios.yaml`) }],
      });
      const [process] = report.processes;
      const failures = process.scenarios.filter((s) => !s.passed).map((s) => `${s.name}: step ${s.failure?.step} ${s.failure?.message}`);
      expect(failures).toEqual([]);
      expect(process.passed).toBeGreaterThanOrEqual(5);
      expect(process.untakenElements).toEqual([]);
      expect(process.elementCoverage).toBeGreaterThanOrEqual(0.9);
    },
    10 * 60_000,
  );
});

interface TaskRow {
  key: number;
  element_id: string;
  element_instance_key: number;
  due_date: string | null;
  candidate_groups: string[];
  form_key: string;
}

/** Drives one case through the engine as staff and integrators would: forms checked, workers run, time advanced. */
class CaseDriver {
  pi = 0;
  private readonly workers;

  constructor(readonly t: TestEngine) {
    this.workers = builtInWorkers({ db: t.store.db, clock: t.clock });
  }

  private async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.t.store.db.executeQuery<T>(CompiledQuery.raw(sql, params))).rows;
  }

  /** Runs the built-in workers and fires timers already due, until nothing moves. */
  async settle(): Promise<void> {
    for (;;) {
      await drainWorkers(this.t.engine, this.workers, { now: () => this.t.clock.now() });
      const [due] = await this.rows<{ n: number }>('SELECT count(*)::int AS n FROM timers WHERE due_date <= $1', [this.t.clock.now()]);
      if (Number(due.n) === 0) break;
      await this.t.engine.advanceTime(0);
    }
    const incidents = (await this.t.incidents(this.pi || undefined)).filter((incident) => incident.state === 'ACTIVE');
    if (incidents.length > 0) throw new Error(`incident at ${incidents[0].elementId}: ${incidents[0].errorMessage}`);
  }

  async start(processId: string, variables: Record<string, unknown>): Promise<void> {
    this.pi = await this.t.start(processId, variables);
    await this.settle();
  }

  async startByMessage(name: string, variables: Record<string, unknown>): Promise<void> {
    await this.t.engine.publishMessage({ name, variables });
    const [row] = await this.rows<{ key: string }>('SELECT key FROM process_instance_view ORDER BY key DESC LIMIT 1');
    this.pi = Number(row.key);
    await this.settle();
  }

  async tasks(elementId?: string): Promise<TaskRow[]> {
    const rows = await this.rows<TaskRow>(
      `SELECT key, element_id, element_instance_key, due_date, candidate_groups, form_key FROM user_task_view
       WHERE process_instance_key = $1 AND state = 'CREATED' ORDER BY key`,
      [this.pi],
    );
    return rows.map((row) => ({ ...row, key: Number(row.key), element_instance_key: Number(row.element_instance_key) })).filter((row) => !elementId || row.element_id === elementId);
  }

  /** The variables a task's form opens with: those of its scope and every enclosing one. */
  async visible(elementInstanceKey: number): Promise<Record<string, unknown>> {
    const scopes: number[] = [];
    for (let key: number | null = elementInstanceKey; key !== null; ) {
      scopes.push(key);
      const rows: Array<{ flow_scope_key: string | null }> = await this.rows('SELECT flow_scope_key FROM element_instance_view WHERE key = $1', [key]);
      const parent = rows[0]?.flow_scope_key;
      key = parent === null || parent === undefined ? null : Number(parent);
    }
    const variables: Record<string, unknown> = {};
    for (const scope of scopes.reverse()) {
      for (const row of await this.rows<{ name: string; value: unknown }>('SELECT name, value FROM variable_view WHERE scope_key = $1', [scope])) {
        variables[row.name] = row.value;
      }
    }
    return variables;
  }

  /** Completes the first open task at the element with data its form accepts (a function gets the task's variables). */
  async complete(elementId: string, data: Record<string, unknown> | ((visible: Record<string, unknown>) => Record<string, unknown>)): Promise<TaskRow> {
    const [task] = await this.tasks(elementId);
    if (!task) throw new Error(`no open task at ${elementId}; waiting at ${(await this.t.activeElements(this.pi)).join(', ')}`);
    const submitted = typeof data === 'function' ? data(await this.visible(task.element_instance_key)) : data;
    const form = forms.get(parseFormKey(task.form_key))!;
    const validation = validateSubmission(form, submitted);
    if (!validation.valid) throw new Error(`${elementId}: ${form.id} refuses ${JSON.stringify(validation.errors)}`);
    await this.t.engine.completeJob(task.key, submitted);
    await this.settle();
    return task;
  }

  async publish(name: string, correlationKey: string, variables: Record<string, unknown> = {}): Promise<void> {
    await this.t.engine.publishMessage({ name, correlationKey, variables, timeToLive: HOUR });
    await this.settle();
  }

  /** Moves virtual time on, stopping at each timer on the way so that workers run at the time it fires. */
  async advance(ms: number): Promise<void> {
    const target = this.t.clock.now() + ms;
    for (;;) {
      const [next] = await this.rows<{ due: string | null }>('SELECT min(due_date) AS due FROM timers WHERE due_date <= $1', [target]);
      if (next?.due === null || next === undefined) break;
      await this.t.engine.advanceTime(Math.max(0, Number(next.due) - this.t.clock.now()));
      await this.settle();
    }
    await this.t.engine.advanceTime(target - this.t.clock.now());
    await this.settle();
  }

  async advanceTo(iso: string): Promise<void> {
    await this.advance(Date.parse(iso) - this.t.clock.now());
  }

  waiting(): Promise<string[]> {
    return this.t.activeElements(this.pi);
  }

  variables(): Promise<Record<string, any>> {
    return this.t.variables(this.pi);
  }

  async endEvents(): Promise<string[]> {
    const rows = await this.rows<{ element_id: string }>(
      `SELECT element_id FROM element_instance_view WHERE process_instance_key = $1 AND element_type = 'END_EVENT' AND state = 'COMPLETED' ORDER BY key`,
      [this.pi],
    );
    return rows.map((row) => row.element_id);
  }
}

// --- case data ----------------------------------------------------------------------------------
const parties = [
  { role: '申请人', name: '王芳', idNo: '11010519491231002X', phone: '13800000001', address: '春光小区3栋201', consent: '同意' },
  { role: '被申请人', name: '李强', phone: '13800000002', address: '春光小区3栋301', consent: '同意' },
];
const registration = {
  source: '当事人申请',
  applicationMode: '书面',
  gridId: 'G-0101-03',
  type: '邻里',
  parties,
  facts: '被申请人家卫生间漏水，致申请人家天花板和墙面受损，协商未果。',
  claims: '修复漏水并赔偿维修费用3000元',
  amount: 3000,
  risk: '低',
};
/** The registration of a dispute that did not come from a party's own application. */
const { applicationMode: _mode, ...withoutMode } = registration;
const session = (outcome: string) => ({
  sessionDate: '2026-01-08',
  place: '春光社区人民调解室',
  mediators: ['张调解员'],
  attendees: '王芳、李强',
  summary: '双方陈述事实，调解员释法说理。',
  outcome,
  ...(outcome === '中止' ? { nextSessionDate: '2026-01-15' } : {}),
});
const agreement = {
  form: '书面',
  content: '李强于2026年1月20日前修复漏水并赔偿王芳维修费用2000元。',
  performMethod: '现金支付',
  performDeadline: '2026-01-20',
  effectiveDate: '2026-01-09',
  signatures: 'files/agreement-signed.pdf',
};

describe.each(testStores)('three-way mediation on $name', (testStore) => {
  let t: TestEngine;
  let run: CaseDriver;
  beforeEach(async () => {
    t = await TestEngine.start(testStore);
    await t.engine.deploy(resources());
    run = new CaseDriver(t);
  }, CASE_TIMEOUT);
  afterEach(async () => t.close());

  it('main path: people\'s mediation agrees, the court confirms, the agreement is performed and the case closes after the follow-up visit', async () => {
    await run.start('three-way-mediation', { gridId: 'G-0101-03', source: '当事人申请' });
    const { caseNo } = await run.variables();
    expect(caseNo).toMatch(/^TJ-2026-\d+$/);
    await run.complete('task_register', registration);

    // Routed to people's mediation: one month, a reminder on day 20 and the due date on the task.
    const vars = await run.variables();
    expect(vars.routing.channel).toBe('人民调解');
    expect(vars.channelSetup).toMatchObject({ handlerGroup: 'mediator', supervisorGroup: 'mediation-committee-head', amount: 30, unit: 'calendarDays' });
    const [sessionTask] = await run.tasks('task_session');
    expect(sessionTask.candidate_groups).toEqual(['mediator']);
    expect(sessionTask.due_date).toBe(vars.mediationDeadline.dueAt);
    expect(vars.mediationDeadline.dueAt).toBe('2026-02-04T23:59:59.999+08:00');
    expect(vars.mediationDeadline.firstReminderAt.slice(0, 10)).toBe('2026-01-25');

    await run.complete('task_session', session('中止'));
    expect(await run.waiting()).toEqual(['task_session']);
    await run.complete('task_session', session('达成'));
    expect((await run.variables()).sessionCount).toBe(2);

    await run.complete('task_agreement', agreement);
    const { confirmationWindow } = await run.variables();
    expect(confirmationWindow.dueAt).toBe('2026-02-09T23:59:59.999+08:00');
    await run.complete('task_apply_confirmation', { applied: true, applyDate: '2026-01-10', court: '春光区人民法院' });
    expect(await run.waiting()).toEqual(['catch_court_result']);
    await run.publish('mediation-judicial-confirmation-result', caseNo, { result: '确认有效', rulingNo: '(2026)民特123号' });
    expect(await run.waiting()).toEqual(['catch_perform_deadline']);

    await run.advanceTo('2026-01-20T18:00:00+08:00');
    await run.complete('task_performance_visit', { performed: '全部', next: '结案' });
    expect(await run.waiting()).toEqual(['catch_return_visit']);
    await run.advance(30 * DAY);
    await run.complete('task_return_visit', { method: '电话', reached: true, satisfaction: '满意', recurred: false });

    expect(await t.state(run.pi)).toBe('COMPLETED');
    expect(await run.endEvents()).toEqual(['round_end_agreed', 'end_closed']);
    expect(await run.variables()).toMatchObject({ confirmationResult: '确认有效', channelHistory: ['人民调解'], transferCount: 0 });
  }, CASE_TIMEOUT);

  it('a party that refuses ends the case with the other routes; a high risk alerts the street first', async () => {
    await run.start('three-way-mediation', { gridId: 'G-0101-03', source: '网格排查' });
    await run.complete('task_register', {
      ...registration,
      source: '网格排查',
      risk: '高',
      riskNote: '双方多次争吵，有肢体冲突苗头',
      parties: [parties[0], { ...parties[1], consent: '拒绝' }],
    });
    expect(await t.state(run.pi)).toBe('COMPLETED');
    expect(await t.completedElements(run.pi)).toEqual(expect.arrayContaining(['task_risk_alert', 'task_notify_refused', 'end_refused']));
    const notifications = await t.store.db.executeQuery<{ template: string }>(
      CompiledQuery.raw('SELECT template FROM notifications WHERE process_instance_key = $1 ORDER BY key', [run.pi]),
    );
    expect(notifications.rows.map((row) => row.template)).toEqual(['dispute-risk-alert', 'mediation-refused']);
  }, CASE_TIMEOUT);

  it('a court referral goes to judicial mediation, whose overdue sessions are reminded and supervised, never cancelled; failing, it ends with the routes told', async () => {
    await run.startByMessage('mediation-referral', { gridId: 'G-0101-03', source: '法院委派', referral: { unit: '春光区人民法院', documentNo: '(2026)民诉前调1号' } });
    await run.complete('task_register', { ...withoutMode, source: '法院委派', referral: { unit: '春光区人民法院', documentNo: '(2026)民诉前调1号' }, type: '债权债务' });
    expect((await run.variables()).channel).toBe('司法调解');
    expect((await run.tasks('task_session'))[0].candidate_groups).toEqual(['court-mediator']);

    // Past day 20 and day 30: reminded, then escalated with the overdue flag — the session is still open.
    await run.advance(31 * DAY);
    expect(await run.waiting()).toEqual(['task_session', 'task_round_supervise']);
    expect((await run.variables()).overdue).toBe(true);
    await run.complete('task_round_supervise', { instruction: '抓紧组织调解', extension: '双方同意延期', extendedTo: '2026-02-20', consentDoc: 'files/consent.pdf' });

    await run.complete('task_session', session('未达成'));
    await run.complete('task_transfer', { nextChannel: '终止调解', reason: '双方分歧较大', routesInformed: ['诉讼'] });
    expect(await t.state(run.pi)).toBe('COMPLETED');
    expect(await run.endEvents()).toEqual(['end_round_reminded', 'end_round_supervised', 'round_end_failed', 'end_terminated']);
  }, CASE_TIMEOUT);

  it('a property dispute starts in the four-party talk and moves on to people\'s mediation when the talk fails', async () => {
    await run.start('three-way-mediation', { gridId: 'G-0101-03', source: '四方会谈' });
    await run.complete('task_register', { ...withoutMode, source: '四方会谈', type: '物业' });
    expect((await run.tasks('task_session'))[0].candidate_groups).toEqual(['community-party-committee']);
    await run.complete('task_session', session('未达成'));
    await run.complete('task_transfer', { nextChannel: '人民调解', reason: '四方会谈未能化解' });
    const vars = await run.variables();
    expect(vars).toMatchObject({ channel: '人民调解', channelHistory: ['四方会谈', '人民调解'], transferCount: 1 });
    expect((await run.tasks('task_session'))[0].candidate_groups).toEqual(['mediator']);
  }, CASE_TIMEOUT);
});

// --- an estate: 7 units, 5 owners (g4 owns two units, the developer's unsold units count as one) ---
const ownerRegister = [
  { unitId: '1-101', exclusiveArea: 100.25, areaSource: '不动产登记', ownerNames: ['赵一'], ownerGroupId: 'g1' },
  { unitId: '1-102', exclusiveArea: 89.75, areaSource: '不动产登记', ownerNames: ['钱二'], ownerGroupId: 'g2' },
  { unitId: '1-201', exclusiveArea: 110, areaSource: '实测', ownerNames: ['孙三'], ownerGroupId: 'g3' },
  { unitId: '1-202', exclusiveArea: 80, areaSource: '合同', ownerNames: ['李四'], ownerGroupId: 'g4' },
  { unitId: '1-301', exclusiveArea: 20, areaSource: '合同', ownerNames: ['李四'], ownerGroupId: 'g4' },
  { unitId: '1-302', exclusiveArea: 120, areaSource: '不动产登记', ownerNames: ['春光置业'], ownerGroupId: 'dev-1', developerUnsold: true },
  { unitId: '1-401', exclusiveArea: 60, areaSource: '不动产登记', ownerNames: ['春光置业'], ownerGroupId: 'dev-2', developerUnsold: true },
];
const nominees = [
  { candidateId: 'C1', name: '赵一', unitId: '1-101', nomination: '自荐', isPartyMember: true },
  { candidateId: 'C2', name: '钱二', unitId: '1-102', nomination: '党组织推荐', isPartyMember: true },
  { candidateId: 'C3', name: '孙三', unitId: '1-201', nomination: '业主联名', nominatorCount: 12, isPartyMember: true },
  { candidateId: 'C4', name: '李四', unitId: '1-202', nomination: '居委会推荐', isPartyMember: false },
  { candidateId: 'C5', name: '周五', unitId: '1-301', nomination: '自荐', isPartyMember: false },
  { candidateId: 'C6', name: '吴六', unitId: '9-999', nomination: '自荐', isPartyMember: false },
];
const eligible = { fullCapacity: true, noArrears: true, noIllegalConstruction: true, notPropertyStaff: true };
const group = {
  formedAt: '2026-01-05',
  members: [
    { memberId: 'm1', name: '街道刘', role: '街道代表', isOwner: false, isPartyMember: true },
    { memberId: 'm2', name: '居委陈', role: '居委会代表', isOwner: false, isPartyMember: true },
    { memberId: 'm3', name: '赵一', role: '业主代表', isOwner: true, unitId: '1-101', isPartyMember: true },
    { memberId: 'm4', name: '钱二', role: '业主代表', isOwner: true, unitId: '1-102', isPartyMember: false },
    { memberId: 'm5', name: '孙三', role: '业主代表', isOwner: true, unitId: '1-201', isPartyMember: true },
  ],
  leaderId: 'm1',
};
const method = {
  seats: 5,
  termYears: 5,
  electionMethod: '差额选举',
  meetingForms: ['现场', '电子'],
  votingStart: '2026-02-10T09:00:00+08:00',
  votingEnd: '2026-02-12T18:00:00+08:00',
  proxyAllowed: true,
};
const ballot = (ownerGroupId: string, choices: string[]) => ({ ballot: { ownerGroupId, method: '电子', choices } });

describe.each(testStores)('owners\' committee election on $name', (testStore) => {
  let t: TestEngine;
  let run: CaseDriver;
  beforeEach(async () => {
    t = await TestEngine.start(testStore);
    await t.engine.deploy(resources());
    run = new CaseDriver(t);
  }, CASE_TIMEOUT);
  afterEach(async () => t.close());

  /** From the group's formation to the opened voting window, with the group, register, method and slate above. */
  async function prepare(): Promise<string> {
    const { caseNo } = await run.variables();
    await run.complete('task_form_group', group);
    expect((await run.variables()).groupCheck).toEqual({ valid: true, problem: '筹备组组成符合规定' });
    expect(await run.waiting()).toEqual(['evgw_group_objection']);
    await run.advance(8 * DAY);
    const [register] = await run.tasks('task_owner_register');
    expect(register.due_date).toBe((await run.variables()).preparationDeadline.dueAt);
    await run.complete('task_owner_register', { ownerRegister });
    await run.complete('task_bylaws', { bylawDraft: 'files/bylaw.pdf', rulesDraft: 'files/rules.pdf', partyLeadershipClause: true });
    await run.complete('task_election_method', method);
    await run.complete('task_nomination', { nominees });
    // One review per nominee, each opening with that nominee's own fields.
    expect(await run.tasks('task_review_candidate')).toHaveLength(nominees.length);
    for (let i = 0; i < nominees.length; i++) {
      await run.complete('task_review_candidate', (visible) => {
        const { name, unitId, nomination, nominatorCount, isPartyMember } = visible as any;
        return { name, unitId, nomination, ...(nominatorCount ? { nominatorCount } : {}), isPartyMember, eligibility: eligible, review: '通过' };
      });
    }
    const vars = await run.variables();
    // C6's unit is not in the register: not qualified whatever the reviewers said.
    expect(vars.reviewedCandidates.map((c: any) => [c.candidateId, c.qualified])).toEqual([
      ['C1', true], ['C2', true], ['C3', true], ['C4', true], ['C5', true], ['C6', false],
    ]);
    expect(vars.candidates.map((c: any) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(vars.slateCheck).toMatchObject({ action: '进入公示', partyShare: 0.6 });
    await run.advance(16 * DAY);
    return caseNo;
  }

  it('main path: a first election elects five with exact area counts, meets, files and ends', async () => {
    await run.start('owners-committee-election', { orgId: 'C-0101', estateName: '春光小区', trigger: '首次成立' });
    const caseNo = await prepare();
    expect(await run.waiting()).toEqual(['catch_meeting_opens']);
    await run.advanceTo('2026-02-10T09:00:00+08:00');
    for (const owner of ['g1', 'g2', 'g3', 'g4']) await run.publish('owners-committee-ballot', caseNo, ballot(owner, ['C1', 'C2', 'C3', 'C4', 'C5']));
    await run.advanceTo('2026-02-12T18:00:00+08:00');

    const vars = await run.variables();
    expect(vars.tally.participation).toMatchObject({ area: '400', owners: 4, totalArea: '580', totalOwners: 5 });
    expect(vars).toMatchObject({ quorumMet: true, elected: ['C1', 'C2', 'C3', 'C4', 'C5'], partyShare: 0.6 });
    await run.complete('task_confirm_tally', (visible) => ({ tally: visible.tally, tellers: ['计票人甲'], scrutineers: ['监票人乙'], confirmed: true }));
    // Three of the five are party members: a figure on the dashboard, no warning.
    expect(await run.variables()).toMatchObject({ committeeMembers: ['C1', 'C2', 'C3', 'C4', 'C5'], committeePartyShare: 0.6 });
    expect(await t.completedElements(run.pi)).not.toContain('task_party_share_warning');
    const [meeting] = await run.tasks('task_first_meeting');
    expect(meeting.due_date).toBe((await run.variables()).firstMeetingDeadline.dueAt);
    await run.complete('task_first_meeting', { meetingDate: '2026-02-14', chairName: '赵一', viceChairNames: ['钱二'], minutes: 'files/minutes.pdf' });
    expect(await run.waiting()).toEqual(['catch_result_publicity']);
    await run.advance(7 * DAY);
    await run.complete('task_filing', { filedAt: '2026-02-25', docs: ['files/filing.pdf'], receiptNo: 'BA-2026-001', sealsMade: true });
    expect(await t.state(run.pi)).toBe('COMPLETED');
    expect((await run.endEvents()).at(-1)).toBe('end_established');
  }, CASE_TIMEOUT);

  it('a renewal waits for the term, and a vote below two thirds is extended once and then handed to the street', async () => {
    await run.start('owners-committee-election', { orgId: 'C-0101', estateName: '春光小区', trigger: '换届', termEndsOn: '2026-04-06' });
    expect(await run.waiting()).toEqual(['catch_renewal_start']);
    expect((await run.variables()).renewalStartsAt).toBe('2026-01-06T09:00:00+08:00');
    await run.advance(DAY);
    expect(await run.waiting()).toEqual(['task_form_group']);
    // An even group led by an owner is sent back.
    await run.complete('task_form_group', { ...group, members: group.members.slice(0, 4) });
    expect((await run.variables()).groupCheck).toEqual({ valid: false, problem: '筹备组人数应为单数' });
    expect(await run.waiting()).toEqual(['task_form_group']);
    // Re-formed, the group carries on as in the main path up to the vote.
    const caseNo = await prepare();
    await run.advanceTo('2026-02-10T09:00:00+08:00');
    await run.publish('owners-committee-ballot', caseNo, ballot('g1', ['C1']));
    await run.advanceTo('2026-02-12T18:00:00+08:00');
    expect((await run.variables()).quorumMet).toBe(false);
    await run.complete('task_confirm_tally', { tellers: ['计票人甲'], scrutineers: ['监票人乙'], confirmed: true });
    // Seven days from 12 February end on the 19th, inside the Spring Festival holiday: the window runs to the next working day.
    expect((await run.variables()).votingWindow).toMatchObject({ extended: true, closesAt: '2026-02-24T23:59:59.999+08:00' });
    await run.advanceTo('2026-02-25T00:00:00+08:00');
    await run.complete('task_confirm_tally', { tellers: ['计票人甲'], scrutineers: ['监票人乙'], confirmed: true });
    await run.complete('task_street_decision', { failureDecision: '居委会代行', reason: '两次投票均未达到法定参与比例' });
    expect(await t.state(run.pi)).toBe('COMPLETED');
    expect((await run.endEvents()).at(-1)).toBe('end_residents_committee');
  }, CASE_TIMEOUT);
});

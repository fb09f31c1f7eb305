import { readFileSync } from 'node:fs';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @camunda/linting ships no type declarations.
// @ts-expect-error untyped module
import { Linter } from '@camunda/linting';
import { existsSync } from 'node:fs';
import { compileBpmnProcesses } from '../../engine/src/deployment/bpmn-compiler.js';
import { sharedZeebeModdle } from '../../engine/src/deployment/zeebe-moddle.js';
import { compileDmn, evaluateDecision, type CompiledDecisionRequirements } from '../../engine/src/decision/index.js';
import { checkFormDefinition, parseFormKey, validateSubmission, type FormDefinition } from '../../engine/src/forms/index.js';
import type { ExecutableProcess } from '../../engine/src/model/executable-process.js';
import { builtInWorkers } from '../../engine/src/workers/built-in-workers.js';
import { drainWorkers } from '../../engine/src/workers/job-worker.js';
import { TestEngine } from '../../engine/test/support/test-engine.js';
import { testStores } from '../../engine/test/support/test-stores.js';

/**
 * The service-item (便民服务事项办理) and whistle-escalation (吹哨报到/乡呼县应) processes: they lint clean for
 * Camunda 8.6, deploy with their decision tables and forms, every form is usable and every user task's form exists,
 * the decision tables say what the processes rely on, and the main paths run through the engine with the built-in
 * workers, every task completed with data its form accepts.
 */

const PROCESS_IDS = ['service-item', 'whistle-escalation'] as const;
type ProcessId = (typeof PROCESS_IDS)[number];
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const bpmnOf = (id: ProcessId) => read(`processes/${id}.bpmn`);
const dmnOf = (id: ProcessId) => read(`processes/${id}.dmn`);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The ids of every form a process's user tasks point at. */
function formIdsOf(process: ExecutableProcess): Map<string, string> {
  const ids = new Map<string, string>();
  for (const element of process.elements.values()) {
    if (element.kind !== 'userTask') continue;
    expect(element.userTask?.formKey, `user task ${element.id} has a form key`).toMatch(/^gongzhi:form:/);
    ids.set(element.id, parseFormKey(element.userTask!.formKey!));
  }
  return ids;
}

const compiled = new Map<ProcessId, ExecutableProcess>();
const forms = new Map<string, FormDefinition>();
const formIdByTask = new Map<string, string>();

beforeAll(async () => {
  for (const id of PROCESS_IDS) {
    const [process] = await compileBpmnProcesses(`${id}.bpmn`, bpmnOf(id));
    compiled.set(id, process);
    for (const [taskId, formId] of formIdsOf(process)) {
      formIdByTask.set(`${id}/${taskId}`, formId);
      if (!forms.has(formId)) forms.set(formId, JSON.parse(read(`forms/${formId}.form.json`)) as FormDefinition);
    }
  }
}, 120_000);

describe('Camunda 8.6 lint', () => {
  it.each(PROCESS_IDS)('%s has no lint errors', async (id) => {
    const reports: Array<{ id: string; message: string; category: string; rule: string }> = await new Linter({ modeler: 'desktop', type: 'cloud' }).lint(bpmnOf(id));
    const errors = reports.filter((r) => r.category === 'error');
    // Warnings are printed too: job-based user tasks are deprecated in favour of Camunda user tasks, which zeebe-node cannot serve.
    if (reports.length > 0) console.log(`${id}:\n${reports.map((r) => `  ${r.category} ${r.rule} ${r.id}: ${r.message}`).join('\n')}`);
    expect(errors.map((r) => `${r.rule} ${r.id}: ${r.message}`)).toEqual([]);
  });

  it('lints against Camunda Cloud 8.6 (the linter checks nothing when the platform is not declared)', () => {
    for (const id of PROCESS_IDS) {
      expect(bpmnOf(id)).toContain('modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0"');
    }
  });
});

describe('modelling conventions', () => {
  it.each(PROCESS_IDS)('%s: every element has a Chinese name and English documentation, every conditional flow a Chinese label', async (id) => {
    const { rootElement } = await sharedZeebeModdle().fromXML(bpmnOf(id));
    const process = (rootElement as any).rootElements.find((e: any) => e.$type === 'bpmn:Process');
    const problems: string[] = [];
    const visit = (container: any): void => {
      for (const element of container.flowElements ?? []) {
        if (element.$type === 'bpmn:SequenceFlow') {
          if (element.conditionExpression && !/\p{Script=Han}/u.test(element.name ?? '')) problems.push(`${element.id}: conditional flow without a Chinese label`);
          continue;
        }
        if (!/\p{Script=Han}/u.test(element.name ?? '')) problems.push(`${element.id}: no Chinese name`);
        const doc = element.documentation?.[0]?.text ?? '';
        // English prose; Chinese terms of art (帮代办, 即办件) may stand in it.
        if ((doc.match(/\b[A-Za-z]{2,}\b/g) ?? []).length < 3) problems.push(`${element.id}: no English documentation`);
        if (element.$type === 'bpmn:SubProcess') visit(element);
      }
    };
    visit(process);
    expect(process.name).toMatch(/\p{Script=Han}/u);
    expect(problems).toEqual([]);
  });

  it.each(PROCESS_IDS)('%s: every deadline is followed by non-interrupting reminders and supervision, never a cancellation', async (id) => {
    const process = compiled.get(id)!;
    const deadlines = [...process.elements.values()].filter((e) => e.job?.type.type === 'static' && e.job.type.value === 'gongzhi.deadline');
    expect(deadlines.length).toBeGreaterThan(3);
    for (const deadline of deadlines) {
      const variable = deadline.job!.customHeaders.resultVariable;
      const timers = [...process.elements.values()].filter(
        (e) => e.kind === 'boundaryEvent' && e.eventDefinition?.type === 'timer' && JSON.stringify(e.eventDefinition).includes(`${variable}.`),
      );
      expect(timers.length, `timers on ${variable}`).toBeGreaterThan(0);
      const dueTimers = timers.filter((e) => JSON.stringify(e.eventDefinition).includes(`${variable}.dueAt`));
      expect(dueTimers.length, `${variable}.dueAt escalates`).toBeGreaterThan(0);
      // Only the 补正 period ends a case when it passes (the applicant's own deadline); SLAs on staff never cancel.
      for (const timer of timers) expect(timer.interrupting, timer.id).toBe(variable === 'supplementDeadline' && timer.id === 'Event_SupplementExpired');
    }
  });
});

describe('forms', () => {
  it('every user task points at a form file, and every form passes the definition check', () => {
    expect(formIdByTask.size).toBeGreaterThan(20);
    for (const [formId, form] of forms) {
      expect(form.id, `forms/${formId}.form.json has its own id`).toBe(formId);
      expect(checkFormDefinition(form), formId).toEqual([]);
    }
  });

  it('forms are named after their process', () => {
    for (const [task, formId] of formIdByTask) expect(formId.startsWith(task.split('/')[0]), task).toBe(true);
  });

  it('every field has a Chinese title, and personal fields are marked x-pii', () => {
    const titled = (schema: any, path: string): void => {
      for (const [name, field] of Object.entries<any>(schema.properties ?? {})) {
        expect(field.title, `${path}/${name}`).toMatch(/\p{Script=Han}/u);
        if (field.type === 'object') titled(field, `${path}/${name}`);
        if (field.type === 'array' && field.items?.type === 'object') titled(field.items, `${path}/${name}/items`);
      }
    };
    for (const [formId, form] of forms) titled(form.schema, formId);
    const intake = forms.get('service-item-intake')!.schema as any;
    for (const name of ['applicantName', 'idNumber', 'phone']) expect(intake.properties[name]['x-pii'], name).toBe(true);
    const report = forms.get('whistle-escalation-report')!.schema as any;
    expect(report.properties.contact.properties.phone['x-pii']).toBe(true);
  });

  const intake = () => forms.get('service-item-intake')!;
  const validIntake = {
    itemCode: 'GL-001',
    channel: '街道窗口',
    applicantName: '王秀英',
    idType: '居民身份证',
    idNumber: '11010519491231002X',
    phone: '13800000001',
    gridId: 'st-hepingli-c01-g1',
    specialGroup: '无',
    needProxy: false,
    materials: [
      { code: 'ID', provided: true },
      { code: 'HKB', provided: true },
      { code: 'BANK', provided: true },
    ],
    acceptDecision: '受理',
  };

  it('受理登记 accepts a complete registration and names every missing or conditional field', () => {
    expect(validateSubmission(intake(), validIntake)).toEqual({ valid: true, errors: [] });
    const fieldsOf = (data: unknown) => validateSubmission(intake(), data, 'en').errors.map((e) => e.field);
    // 身份证号 with a wrong check digit (the right one is X).
    expect(fieldsOf({ ...validIntake, idNumber: '110105194912310021' })).toEqual(['/idNumber']);
    // Another ID type is not checked as a 居民身份证.
    expect(fieldsOf({ ...validIntake, idType: '其他', idNumber: 'E12345678' })).toEqual([]);
    expect(fieldsOf({ ...validIntake, phone: '12345' })).toEqual(['/phone']);
    expect(fieldsOf({ ...validIntake, acceptDecision: '不予受理' })).toEqual(['/reason']);
    expect(fieldsOf({ ...validIntake, needProxy: true })).toEqual(['/proxyAuthorization']);
    expect(fieldsOf({ ...validIntake, materials: [{ code: 'ID', provided: false }] })).toEqual(['/oneTimeNotice']);
    expect(fieldsOf({ ...validIntake, itemCode: 'XX-999' })).toEqual(['/itemCode']);
    expect(fieldsOf({ ...validIntake, channel: '电话' })).toEqual(['/channel']);
  });

  it('事件上报 needs photos for grid patrols and refuses a contact on an anonymous report', () => {
    const report = forms.get('whistle-escalation-report')!;
    const valid = {
      source: '12345',
      gridId: 'st-hepingli-c01-g1',
      location: { address: '和平里街道和平社区3号楼' },
      category: '小区飞线',
      description: '3号楼楼道有电动车飞线充电',
      urgency: '紧急',
      contact: { name: '李先生', phone: '13900000002' },
    };
    const fieldsOf = (data: unknown) => validateSubmission(report, data, 'en').errors.map((e) => e.field);
    expect(fieldsOf(valid)).toEqual([]);
    expect(fieldsOf({ ...valid, source: '网格巡查' })).toEqual(['/photos']);
    expect(fieldsOf({ ...valid, source: '网格巡查', photos: [] })).toEqual(['/photos']);
    expect(fieldsOf({ ...valid, source: '网格巡查', photos: ['https://files.example.org/p/1.jpg'] })).toEqual([]);
    expect(fieldsOf({ ...valid, anonymous: true })).not.toEqual([]);
    const { contact: _contact, ...anonymous } = valid;
    expect(fieldsOf({ ...anonymous, anonymous: true })).toEqual([]);
  });

  it('the enums are exactly the ones PROCESSES.md lists', () => {
    const enumOf = (formId: string, field: string) => (forms.get(formId)!.schema as any).properties[field].enum;
    expect(enumOf('service-item-intake', 'channel')).toEqual(['社区窗口', '街道窗口', '网上', '上门', '网格员代报']);
    expect(enumOf('service-item-intake', 'specialGroup')).toEqual(['无', '高龄', '残疾', '失能', '空巢', '困难']);
    expect(enumOf('service-item-intake', 'acceptDecision')).toEqual(['受理', '需补正', '不予受理', '引导']);
    expect(enumOf('service-item-handling', 'decision')).toEqual(['准予', '不予', '部分准予']);
    expect(enumOf('service-item-delivery', 'deliveryMode')).toEqual(['窗口领取', '邮寄', '上门送达', '电子证照']);
    expect(enumOf('service-item-follow-up', 'method')).toEqual(['电话', '短信', '上门', '微信']);
    expect(enumOf('service-item-follow-up', 'rating')).toHaveLength(5);
    expect(enumOf('whistle-escalation-report', 'source')).toEqual(['网格巡查', '12345', '汶诉即办', '微信群', 'APP点单', '监督员', '部门移交']);
    expect(enumOf('whistle-escalation-report', 'urgency')).toEqual(['一般', '紧急', '特急']);
    expect(enumOf('whistle-escalation-dispatch', 'basis')).toEqual(['街道职责清单', '街道配合事项清单', '部门职责', '清单外']);
    expect(enumOf('whistle-escalation-whistle', 'reason')).toEqual(['群众反映突出街道无法解决', '综合执法', '应急处置']);
    expect((forms.get('whistle-escalation-whistle')!.schema as any).properties.depts.items.enum).toEqual([
      '综合执法', '公安', '司法', '市场监管', '自然资源', '交通运输', '消防', '住建', '生态环境', '水电气热企业',
    ]);
    expect(enumOf('whistle-escalation-whistle', 'requiredAction')).toEqual(['到场', '会商', '书面答复']);
    expect(enumOf('whistle-escalation-dept-response', 'decision')).toEqual(['接单', '退单', '申请延期']);
    expect(enumOf('whistle-escalation-feedback', 'result')).toEqual(['已解决', '部分解决', '需协调', '不属实']);
  });
});

describe('decision tables', () => {
  let catalogue: CompiledDecisionRequirements;
  let triage: CompiledDecisionRequirements;
  beforeAll(async () => {
    const a = await compileDmn('service-item.dmn', dmnOf('service-item'));
    const b = await compileDmn('whistle-escalation.dmn', dmnOf('whistle-escalation'));
    expect([...a.problems, ...b.problems]).toEqual([]);
    catalogue = a.drg!;
    triage = b.drg!;
  });

  it('事项清单 carries real items with level, 即办/承诺, time limit and materials', () => {
    const item = (itemCode: string) => evaluateDecision(catalogue, 'service-item-catalogue', { itemCode }).output as Record<string, any>;
    expect(item('DB-001')).toMatchObject({ listed: true, itemName: '最低生活保障申请', level: '需区级部门', handlingType: '承诺件', promisedDays: 30, publicNotice: true, dept: 'minzheng' });
    expect(item('YL-001')).toMatchObject({ listed: true, level: '社区可办', handlingType: '即办件', promisedDays: 0, proxyAllowed: true });
    expect(item('YB-001').itemName).toContain('居民医保缴费');
    expect(item('CJ-001').itemName).toBe('残疾人证新办');
    expect(item('JZ-001')).toMatchObject({ itemName: '居住证明开具', handlingType: '即办件', proxyAllowed: false });
    expect(item('DB-001').materials.map((m: { code: string }) => m.code)).toEqual(['ID', 'HKB', 'INCOME', 'AUTH']);
    expect(item('HY-001')).toMatchObject({ listed: false, materials: [] });
    expect(item('HY-001').guidance).toMatch(/引导/);
  });

  it('the intake form lists exactly the catalogue\'s items, and every material the catalogue asks for', () => {
    const schema = forms.get('service-item-intake')!.schema as any;
    const codes: string[] = schema.properties.itemCode.enum;
    const materialCodes: string[] = schema.properties.materials.items.properties.code.enum;
    const xml = dmnOf('service-item');
    const ruleCodes = [...xml.matchAll(/<inputEntry id="[^"]+">\s*<text>(?:"|&#34;)([A-Z]+-\d{3})(?:"|&#34;)<\/text>/g)].map((m) => m[1]);
    expect(ruleCodes.length).toBeGreaterThanOrEqual(10);
    expect(codes).toEqual(ruleCodes);
    for (const code of codes) {
      const output = evaluateDecision(catalogue, 'service-item-catalogue', { itemCode: code }).output as Record<string, any>;
      expect(output.listed, code).toBe(true);
      expect(['社区可办', '街道办结', '需区级部门']).toContain(output.level);
      expect(output.handlingType === '即办件' ? output.promisedDays === 0 : output.promisedDays > 0, code).toBe(true);
      if (output.level === '需区级部门') expect(output.dept, code).toMatch(/^[a-z]+$/);
      for (const material of output.materials) expect(materialCodes, `${code} ${material.code}`).toContain(material.code);
    }
  });

  it('派单分流 routes by level, list basis, urgency and category, with the handling limit', () => {
    const route = (input: Record<string, unknown>) =>
      evaluateDecision(triage, 'whistle-triage', { level: '一般', basis: '街道职责清单', urgency: '一般', category: '道路破损', needMeeting: false, ...input }).output;
    expect(route({})).toMatchObject({ route: '街道办理', handlingAmount: 7, handlingUnit: 'calendarDays' });
    expect(route({ category: '小区飞线' })).toMatchObject({ route: '街道办理', handlingAmount: 24, handlingUnit: 'hours' });
    expect(route({ level: '复杂' })).toMatchObject({ route: '会议处置', handlingAmount: 15 });
    expect(route({ needMeeting: true })).toMatchObject({ route: '会议处置' });
    expect(route({ level: '疑难' })).toMatchObject({ route: '吹哨', handlingAmount: 15 });
    expect(route({ basis: '部门职责' })).toMatchObject({ route: '吹哨' });
    expect(route({ basis: '街道配合事项清单', level: '复杂' })).toMatchObject({ route: '吹哨' });
    expect(route({ urgency: '特急', category: '矛盾纠纷' })).toMatchObject({ route: '吹哨', handlingAmount: 2, handlingUnit: 'hours' });
    expect(route({ category: '矛盾纠纷' })).toMatchObject({ route: '转其他程序' });
  });

  it('every route the table gives has a branch in the process, and every department of the 吹哨 form a code', () => {
    const whistle = bpmnOf('whistle-escalation');
    for (const route of ['街道办理', '会议处置', '吹哨', '转其他程序']) expect(whistle).toContain(`=route = &#34;${route}&#34;`);
    const depts: string[] = (forms.get('whistle-escalation-whistle')!.schema as any).properties.depts.items.enum;
    for (const dept of depts) expect(whistle, dept).toMatch(new RegExp(`&#34;${dept}&#34;: &#34;[a-z]+&#34;`));
  });
});

/** Runs cases through the engine with the built-in workers; tasks are completed only with data their form accepts. */
class CaseDriver {
  private readonly workers;
  constructor(readonly t: TestEngine) {
    this.workers = builtInWorkers({ db: t.store.db, clock: t.clock });
  }

  async settle(): Promise<void> {
    await drainWorkers(this.t.engine, this.workers, { now: () => this.t.clock.now() });
  }

  async start(processId: ProcessId, variables: Record<string, unknown>): Promise<number> {
    const key = await this.t.start(processId, variables);
    await this.settle();
    return key;
  }

  async rows<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
    return (await this.t.store.db.executeQuery<T>(CompiledQuery.raw(query, params))).rows;
  }

  async openTasks(pi: number): Promise<Array<{ key: string; element_id: string; candidate_groups: string[]; due_date: string | null; assignee: string | null }>> {
    return this.rows(`SELECT key, element_id, candidate_groups, due_date, assignee FROM user_task_view WHERE process_instance_key = $1 AND state = 'CREATED' ORDER BY key`, [pi]);
  }

  /** Completes one open task of `elementId` (the first when there are several) with form-valid data. */
  async complete(processId: ProcessId, pi: number, elementId: string, variables: Record<string, unknown>): Promise<void> {
    const task = (await this.openTasks(pi)).find((t) => t.element_id === elementId);
    expect(task, `an open task ${elementId}; open: ${(await this.openTasks(pi)).map((t) => t.element_id).join(', ')}`).toBeDefined();
    const form = forms.get(formIdByTask.get(`${processId}/${elementId}`)!)!;
    const validation = validateSubmission(form, variables, 'en');
    expect(validation.errors, `${elementId} data fits form ${form.id}`).toEqual([]);
    await this.t.engine.completeJob(Number(task!.key), variables);
    await this.settle();
  }

  async advance(ms: number): Promise<void> {
    await this.t.engine.advanceTime(ms);
    await this.settle();
  }

  async publish(name: string, correlationKey: string, variables: Record<string, unknown> = {}): Promise<void> {
    await this.t.engine.publishMessage({ name, correlationKey, variables });
    await this.settle();
  }

  async waitingAt(pi: number): Promise<string[]> {
    return this.t.activeElements(pi);
  }

  async notifications(pi: number): Promise<Array<{ template: string; recipient: string; channel: string; payload: Record<string, unknown> }>> {
    return this.rows(`SELECT template, recipient, channel, payload FROM notifications WHERE process_instance_key = $1 ORDER BY key`, [pi]);
  }

  async endedAt(pi: number): Promise<string | undefined> {
    const records = await this.t.records(pi);
    const ends = records.filter((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as any).bpmnElementType === 'END_EVENT' && (r.value as any).flowScopeKey === pi);
    return ends.map((r) => (r.value as any).elementId).pop();
  }
}

describe.each(testStores)('running the processes on $name', (testStore) => {
  let t: TestEngine;
  let run: CaseDriver;

  beforeAll(async () => {
    t = await TestEngine.start(testStore);
    run = new CaseDriver(t);
    const resources = PROCESS_IDS.flatMap((id) => [
      { name: `${id}.bpmn`, content: bpmnOf(id) },
      { name: `${id}.dmn`, content: dmnOf(id) },
    ]);
    for (const [formId, form] of forms) resources.push({ name: `${formId}.form.json`, content: JSON.stringify(form) });
    const deployed = await t.engine.deploy(resources);
    expect(deployed.processes.map((p) => p.bpmnProcessId).sort()).toEqual([...PROCESS_IDS]);
    expect(deployed.forms).toHaveLength(forms.size);
  }, 300_000);
  afterAll(async () => t?.close());

  const applicant = { applicantName: '王秀英', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13800000001' };

  it('低保: survey, 7-day public notice, the district department decides, delivery and a satisfied follow-up', async () => {
    const pi = await run.start('service-item', { itemCode: 'DB-001', channel: '街道窗口', gridId: 'st-hepingli-c01-g1', ...applicant });
    expect(await run.waitingAt(pi)).toEqual(['Activity_Intake']);
    const vars = await t.variables(pi);
    expect(vars.caseNo).toMatch(/^BM-2026-\d{6}$/);
    expect(vars.item).toMatchObject({ itemName: '最低生活保障申请', level: '需区级部门' });
    // 5 working days from Monday 5 January 2026, the day of application not counted: due at the end of Monday the 12th.
    const acceptDeadline = vars.acceptDeadline as { dueAt: string; firstReminderAt: string };
    expect(acceptDeadline.dueAt.slice(0, 10)).toBe('2026-01-12');
    expect((await run.openTasks(pi))[0]).toMatchObject({ due_date: acceptDeadline.dueAt, candidate_groups: ['window-clerk'] });

    await run.complete('service-item', pi, 'Activity_Intake', {
      itemCode: 'DB-001',
      channel: '街道窗口',
      gridId: 'st-hepingli-c01-g1',
      ...applicant,
      specialGroup: '困难',
      needProxy: true,
      proxyAuthorization: 'https://files.example.org/proxy/1.pdf',
      materials: ['ID', 'HKB', 'INCOME', 'AUTH'].map((code) => ({ code, provided: true })),
      acceptDecision: '受理',
    });
    expect(await run.waitingAt(pi)).toEqual(['Activity_Proxy']);
    await run.complete('service-item', pi, 'Activity_Proxy', { proxyAgent: '陈静', authorizationChecked: true, homeVisit: true, visitDate: '2026-01-06', visitAddress: '和平社区5号楼2单元301' });

    expect(await run.waitingAt(pi)).toEqual(['Activity_Survey']);
    const deadline = (await t.variables(pi)).deadline as { dueAt: string; reminders: Array<{ fraction: number; at: string }> };
    expect(deadline.reminders).toHaveLength(1);
    expect(deadline.dueAt > '2026-02-13').toBe(true); // 30 working days
    expect((await run.notifications(pi)).map((n) => n.template)).toEqual(['acceptance-receipt']);

    await run.complete('service-item', pi, 'Activity_Survey', {
      surveyDate: '2026-01-07',
      surveyors: '李明、赵丽',
      householdSize: 2,
      monthlyIncomePerCapita: 650,
      findings: '家庭人均收入低于当地低保标准，无大额存款和车辆',
      noticeStart: '2026-01-08',
      noticePlace: '和平社区公示栏',
    });
    expect(await run.waitingAt(pi)).toEqual(['Event_NoticePeriod']);
    await run.advance(7 * DAY);
    expect(await run.waitingAt(pi)).toEqual(['Activity_WaitDeptResult']);
    const transfer = (await run.notifications(pi)).find((n) => n.template === 'dept-transfer');
    expect(transfer).toMatchObject({ recipient: 'dept-minzheng', channel: 'internal' });

    await run.publish('service-item-dept-result', String(vars.caseNo), { decision: '准予', handlerUnit: '区民政局' });
    expect(await run.waitingAt(pi)).toEqual(['Activity_Delivery']);
    await run.complete('service-item', pi, 'Activity_Delivery', { deliveryMode: '上门送达', visitCount: 1, deliveredAt: '2026-01-20T10:00:00+08:00' });
    expect(await run.waitingAt(pi)).toEqual(['Activity_FollowUp']);
    await run.complete('service-item', pi, 'Activity_FollowUp', { method: '电话', reached: true, rating: '非常满意', resolved: true });

    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await run.endedAt(pi)).toBe('End_Done');
    expect(await t.variables(pi)).toMatchObject({ overdue: false, followUpAttempts: 1, visitCount: 1 });
  }, 300_000);

  it('a 承诺件 past its limit is reminded at 2/3 and supervised at 100%, and keeps going', async () => {
    const pi = await run.start('service-item', { itemCode: 'GL-001', channel: '社区窗口', gridId: 'st-hepingli-c02-g3', ...applicant });
    await run.complete('service-item', pi, 'Activity_Intake', {
      itemCode: 'GL-001',
      channel: '社区窗口',
      gridId: 'st-hepingli-c02-g3',
      ...applicant,
      specialGroup: '无',
      needProxy: false,
      materials: ['ID', 'HKB', 'BANK'].map((code) => ({ code, provided: true })),
      acceptDecision: '受理',
    });
    expect(await run.waitingAt(pi)).toEqual(['Activity_BackOffice']);
    expect((await run.openTasks(pi))[0].candidate_groups).toEqual(['back-office']);
    await run.advance(40 * DAY);
    expect(await run.waitingAt(pi)).toEqual(['Activity_BackOffice']);
    expect((await t.variables(pi)).overdue).toBe(true);
    const templates = (await run.notifications(pi)).map((n) => `${n.template}:${n.recipient}`);
    expect(templates).toEqual(['acceptance-receipt:13800000001', 'reminder:back-office', 'supervision:section-head']);

    await run.complete('service-item', pi, 'Activity_BackOffice', { handlerUnit: '民生保障办公室', decision: '不予', decisionReason: '申请人未满80周岁', remedy: '可申请行政复议或提起行政诉讼' });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await run.endedAt(pi)).toBe('End_Refused');
  }, 300_000);

  it('missing materials: one-time notice, a reminder, and the application counts as withdrawn when the period ends', async () => {
    const pi = await run.start('service-item', { itemCode: 'JZ-001', channel: '社区窗口', gridId: 'st-dongfeng-c01-g1', ...applicant });
    await run.complete('service-item', pi, 'Activity_Intake', {
      itemCode: 'JZ-001',
      channel: '社区窗口',
      gridId: 'st-dongfeng-c01-g1',
      ...applicant,
      specialGroup: '无',
      needProxy: false,
      materials: [
        { code: 'ID', provided: true },
        { code: 'HOUSE', provided: false },
      ],
      oneTimeNotice: 'https://files.example.org/notice/1.pdf',
      acceptDecision: '需补正',
    });
    expect(await run.waitingAt(pi)).toEqual(['Activity_WaitSupplement']);
    await run.advance(30 * DAY);
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await run.endedAt(pi)).toBe('End_SupplementExpired');
    expect((await run.notifications(pi)).map((n) => n.template)).toEqual(['one-time-notice', 'supplement-reminder', 'supplement-expired']);
  }, 300_000);

  it('an unlisted item is guided elsewhere without a registration', async () => {
    const pi = await run.start('service-item', { itemCode: 'HY-001', channel: '网上', gridId: 'st-xinhua-c01-g1', ...applicant });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await run.endedAt(pi)).toBe('End_Unlisted');
    expect((await run.notifications(pi))[0]).toMatchObject({ template: 'service-item-guidance', channel: 'sms', recipient: '13800000001' });
  }, 300_000);

  const report = {
    source: '12345',
    gridId: 'st-hepingli-c01-g2',
    location: { address: '和平里街道和平社区西门外' },
    category: '占道经营',
    description: '西门外早市摊贩长期占用人行道和消防通道',
    urgency: '一般',
    contact: { name: '李先生', phone: '13900000002' },
  };

  it('吹哨: two departments answer and report in, joint handling, review, follow-up and the departments are rated', async () => {
    await t.engine.publishMessage({ name: 'whistle-event-reported', variables: report });
    await run.settle();
    const [{ key: pi }] = await run.rows<{ key: number }>(
      `SELECT key FROM process_instance_view WHERE bpmn_process_id = 'whistle-escalation' ORDER BY key DESC LIMIT 1`,
    );
    const caseNo = String((await t.variables(pi)).caseNo);
    expect(caseNo).toMatch(/^SJ-2026-\d{6}$/);
    await run.complete('whistle-escalation', pi, 'Activity_Register', { ...report, eventNo: caseNo });
    await run.complete('whistle-escalation', pi, 'Activity_InitialTriage', { initialLevel: '疑难', judgementNote: '涉及多部门，网格内无法解决' });
    expect(await run.waitingAt(pi)).toEqual(['Activity_Dispatch']);
    await run.complete('whistle-escalation', pi, 'Activity_Dispatch', { level: '疑难', basis: '部门职责', assignedUnits: ['station-enforcement', 'section-urban'] });
    expect((await t.variables(pi)).route).toBe('吹哨');
    await run.complete('whistle-escalation', pi, 'Activity_Whistle', { reason: '综合执法', depts: ['综合执法', '市场监管'], requiredAction: '到场', approver: 'leader' });
    expect((await run.openTasks(pi))[0]).toMatchObject({ element_id: 'Activity_WhistleApproval', assignee: 'leader' });
    await run.complete('whistle-escalation', pi, 'Activity_WhistleApproval', { approved: true });

    const calls = await run.openTasks(pi);
    expect(calls.map((c) => c.element_id)).toEqual(['Activity_DeptResponse', 'Activity_DeptResponse']);
    expect(calls.map((c) => c.candidate_groups)).toEqual([
      ['dept-zhifa', 'dept-county-center'],
      ['dept-shichang', 'dept-county-center'],
    ]);
    // Enforcement calls: answer within 30 minutes. After 31 minutes both are reminded twice and escalated.
    await run.advance(31 * MINUTE);
    const escalations = (await run.notifications(pi)).filter((n) => n.template === 'dept-no-response');
    expect(escalations.map((n) => n.recipient)).toEqual(['dept-county-center', 'dept-county-center']);
    for (let i = 0; i < 2; i++) {
      await run.complete('whistle-escalation', pi, 'Activity_DeptResponse', { decision: '接单', contact: { name: '执法队张队', phone: '13700000003' } });
    }
    expect(await run.waitingAt(pi)).toEqual(['Activity_WaitReport', 'Activity_WaitReport']);
    await run.publish('whistle-dept-reported', `${caseNo}:zhifa`, { reportedAt: '2026-01-05T10:10:00+08:00' });
    await run.publish('whistle-dept-reported', `${caseNo}:shichang`, { reportedAt: '2026-01-05T10:20:00+08:00' });

    const deptResults = (await t.variables(pi)).deptResults as Array<Record<string, unknown>>;
    expect(deptResults).toEqual([
      { dept: '综合执法', deptCode: 'zhifa', decision: '接单', refuseBasis: null, leadUnit: null, overdue: true, reportedAt: '2026-01-05T10:10:00+08:00' },
      { dept: '市场监管', deptCode: 'shichang', decision: '接单', refuseBasis: null, leadUnit: null, overdue: true, reportedAt: '2026-01-05T10:20:00+08:00' },
    ]);
    const [joint] = await run.openTasks(pi);
    expect(joint.element_id).toBe('Activity_JointHandling');
    expect(joint.candidate_groups).toEqual(['street-dispatcher', 'dept-zhifa', 'dept-shichang']);
    // 疑难 matters get 15 days, whatever the list basis.
    expect((await t.variables(pi)).handlingDeadline).toMatchObject({ amount: 15, unit: 'calendarDays' });

    await run.complete('whistle-escalation', pi, 'Activity_JointHandling', { actions: '联合执法清理占道摊位，设置便民疏导点', result: '已解决', photosAfter: ['https://files.example.org/p/after.jpg'] });
    await run.complete('whistle-escalation', pi, 'Activity_Review', { passed: true, score: 5 });
    await run.complete('whistle-escalation', pi, 'Activity_FollowUp', { replyMethod: '电话', replied: true, satisfaction: '满意' });
    const ratings = await run.openTasks(pi);
    expect(ratings.map((r) => r.element_id)).toEqual(['Activity_RateDepts', 'Activity_RateDepts']);
    await run.complete('whistle-escalation', pi, 'Activity_RateDepts', { ratedDept: '综合执法', timely: false, attitude: 4, effect: 5 });
    await run.complete('whistle-escalation', pi, 'Activity_RateDepts', { ratedDept: '市场监管', timely: false, attitude: 5, effect: 4 });

    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await run.endedAt(pi)).toBe('End_Whistle');
    expect((await t.variables(pi)).deptRatings).toEqual([
      { dept: '综合执法', deptCode: 'zhifa', timely: false, attitude: 4, effect: 5 },
      { dept: '市场监管', deptCode: 'shichang', timely: false, attitude: 5, effect: 4 },
    ]);
  }, 300_000);

  it('front line: a failed review is reworked, a dissatisfied citizen reopens it once, then 会商 keeps it on the ledger', async () => {
    const pi = await run.start('whistle-escalation', { ...report, source: '网格巡查', photos: ['https://files.example.org/p/1.jpg'] });
    const caseNo = String((await t.variables(pi)).caseNo);
    await run.complete('whistle-escalation', pi, 'Activity_Register', { ...report, source: '网格巡查', photos: ['https://files.example.org/p/1.jpg'], eventNo: caseNo });
    await run.complete('whistle-escalation', pi, 'Activity_InitialTriage', { initialLevel: '一般', frontlineHandler: '网格员' });
    expect(await run.waitingAt(pi)).toEqual(['Activity_Frontline']);
    expect((await t.variables(pi)).handlingDeadline).toMatchObject({ amount: 24, unit: 'hours' });
    const feedback = { actions: '劝离摊贩，恢复通行', result: '已解决', photosAfter: ['https://files.example.org/p/2.jpg'] };

    await run.complete('whistle-escalation', pi, 'Activity_Frontline', feedback);
    await run.complete('whistle-escalation', pi, 'Activity_Review', { passed: false, score: 2, returnReason: '次日复查摊贩回流' });
    expect(await run.waitingAt(pi)).toEqual(['Activity_Frontline']);
    expect((await t.variables(pi)).reworkCount).toBe(1);
    await run.complete('whistle-escalation', pi, 'Activity_Frontline', feedback);
    await run.complete('whistle-escalation', pi, 'Activity_Review', { passed: true, score: 4 });
    await run.complete('whistle-escalation', pi, 'Activity_FollowUp', { replyMethod: '电话', replied: true, satisfaction: '不满意', comment: '晚上仍有摊贩' });
    expect(await run.waitingAt(pi)).toEqual(['Activity_Frontline']);
    expect((await t.variables(pi)).reopened).toBe(true);
    await run.complete('whistle-escalation', pi, 'Activity_Frontline', feedback);
    await run.complete('whistle-escalation', pi, 'Activity_Review', { passed: true, score: 4 });
    await run.complete('whistle-escalation', pi, 'Activity_FollowUp', { replyMethod: '电话', replied: true, satisfaction: '不满意', comment: '问题反复' });
    await run.complete('whistle-escalation', pi, 'Activity_Consultation', {
      consultationDate: '2026-01-07',
      participants: '城管办、市场监管所、和平社区',
      conclusion: '列入台账长期治理',
      measures: '规划建设便民疏导点，每周联合巡查',
      ledgerReviewDate: '2026-03-01',
    });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await run.endedAt(pi)).toBe('End_Ledger');
  }, 300_000);
});

// The simulator (engine/src/simulation) runs the scenario files as `npm run simulate` does.
const simulatorPath = new URL('engine/src/simulation/index.ts', root);
describe.skipIf(!existsSync(simulatorPath))('scenario files', () => {
  it.each(PROCESS_IDS)('%s: every scenario passes, every end event is reached and nine tenths of the elements are covered', async (id) => {
    const { runSimulation } = (await import(simulatorPath.href)) as typeof import('../../engine/src/simulation/index.js');
    const resources = [
      { name: `${id}.bpmn`, content: bpmnOf(id) },
      { name: `${id}.dmn`, content: dmnOf(id) },
      ...[...forms].filter(([formId]) => formId.startsWith(id)).map(([formId, form]) => ({ name: `${formId}.form.json`, content: JSON.stringify(form) })),
    ];
    const report = await runSimulation({ resources, scenarioFiles: [{ name: `${id}.scenarios.yaml`, content: read(`processes/${id}.scenarios.yaml`) }] });
    const [process] = report.processes;
    const failures = process.scenarios.filter((s) => !s.passed).map((s) => `${s.name}: ${s.failure?.message}`);
    expect(failures).toEqual([]);
    expect(process.scenarios.length).toBeGreaterThanOrEqual(10);
    expect(process.elementCoverage, `untaken: ${process.untakenElements.join(', ')}`).toBeGreaterThanOrEqual(0.9);
    const ends = [...compiled.get(id)!.elements.values()].filter((e) => e.kind === 'endEvent').map((e) => e.id);
    expect(ends.filter((end) => process.untakenElements.includes(end))).toEqual([]);
  }, 900_000);
});

/** User tasks over REST: search, the form with its data, PII masking, claiming, and completion validated by the form. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TARGETS, DEMO_ORGS, TestServer, SERVER_START_TIMEOUT } from './support/test-server.js';
import { API_INTAKE_FORM, CASE_PROCESS_ID, validIntake } from './support/api-case-fixture.js';

const ID_CARD = '11010519491231002X';

describe.each(API_TARGETS)('user tasks on $name', ({ testStore, runtime }) => {
  let t: TestServer;
  beforeAll(async () => (t = await TestServer.start({ testStore, runtime })), SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  async function newTask(variables: Record<string, unknown> = {}): Promise<{ caseKey: string; taskKey: string }> {
    const caseKey = await t.startCase({ orgId: DEMO_ORGS.grid1, ...variables });
    return { caseKey, taskKey: (await t.userTaskOf(caseKey)).userTaskKey };
  }

  it("searches tasks with Camunda's fields, filters, sort and page", async () => {
    const first = await newTask({ caseId: 'U-1' });
    const second = await newTask({ caseId: 'U-2' });
    const grid1 = await t.as('grid1');
    const response = await grid1.post('/v2/user-tasks/search', {
      filter: { state: 'CREATED', candidateGroup: 'grid-worker', processDefinitionId: CASE_PROCESS_ID },
      sort: [{ field: 'creationDate', order: 'ASC' }],
      page: { limit: 1 },
    });
    expect(response.status).toBe(200);
    expect(response.body.page.totalItems).toBeGreaterThanOrEqual(2);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({
      userTaskKey: expect.stringMatching(/^[0-9]+$/),
      elementId: 'register',
      name: '受理登记',
      processInstanceKey: expect.stringMatching(/^[0-9]+$/),
      processDefinitionId: CASE_PROCESS_ID,
      state: 'CREATED',
      assignee: null,
      candidateGroups: ['grid-worker', 'proxy-agent'],
      candidateUsers: [],
      dueDate: null,
      formKey: 'gongzhi:form:api-intake',
      creationDate: expect.any(String),
    });
    const byInstance = await grid1.post('/v2/user-tasks/search', { filter: { processInstanceKey: second.caseKey } });
    expect(byInstance.body.items.map((i: { userTaskKey: string }) => i.userTaskKey)).toEqual([second.taskKey]);
    const none = await grid1.post('/v2/user-tasks/search', { filter: { candidateGroup: 'no-such-group' } });
    expect(none.body).toEqual({ items: [], page: { totalItems: 0 } });
    expect(first.taskKey).not.toBe(second.taskKey);
    const badSort = await grid1.post('/v2/user-tasks/search', { sort: [{ field: 'colour' }] });
    expect(badSort.status).toBe(400);
  });

  it('gets a task with its form (schema, uiSchema) and the variables the form shows; PII masked without pii:read', async () => {
    const { taskKey } = await newTask({ caseId: 'U-form', idCard: ID_CARD, phone: '13800000000', applicantName: '张三丰', internalNote: '不在表单上' });
    const grid1 = await t.as('grid1');
    const task = await grid1.get(`/v2/user-tasks/${taskKey}`);
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ userTaskKey: taskKey, elementId: 'register', state: 'CREATED' });
    expect(task.body.form).toEqual({ id: 'api-intake', version: 1, title: API_INTAKE_FORM.title, schema: API_INTAKE_FORM.schema, uiSchema: API_INTAKE_FORM.uiSchema });
    // Only the form's fields, and staff (pii:read) see them as they are.
    expect(task.body.variables).toEqual({ idCard: ID_CARD, phone: '13800000000', applicantName: '张三丰' });

    const integrator = await t.as('integrator');
    const masked = await integrator.get(`/v2/user-tasks/${taskKey}`);
    expect(masked.status).toBe(200);
    expect(masked.body.variables).toEqual({ idCard: '110***********002X', phone: '138****0000', applicantName: '张三丰' });
    expect((await integrator.get('/v2/user-tasks/4503599627370495')).status).toBe(404);
  });

  it('claims and gives back: staff claim for themselves only, an assigned task is not claimed over, only the assignee unclaims', async () => {
    const { taskKey } = await newTask({ caseId: 'U-claim' });
    const grid1 = await t.as('grid1');
    const community = await t.as('community');
    expect((await grid1.post(`/v2/user-tasks/${taskKey}/assignment`, { assignee: 'community' })).status).toBe(403);
    const claimed = await grid1.post(`/v2/user-tasks/${taskKey}/assignment`, { assignee: 'grid1' });
    expect(claimed.status).toBe(204);
    expect((await grid1.get(`/v2/user-tasks/${taskKey}`)).body.assignee).toBe('grid1');
    const mine = await grid1.post('/v2/user-tasks/search', { filter: { assignee: 'grid1', processDefinitionId: CASE_PROCESS_ID } });
    expect(mine.body.items.map((i: { userTaskKey: string }) => i.userTaskKey)).toContain(taskKey);

    const over = await community.post(`/v2/user-tasks/${taskKey}/assignment`, { assignee: 'community', allowOverride: false });
    expect(over.status).toBe(409);
    expect((await community.post(`/v2/user-tasks/${taskKey}/assignment`, { assignee: 'community' })).status).toBe(403);
    expect((await community.delete(`/v2/user-tasks/${taskKey}/assignee`)).status).toBe(403);
    // Someone else's task cannot be completed either.
    expect((await community.post(`/v2/user-tasks/${taskKey}/completion`, { variables: validIntake() })).status).toBe(403);

    expect((await grid1.delete(`/v2/user-tasks/${taskKey}/assignee`)).status).toBe(204);
    expect((await grid1.get(`/v2/user-tasks/${taskKey}`)).body.assignee).toBeNull();
    // An admin assigns to anyone.
    const admin = await t.as('admin');
    expect((await admin.post(`/v2/user-tasks/${taskKey}/assignment`, { assignee: 'community' })).status).toBe(204);
    expect((await community.get(`/v2/user-tasks/${taskKey}`)).body.assignee).toBe('community');

    const audit = await admin.get(`/v2/audit?userTaskKey=${taskKey}`);
    expect(audit.body.items.map((r: { action: string; actor: { name: string } }) => `${r.action} ${r.actor.name}`)).toEqual([
      'user-task.assign grid1',
      'user-task.unassign grid1',
      'user-task.assign admin',
    ]);
  });

  it('staff not in the candidate groups may see a task of their street but not work on it', async () => {
    const { taskKey } = await newTask({ caseId: 'U-window' });
    const window = await t.as('window');
    expect((await window.get(`/v2/user-tasks/${taskKey}`)).status).toBe(200);
    expect((await window.post(`/v2/user-tasks/${taskKey}/assignment`, { assignee: 'window' })).status).toBe(403);
    expect((await window.post(`/v2/user-tasks/${taskKey}/completion`, { variables: validIntake() })).status).toBe(403);
  });

  it('validates the completion against the form: 422 with one {field, message} per error, in Chinese by default; the task stays open', async () => {
    const { caseKey, taskKey } = await newTask({ caseId: 'U-422' });
    const grid1 = await t.as('grid1');
    const invalid = await grid1.post(`/v2/user-tasks/${taskKey}/completion`, { variables: { applicantName: '张', phone: '12345' } });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(invalid.body).toMatchObject({ status: 422, title: 'INVALID_FORM_DATA', detail: '表单填写有误' });
    const errors = invalid.body.errors as Array<{ field: string; message: string }>;
    expect(errors.map((e) => e.field).sort()).toEqual(['/applicantName', '/decision', '/idCard', '/phone']);
    expect(errors.find((e) => e.field === '/idCard')!.message).toMatch(/身份证号/);
    expect(errors.find((e) => e.field === '/applicantName')!.message).toMatch(/申请人姓名.*2/);
    for (const error of errors) expect(error.message).toMatch(/[\u4e00-\u9fff]/);

    const english = await grid1.post(`/v2/user-tasks/${taskKey}/completion`, { variables: { applicantName: '张' } }, { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(english.status).toBe(422);
    expect(english.body.detail).toBe('The form data is invalid');
    const englishErrors = english.body.errors as Array<{ field: string; message: string }>;
    expect(englishErrors.find((e) => e.field === '/idCard')!.message).toMatch(/ID card number/);
    for (const error of englishErrors) expect(error.message).not.toMatch(/[\u4e00-\u9fff]/);

    // Refusing requires a reason (if/then in the schema); a wrong check character is not a 身份证号.
    const refused = await grid1.post(`/v2/user-tasks/${taskKey}/completion`, { variables: { ...validIntake(), decision: '不予受理', idCard: '110105194912310021' } });
    expect(refused.status).toBe(422);
    expect((refused.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['/idCard', '/reason']);

    const task = await grid1.get(`/v2/user-tasks/${taskKey}`);
    expect(task.body.state).toBe('CREATED');
    const admin = await t.as('admin');
    expect((await admin.get(`/v2/process-instances/${caseKey}`)).body.activeElementIds).toEqual(['register']);
  });

  it('completes with valid data (the variables reach the instance), and completing again is 409', async () => {
    const { caseKey, taskKey } = await newTask({ caseId: 'U-ok' });
    const grid1 = await t.as('grid1');
    const refusal = { ...validIntake(), decision: '不予受理', reason: '材料不齐全，需补交' };
    const completed = await grid1.post(`/v2/user-tasks/${taskKey}/completion`, { variables: refusal });
    expect(completed.status).toBe(204);
    const task = await grid1.get(`/v2/user-tasks/${taskKey}`);
    expect(task.body.state).toBe('COMPLETED');
    expect(task.body.completionDate).not.toBeNull();
    const instance = await t.settled(
      () => grid1.get(`/v2/process-instances/${caseKey}`),
      (r) => r.body.activeElementIds?.includes('archive'),
    );
    expect(instance.body.variables).toMatchObject({ decision: '不予受理', reason: '材料不齐全，需补交', idCard: ID_CARD });
    expect(instance.body.activeElementIds).toEqual(['archive']);

    const twice = await grid1.post(`/v2/user-tasks/${taskKey}/completion`, { variables: refusal });
    expect(twice.status).toBe(409);
    expect(twice.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await grid1.post(`/v2/user-tasks/${taskKey}/assignment`, { assignee: 'grid1' })).status).toBe(409);

    const audit = await (await t.as('admin')).get(`/v2/audit?userTaskKey=${taskKey}&action=user-task.complete`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actor: { kind: 'user', name: 'grid1' }, processInstanceKey: caseKey });
    // The audit keeps which fields were filled, not their (personal) values.
    expect(JSON.stringify(audit.body.items[0])).not.toContain(ID_CARD);
  });
});

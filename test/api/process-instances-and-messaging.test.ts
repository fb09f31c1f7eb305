/** Process instances (create, search, get, cancel), messages, signals, variables and Idempotency-Key, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TARGETS, DEMO_ORGS, TestServer, SERVER_START_TIMEOUT } from './support/test-server.js';
import { CASE_MESSAGE, CASE_PROCESS_ID, SIGNAL_NAME, SIGNAL_PROCESS_ID } from './support/api-case-fixture.js';

const ID_CARD = '11010519491231002X';

describe.each(API_TARGETS)('process instances and messaging on $name', ({ testStore, runtime }) => {
  let t: TestServer;
  beforeAll(async () => (t = await TestServer.start({ testStore, runtime })), SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  describe('POST /v2/process-instances', () => {
    it('creates an instance by process id, answering with Camunda’s fields and keys as strings', async () => {
      const integrator = await t.as('integrator');
      const response = await integrator.post('/v2/process-instances', { processDefinitionId: CASE_PROCESS_ID, variables: { orgId: DEMO_ORGS.grid1, caseId: 'P-1' } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        processInstanceKey: expect.stringMatching(/^[0-9]+$/),
        processDefinitionId: CASE_PROCESS_ID,
        processDefinitionVersion: 1,
        processDefinitionKey: expect.stringMatching(/^[0-9]+$/),
      });

      const byKey = await integrator.post('/v2/process-instances', { processDefinitionKey: response.body.processDefinitionKey });
      expect(byKey.status).toBe(200);
      expect(byKey.body.processDefinitionId).toBe(CASE_PROCESS_ID);
      const byVersion = await integrator.post('/v2/process-instances', { processDefinitionId: CASE_PROCESS_ID, processDefinitionVersion: 1 });
      expect(byVersion.body.processDefinitionKey).toBe(response.body.processDefinitionKey);
    });

    it('answers 404 for an unknown process or version and 400 for neither or both ways of naming it', async () => {
      const integrator = await t.as('integrator');
      const unknown = await integrator.post('/v2/process-instances', { processDefinitionId: 'no-such-process' });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(unknown.body.detail).toMatch(/no-such-process/);
      expect((await integrator.post('/v2/process-instances', { processDefinitionId: CASE_PROCESS_ID, processDefinitionVersion: 7 })).status).toBe(404);
      expect((await integrator.post('/v2/process-instances', { processDefinitionKey: '12345' })).status).toBe(404);
      expect((await integrator.post('/v2/process-instances', {})).status).toBe(400);
      const both = await integrator.post('/v2/process-instances', { processDefinitionId: CASE_PROCESS_ID, processDefinitionKey: '1' });
      expect(both.status).toBe(400);
    });

    it('starts at the elements of startInstructions', async () => {
      const integrator = await t.as('integrator');
      const response = await integrator.post('/v2/process-instances', {
        processDefinitionId: CASE_PROCESS_ID,
        variables: { caseId: 'P-start' },
        startInstructions: [{ elementId: 'archive' }],
      });
      expect(response.status).toBe(200);
      const detail = await t.settled(
        () => integrator.get(`/v2/process-instances/${response.body.processInstanceKey}`),
        (r) => r.body.activeElementIds?.includes('archive'),
      );
      expect(detail.body.activeElementIds).toEqual(['archive']);
      expect(detail.body.completedElementIds).not.toContain('register');
      const badElement = await integrator.post('/v2/process-instances', { processDefinitionId: CASE_PROCESS_ID, startInstructions: [{ elementId: 'nowhere' }] });
      expect(badElement.status).toBe(400);
      expect(badElement.body.detail).toMatch(/nowhere/);
    });
  });

  describe('search, get and cancel', () => {
    it('gets an instance with state, dates, root variables and its active and completed elements', async () => {
      const key = await t.startCase({ orgId: DEMO_ORGS.grid1, caseId: 'P-get', idCard: ID_CARD, nested: { a: [1, 2] } });
      const admin = await t.as('admin');
      const detail = await t.settled(
        () => admin.get(`/v2/process-instances/${key}`),
        (r) => r.body.activeElementIds?.includes('register') && r.body.completedElementIds?.includes('start'),
      );
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        processInstanceKey: key,
        processDefinitionId: CASE_PROCESS_ID,
        processDefinitionVersion: 1,
        state: 'ACTIVE',
        hasIncident: false,
        endDate: null,
        orgId: DEMO_ORGS.grid1,
        variables: { orgId: DEMO_ORGS.grid1, caseId: 'P-get', idCard: ID_CARD, nested: { a: [1, 2] } },
        activeElementIds: ['register'],
        completedElementIds: ['start'],
      });
      expect(new Date(detail.body.startDate).getTime()).toBeGreaterThan(Date.now() - 600_000);
      expect((await admin.get('/v2/process-instances/4503599627370495')).status).toBe(404);
    });

    it("masks a case's personal data for callers without pii:read (a designer), not for staff", async () => {
      const key = await t.startCase({ orgId: DEMO_ORGS.grid1, caseId: 'P-pii', idCard: ID_CARD, phone: '13800000000', applicantName: '张三丰' });
      const designer = await t.as('designer');
      const masked = await designer.get(`/v2/process-instances/${key}`);
      expect(masked.body.variables).toMatchObject({ idCard: '110***********002X', phone: '138****0000', applicantName: '张三丰', caseId: 'P-pii' });
      const staff = await t.as('grid1');
      expect((await staff.get(`/v2/process-instances/${key}`)).body.variables).toMatchObject({ idCard: ID_CARD, phone: '13800000000' });

      const integrator = await t.as('integrator');
      const variables = await integrator.post('/v2/variables/search', { filter: { processInstanceKey: key }, sort: [{ field: 'name' }] });
      expect(variables.status).toBe(200);
      const byName = Object.fromEntries(variables.body.items.map((v: { name: string; value: string }) => [v.name, JSON.parse(v.value)]));
      expect(byName).toEqual({ applicantName: '张三丰', caseId: 'P-pii', idCard: '110***********002X', orgId: DEMO_ORGS.grid1, phone: '138****0000' });
      const admin = await t.as('admin');
      const plain = await admin.post('/v2/variables/search', { filter: { processInstanceKey: key, name: 'idCard' } });
      expect(plain.body.items).toHaveLength(1);
      expect(JSON.parse(plain.body.items[0].value)).toBe(ID_CARD);
      expect(plain.body.items[0]).toMatchObject({ name: 'idCard', processInstanceKey: key, variableKey: expect.any(String) });
    });

    it('searches with filters, sort and pages, and cancels (then the instance is TERMINATED)', async () => {
      const admin = await t.as('admin');
      const keys = [];
      for (let i = 0; i < 3; i++) keys.push(await t.startCase({ orgId: DEMO_ORGS.grid2, caseId: `P-search-${i}` }));
      const page = await admin.post('/v2/process-instances/search', {
        filter: { processDefinitionId: CASE_PROCESS_ID, orgId: DEMO_ORGS.grid2, state: 'ACTIVE' },
        sort: [{ field: 'processInstanceKey', order: 'DESC' }],
        page: { from: 0, limit: 2 },
      });
      expect(page.status).toBe(200);
      expect(page.body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey)).toEqual([keys[2], keys[1]]);
      expect(page.body.page.totalItems).toBe(3);

      const integrator = await t.as('integrator');
      await t.userTaskOf(keys[0]);
      const cancelled = await integrator.post(`/v2/process-instances/${keys[0]}/cancellation`, {});
      expect(cancelled.status).toBe(204);
      expect(cancelled.text).toBe('');
      const detail = await admin.get(`/v2/process-instances/${keys[0]}`);
      expect(detail.body).toMatchObject({ state: 'TERMINATED', activeElementIds: [] });
      expect(detail.body.endDate).not.toBeNull();
      const tasks = await admin.post('/v2/user-tasks/search', { filter: { processInstanceKey: keys[0] } });
      expect(tasks.body.items[0].state).toBe('CANCELED');
      const terminated = await admin.post('/v2/process-instances/search', { filter: { state: 'TERMINATED' } });
      expect(terminated.body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey)).toEqual([keys[0]]);
      // Cancelling again: the instance is no longer active.
      const again = await integrator.post(`/v2/process-instances/${keys[0]}/cancellation`, {});
      expect([404, 409]).toContain(again.status);
      expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      const badFilter = await admin.post('/v2/process-instances/search', { filter: { colour: 'red' } });
      expect(badFilter.status).toBe(400);
      expect(badFilter.body.errors[0].field).toMatch(/colour/);
    });
  });

  describe('messages and signals', () => {
    it('publishes a message that a waiting instance correlates by its correlation key', async () => {
      const integrator = await t.as('integrator');
      const started = await integrator.post('/v2/process-instances', {
        processDefinitionId: CASE_PROCESS_ID,
        variables: { caseId: 'M-1' },
        startInstructions: [{ elementId: 'confirmed' }],
      });
      const key = started.body.processInstanceKey;
      // Waiting at the catch event (on Zeebe, once its start listener has run and the subscription is open).
      await t.settled(() => integrator.get(`/v2/process-instances/${key}`), (r) => r.body.activeElementIds?.includes('confirmed'));
      const other = await integrator.post('/v2/messages/publication', { name: CASE_MESSAGE, correlationKey: 'M-other' });
      expect(other.status).toBe(200);
      expect((await integrator.get(`/v2/process-instances/${key}`)).body.state).toBe('ACTIVE');

      const published = await integrator.post('/v2/messages/publication', { name: CASE_MESSAGE, correlationKey: 'M-1', variables: { confirmedBy: '居委会' } });
      expect(published.status).toBe(200);
      expect(published.body.messageKey).toMatch(/^[0-9]+$/);
      const detail = await t.settled(() => integrator.get(`/v2/process-instances/${key}`), (r) => r.body.state === 'COMPLETED');
      expect(detail.body.state).toBe('COMPLETED');
      expect(detail.body.variables.confirmedBy).toBe('居委会');
    });

    it('buffers a message for its time to live, and refuses a second message with the same id while the first is buffered', async () => {
      const integrator = await t.as('integrator');
      const buffered = await integrator.post('/v2/messages/publication', { name: CASE_MESSAGE, correlationKey: 'M-2', timeToLive: 600_000, messageId: 'msg-M-2' });
      expect(buffered.status).toBe(200);
      const duplicate = await integrator.post('/v2/messages/publication', { name: CASE_MESSAGE, correlationKey: 'M-2', timeToLive: 600_000, messageId: 'msg-M-2' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.title).toBe('ALREADY_EXISTS');

      const started = await integrator.post('/v2/process-instances', {
        processDefinitionId: CASE_PROCESS_ID,
        variables: { caseId: 'M-2' },
        startInstructions: [{ elementId: 'confirmed' }],
      });
      const completed = await t.settled(() => integrator.get(`/v2/process-instances/${started.body.processInstanceKey}`), (r) => r.body.state === 'COMPLETED');
      expect(completed.body.state).toBe('COMPLETED');
    });

    it('broadcasts a signal to the instances waiting for it', async () => {
      const integrator = await t.as('integrator');
      const waiting = [];
      for (let i = 0; i < 2; i++) waiting.push((await integrator.post('/v2/process-instances', { processDefinitionId: SIGNAL_PROCESS_ID })).body.processInstanceKey);
      for (const key of waiting) {
        const detail = await t.settled(() => integrator.get(`/v2/process-instances/${key}`), (r) => r.body.activeElementIds?.includes('go'));
        expect(detail.body.activeElementIds).toEqual(['go']);
      }
      const broadcast = await integrator.post('/v2/signals/broadcast', { signalName: SIGNAL_NAME, variables: { wave: 1 } });
      expect(broadcast.status).toBe(200);
      expect(broadcast.body.signalKey).toMatch(/^[0-9]+$/);
      for (const key of waiting) {
        const detail = await t.settled(() => integrator.get(`/v2/process-instances/${key}`), (r) => r.body.state === 'COMPLETED');
        expect(detail.body).toMatchObject({ state: 'COMPLETED', variables: { wave: 1 } });
      }
      const nobody = await integrator.post('/v2/signals/broadcast', { signalName: 'nobody-waits' });
      expect(nobody.status).toBe(200);
    });
  });

  describe('Idempotency-Key', () => {
    it('on process-instance creation: the same key and body return the first response and make one instance; another body gets 422', async () => {
      const integrator = await t.as('integrator');
      const body = { processDefinitionId: CASE_PROCESS_ID, variables: { caseId: 'I-1', marker: 'idem-create' } };
      const headers = { 'Idempotency-Key': 'create-I-1' };
      const first = await integrator.post('/v2/process-instances', body, { headers });
      expect(first.status).toBe(200);
      const second = await integrator.post('/v2/process-instances', body, { headers });
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const admin = await t.as('admin');
      const made = await admin.post('/v2/variables/search', { filter: { name: 'marker', value: JSON.stringify('idem-create') } });
      expect(made.body.items).toHaveLength(1);

      const other = await integrator.post('/v2/process-instances', { ...body, variables: { caseId: 'I-2' } }, { headers });
      expect(other.status).toBe(422);
      expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(other.body.detail).toMatch(/create-I-1/);
      // Without the key, the same body makes another instance.
      const plain = await integrator.post('/v2/process-instances', body);
      expect(plain.body.processInstanceKey).not.toBe(first.body.processInstanceKey);
    });

    it('repeats sent while the first request is still running wait for its response: still one instance', async () => {
      const integrator = await t.as('integrator');
      const body = { processDefinitionId: CASE_PROCESS_ID, variables: { caseId: 'I-3', marker: 'idem-concurrent' } };
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => integrator.post('/v2/process-instances', body, { headers: { 'Idempotency-Key': 'create-I-3' } })),
      );
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(responses.map((r) => r.body.processInstanceKey)).size).toBe(1);
      const admin = await t.as('admin');
      const made = await admin.post('/v2/variables/search', { filter: { name: 'marker', value: JSON.stringify('idem-concurrent') } });
      expect(made.body.items).toHaveLength(1);
    });

    it('a request that failed does not hold its key: the corrected repeat runs', async () => {
      const integrator = await t.as('integrator');
      const headers = { 'Idempotency-Key': 'create-I-4' };
      const body = { processDefinitionId: 'not-deployed-yet', variables: { caseId: 'I-4' } };
      expect((await integrator.post('/v2/process-instances', body, { headers })).status).toBe(404);
      // Same body again: it runs again (and fails again), rather than replaying or being refused.
      expect((await integrator.post('/v2/process-instances', body, { headers })).status).toBe(404);
      const fixed = await integrator.post('/v2/process-instances', { ...body, processDefinitionId: CASE_PROCESS_ID }, { headers });
      expect(fixed.status).toBe(200);
    });

    it('on message publication: the same key and body return the first messageKey; another body gets 422', async () => {
      const integrator = await t.as('integrator');
      const body = { name: CASE_MESSAGE, correlationKey: 'I-msg', timeToLive: 60_000 };
      const headers = { 'Idempotency-Key': 'publish-I-msg' };
      const first = await integrator.post('/v2/messages/publication', body, { headers });
      const second = await integrator.post('/v2/messages/publication', body, { headers });
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body.messageKey).toBe(first.body.messageKey);
      const other = await integrator.post('/v2/messages/publication', { ...body, correlationKey: 'I-msg-2' }, { headers });
      expect(other.status).toBe(422);
      // Keys are per caller: the admin's use of the same key is its own.
      const admin = await t.as('admin');
      const admins = await admin.post('/v2/messages/publication', body, { headers });
      expect(admins.status).toBe(200);
      expect(admins.body.messageKey).not.toBe(first.body.messageKey);
    });
  });
});

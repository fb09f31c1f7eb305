/** An external worker over REST: activation with long polling, completion, failure, BPMN errors, incidents and their resolution. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStores } from '../../engine/test/support/test-stores.js';
import { TestServer, type ApiClient, SERVER_START_TIMEOUT } from './support/test-server.js';
import { CASE_JOB_TYPE, CASE_PROCESS_ID } from './support/api-case-fixture.js';

describe.each(testStores)('jobs and incidents on $name', (testStore) => {
  let t: TestServer;
  let worker: ApiClient;
  beforeAll(async () => {
    t = await TestServer.start({ testStore });
    worker = await t.as('integrator');
  }, SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  /** A case waiting at its service task (archive). */
  async function caseAtJob(variables: Record<string, unknown>): Promise<string> {
    const response = await worker.post('/v2/process-instances', { processDefinitionId: CASE_PROCESS_ID, variables, startInstructions: [{ elementId: 'archive' }] });
    expect(response.status).toBe(200);
    return response.body.processInstanceKey;
  }
  async function activate(extra: Record<string, unknown> = {}) {
    const response = await worker.post('/v2/jobs/activation', { type: CASE_JOB_TYPE, worker: 'rest-worker', timeout: 60_000, maxJobsToActivate: 10, ...extra });
    expect(response.status).toBe(200);
    return response.body.jobs as Array<Record<string, any>>;
  }
  async function jobOf(processInstanceKey: string, extra: Record<string, unknown> = {}) {
    const job = (await activate(extra)).find((j) => j.processInstanceKey === processInstanceKey);
    if (!job) throw new Error(`no job activated for instance ${processInstanceKey}`);
    return job;
  }

  it("activates jobs with Camunda's fields, the element's headers and the instance's variables (or only those asked for)", async () => {
    const key = await caseAtJob({ caseId: 'J-1', applicant: '李四', amount: 3 });
    const [job] = await activate();
    expect(job).toMatchObject({
      jobKey: expect.stringMatching(/^[0-9]+$/),
      type: CASE_JOB_TYPE,
      processInstanceKey: key,
      processDefinitionId: CASE_PROCESS_ID,
      elementId: 'archive',
      retries: 2,
      worker: 'rest-worker',
      customHeaders: { office: '档案室' },
      variables: { caseId: 'J-1', applicant: '李四', amount: 3 },
      kind: 'BPMN_ELEMENT',
      listenerEventType: 'UNSPECIFIED',
    });
    expect(job.deadline).toBeGreaterThan(Date.now() + 50_000);
    // Activated jobs are locked until their deadline: a second activation gets nothing.
    expect(await activate()).toEqual([]);

    const second = await caseAtJob({ caseId: 'J-2', applicant: '王五' });
    const [only] = await activate({ fetchVariable: ['caseId'] });
    expect(only.processInstanceKey).toBe(second);
    expect(only.variables).toEqual({ caseId: 'J-2' });

    await Promise.all([caseAtJob({ caseId: 'J-3' }), caseAtJob({ caseId: 'J-4' }), caseAtJob({ caseId: 'J-5' })]);
    expect(await activate({ maxJobsToActivate: 2 })).toHaveLength(2);
    expect(await activate({ maxJobsToActivate: 2 })).toHaveLength(1);
  });

  it('long-polls up to requestTimeout: answers as soon as a job appears, or empty when the time is up', async () => {
    const before = Date.now();
    expect(await activate({ requestTimeout: 600 })).toEqual([]);
    expect(Date.now() - before).toBeGreaterThanOrEqual(550);

    const polling = activate({ requestTimeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startedAt = Date.now();
    const key = await caseAtJob({ caseId: 'J-poll' });
    const jobs = await polling;
    expect(jobs.map((j) => j.processInstanceKey)).toEqual([key]);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
  });

  it('completes a job with variables: the instance moves on; completing it again is 404', async () => {
    const key = await caseAtJob({ caseId: 'J-done' });
    const job = await jobOf(key);
    const completed = await worker.post(`/v2/jobs/${job.jobKey}/completion`, { variables: { archiveNo: 'DA-2026-001' } });
    expect(completed.status).toBe(204);
    const detail = await worker.get(`/v2/process-instances/${key}`);
    expect(detail.body).toMatchObject({ activeElementIds: ['confirmed'], variables: { archiveNo: 'DA-2026-001' } });
    expect(detail.body.completedElementIds).toContain('archive');
    const again = await worker.post(`/v2/jobs/${job.jobKey}/completion`, {});
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await worker.post('/v2/jobs/4503599627370495/completion', {})).status).toBe(404);
  });

  it('a failure with retries left makes the job activatable again (after its back-off)', async () => {
    const key = await caseAtJob({ caseId: 'J-retry' });
    const job = await jobOf(key);
    expect((await worker.post(`/v2/jobs/${job.jobKey}/failure`, { retries: 1, errorMessage: '档案系统超时' })).status).toBe(204);
    const retried = await jobOf(key);
    expect(retried).toMatchObject({ jobKey: job.jobKey, retries: 1 });

    expect((await worker.post(`/v2/jobs/${job.jobKey}/failure`, { retries: 1, retryBackOff: 3_600_000 })).status).toBe(204);
    expect((await activate()).some((j) => j.processInstanceKey === key)).toBe(false);
  });

  it('a failure without retries raises an incident; new retries and resolution run the job again', async () => {
    const key = await caseAtJob({ caseId: 'J-incident' });
    const job = await jobOf(key);
    expect((await worker.post(`/v2/jobs/${job.jobKey}/failure`, { retries: 0, errorMessage: '档案系统不可用' })).status).toBe(204);

    const detail = await worker.get(`/v2/process-instances/${key}`);
    expect(detail.body.hasIncident).toBe(true);
    const incidents = await worker.post('/v2/incidents/search', { filter: { processInstanceKey: key } });
    expect(incidents.status).toBe(200);
    expect(incidents.body.items).toHaveLength(1);
    const incident = incidents.body.items[0];
    expect(incident).toMatchObject({
      incidentKey: expect.stringMatching(/^[0-9]+$/),
      processInstanceKey: key,
      elementId: 'archive',
      errorType: 'JOB_NO_RETRIES',
      errorMessage: '档案系统不可用',
      state: 'ACTIVE',
      jobKey: job.jobKey,
    });
    expect((await worker.get(`/v2/incidents/${incident.incidentKey}`)).body).toMatchObject({ incidentKey: incident.incidentKey, state: 'ACTIVE' });
    const active = await worker.post('/v2/incidents/search', { filter: { state: 'ACTIVE', errorType: 'JOB_NO_RETRIES' } });
    expect(active.body.items.map((i: { incidentKey: string }) => i.incidentKey)).toContain(incident.incidentKey);

    // Camunda's way: give the job retries, then resolve the incident.
    expect((await worker.patch(`/v2/jobs/${job.jobKey}`, { changeset: { retries: 2 } })).status).toBe(204);
    expect((await worker.post(`/v2/incidents/${incident.incidentKey}/resolution`)).status).toBe(204);
    const resolved = await worker.post('/v2/incidents/search', { filter: { processInstanceKey: key } });
    expect(resolved.body.items[0].state).toBe('RESOLVED');
    expect((await worker.get(`/v2/process-instances/${key}`)).body.hasIncident).toBe(false);

    const again = await jobOf(key);
    expect(again.retries).toBe(2);
    expect((await worker.post(`/v2/jobs/${again.jobKey}/completion`, {})).status).toBe(204);
    expect((await worker.get(`/v2/process-instances/${key}`)).body.activeElementIds).toEqual(['confirmed']);
    // Resolving it twice: there is nothing left to resolve.
    const twice = await worker.post(`/v2/incidents/${incident.incidentKey}/resolution`);
    expect([404, 409]).toContain(twice.status);
  });

  it('a BPMN error nobody catches becomes an incident naming the error code', async () => {
    const key = await caseAtJob({ caseId: 'J-error' });
    const job = await jobOf(key);
    const thrown = await worker.post(`/v2/jobs/${job.jobKey}/error`, { errorCode: 'ARCHIVE_REFUSED', errorMessage: '材料不全' });
    expect(thrown.status).toBe(204);
    const incidents = await worker.post('/v2/incidents/search', { filter: { processInstanceKey: key } });
    expect(incidents.body.items).toHaveLength(1);
    expect(incidents.body.items[0]).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', state: 'ACTIVE' });
    expect(incidents.body.items[0].errorMessage).toMatch(/ARCHIVE_REFUSED/);
  });

  it('updates a job’s timeout and retries; an empty changeset is 400', async () => {
    const key = await caseAtJob({ caseId: 'J-patch' });
    const job = await jobOf(key);
    expect((await worker.patch(`/v2/jobs/${job.jobKey}`, { changeset: { timeout: 1 } })).status).toBe(204);
    // With its deadline one millisecond away, the job times out and comes back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    let back: Record<string, any> | undefined;
    for (let i = 0; i < 40 && !back; i++) {
      back = (await activate({ requestTimeout: 500 })).find((j) => j.processInstanceKey === key);
    }
    expect(back?.jobKey).toBe(job.jobKey);
    const empty = await worker.patch(`/v2/jobs/${job.jobKey}`, { changeset: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: '/changeset', message: 'empty' }]);
    expect((await worker.patch('/v2/jobs/4503599627370495', { changeset: { retries: 3 } })).status).toBe(404);
  });
});

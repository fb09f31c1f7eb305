/**
 * Organisation scope: staff see the cases of their organisation's subtree only. Cases are placed by the root
 * variable orgId (a grid of the demo tree); what a caller may not see answers 404, as if it did not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TARGETS, DEMO_ORGS, TestServer, type ApiClient, SERVER_START_TIMEOUT } from './support/test-server.js';
import { CASE_JOB_TYPE, validIntake } from './support/api-case-fixture.js';

describe.each(API_TARGETS)('organisation scope on $name', ({ testStore, runtime }) => {
  let t: TestServer;
  /** Case keys by where they are placed. */
  const cases = { grid1: '', grid1Sibling: '', grid2: '', unclaimed: '' };
  const tasks = { grid1: '', grid1Sibling: '', grid2: '', unclaimed: '' };
  let grid2Incident = '';
  /** The case of that incident, also in grid2. */
  let grid2IncidentCase = '';

  beforeAll(async () => {
    t = await TestServer.start({ testStore, runtime });
    cases.grid1 = await t.startCase({ orgId: DEMO_ORGS.grid1, caseId: 'S-1' });
    cases.grid1Sibling = await t.startCase({ orgId: DEMO_ORGS.grid1Sibling, caseId: 'S-2' });
    cases.grid2 = await t.startCase({ orgId: DEMO_ORGS.grid2, caseId: 'S-3' });
    cases.unclaimed = await t.startCase({ caseId: 'S-4' });
    for (const where of Object.keys(cases) as Array<keyof typeof cases>) tasks[where] = (await t.userTaskOf(cases[where])).userTaskKey;
    // An incident in grid2: a case started at its service task whose job fails without retries.
    const admin = await t.as('admin');
    const started = await admin.post('/v2/process-instances', {
      processDefinitionId: 'api-case',
      variables: { orgId: DEMO_ORGS.grid2, caseId: 'S-5' },
      startInstructions: [{ elementId: 'archive' }],
    });
    expect(started.status).toBe(200);
    const jobs = await admin.post('/v2/jobs/activation', { type: CASE_JOB_TYPE, worker: 'scope-test', timeout: 60_000, maxJobsToActivate: 10 });
    expect(jobs.body.jobs).toHaveLength(1);
    expect((await admin.post(`/v2/jobs/${jobs.body.jobs[0].jobKey}/failure`, { retries: 0, errorMessage: 'archive offline' })).status).toBe(204);
    grid2IncidentCase = started.body.processInstanceKey;
    const incidents = await admin.post('/v2/incidents/search', { filter: { processInstanceKey: grid2IncidentCase } });
    grid2Incident = incidents.body.items[0].incidentKey;
  }, SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  async function visibleCases(client: ApiClient): Promise<string[]> {
    const response = await client.post('/v2/process-instances/search', { filter: { processDefinitionId: 'api-case' }, page: { limit: 1000 } });
    expect(response.status).toBe(200);
    return response.body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey);
  }
  async function visibleTasks(client: ApiClient): Promise<string[]> {
    const response = await client.post('/v2/user-tasks/search', { filter: { processDefinitionId: 'api-case' }, page: { limit: 1000 } });
    expect(response.status).toBe(200);
    return response.body.items.map((i: { userTaskKey: string }) => i.userTaskKey);
  }

  it("a grid's staff see their grid's case and task, and nothing of another grid or street", async () => {
    const grid1 = await t.as('grid1');
    expect((await visibleCases(grid1)).sort()).toEqual([cases.grid1]);
    expect(await visibleTasks(grid1)).toEqual([tasks.grid1]);
    expect((await grid1.get(`/v2/process-instances/${cases.grid1}`)).status).toBe(200);
    expect((await grid1.get(`/v2/user-tasks/${tasks.grid1}`)).status).toBe(200);

    for (const where of ['grid1Sibling', 'grid2', 'unclaimed'] as const) {
      const instance = await grid1.get(`/v2/process-instances/${cases[where]}`);
      expect(instance.status, where).toBe(404);
      expect(instance.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await grid1.get(`/v2/user-tasks/${tasks[where]}`)).status, where).toBe(404);
      expect((await grid1.post(`/v2/user-tasks/${tasks[where]}/assignment`, { assignee: 'grid1' })).status, where).toBe(404);
      expect((await grid1.delete(`/v2/user-tasks/${tasks[where]}/assignee`)).status, where).toBe(404);
      expect((await grid1.post(`/v2/user-tasks/${tasks[where]}/completion`, { variables: validIntake() })).status, where).toBe(404);
      // Filtering by the key does not leak it either.
      const byKey = await grid1.post('/v2/user-tasks/search', { filter: { processInstanceKey: cases[where] } });
      expect(byKey.body.items, where).toEqual([]);
    }
    // Nothing was changed by the refused calls.
    const admin = await t.as('admin');
    expect((await admin.get(`/v2/user-tasks/${tasks.grid2}`)).body).toMatchObject({ state: 'CREATED', assignee: null });
  });

  it("a grid's staff see neither another grid's variables nor its incidents", async () => {
    const grid1 = await t.as('grid1');
    const variables = await grid1.post('/v2/variables/search', { filter: { name: 'caseId' }, page: { limit: 1000 } });
    expect(variables.status).toBe(200);
    expect(variables.body.items.map((v: { value: string }) => JSON.parse(v.value))).toEqual(['S-1']);
    const incidents = await grid1.post('/v2/incidents/search', {});
    expect(incidents.body.items).toEqual([]);
    expect((await grid1.get(`/v2/incidents/${grid2Incident}`)).status).toBe(404);

    const grid2 = await t.as('grid2');
    expect((await grid2.post('/v2/incidents/search', {})).body.items.map((i: { incidentKey: string }) => i.incidentKey)).toEqual([grid2Incident]);
    expect((await grid2.get(`/v2/incidents/${grid2Incident}`)).status).toBe(200);
  });

  it("a community's staff see all their grids' cases, a street's staff their communities', not other streets'", async () => {
    const community = await t.as('community');
    expect((await visibleCases(community)).sort()).toEqual([cases.grid1, cases.grid1Sibling].sort());
    expect((await visibleTasks(community)).sort()).toEqual([tasks.grid1, tasks.grid1Sibling].sort());
    expect((await community.get(`/v2/process-instances/${cases.grid2}`)).status).toBe(404);
    // In scope and offered to the community's proxy-agent group: the community worker may claim it.
    expect((await community.post(`/v2/user-tasks/${tasks.grid1Sibling}/assignment`, { assignee: 'community' })).status).toBe(204);
    expect((await community.delete(`/v2/user-tasks/${tasks.grid1Sibling}/assignee`)).status).toBe(204);

    const street = await t.as('window');
    expect((await visibleCases(street)).sort()).toEqual([cases.grid1, cases.grid1Sibling].sort());

    // The district's department staff see every street's cases, but a case no organisation claims only admins see.
    const district = await t.as('dept');
    expect((await visibleCases(district)).sort()).toEqual([cases.grid1, cases.grid1Sibling, cases.grid2, grid2IncidentCase].sort());
    expect((await district.get(`/v2/process-instances/${cases.unclaimed}`)).status).toBe(404);
  });

  it("admins see every case, claimed or not; a staff API key bound to a grid sees that grid's only", async () => {
    const admin = await t.as('admin');
    const all = await visibleCases(admin);
    expect(all).toEqual(expect.arrayContaining(Object.values(cases)));
    expect(await visibleTasks(admin)).toEqual(expect.arrayContaining(Object.values(tasks)));

    const key = await t.apiKey(['staff'], 'grid2 kiosk', DEMO_ORGS.grid2);
    const scoped = t.client(`Bearer ${key.key}`);
    expect(await visibleTasks(scoped)).toEqual([tasks.grid2]);
    expect((await visibleCases(scoped)).sort()).toEqual([cases.grid2, grid2IncidentCase].sort());
    expect((await scoped.get(`/v2/process-instances/${cases.grid1}`)).status).toBe(404);
    expect((await scoped.post(`/v2/user-tasks/${tasks.grid1}/assignment`, { assignee: 'kiosk' })).status).toBe(404);
  });

  it("a grid-bound key with job and variable rights acts only on its grid's cases; activating jobs needs organisation-wide scope", async () => {
    const admin = await t.as('admin');
    const key = await t.apiKey(['staff', 'integrator'], 'grid1 integration', DEMO_ORGS.grid1);
    const scoped = t.client(`Bearer ${key.key}`);
    // An archive job in grid1 and one in grid2, activated by the admin (organisation-wide).
    const startAtArchive = async (orgId: string, caseId: string): Promise<string> => {
      const started = await admin.post('/v2/process-instances', { processDefinitionId: 'api-case', variables: { orgId, caseId }, startInstructions: [{ elementId: 'archive' }] });
      expect(started.status).toBe(200);
      return started.body.processInstanceKey;
    };
    const mine = await startAtArchive(DEMO_ORGS.grid1, 'S-6');
    const theirs = await startAtArchive(DEMO_ORGS.grid2, 'S-7');
    const activation = { type: CASE_JOB_TYPE, worker: 'scope-test', timeout: 60_000, maxJobsToActivate: 10 };
    const refused = await scoped.post('/v2/jobs/activation', activation);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/organisation-wide/);
    // On Zeebe the jobs appear a moment after the instances: activate until both are held.
    const held = new Map<string, string>();
    for (let round = 0; round < 20 && !(held.has(mine) && held.has(theirs)); round++) {
      const activated = await admin.post('/v2/jobs/activation', { ...activation, requestTimeout: 1000 });
      for (const job of activated.body.jobs as Array<{ processInstanceKey: string; jobKey: string }>) held.set(job.processInstanceKey, job.jobKey);
    }
    const jobOf = (pi: string): string => {
      expect(held.has(pi), `a job of instance ${pi}`).toBe(true);
      return held.get(pi)!;
    };

    const theirJob = jobOf(theirs);
    const attempts = [
      await scoped.post(`/v2/jobs/${theirJob}/completion`, { variables: { archived: true } }),
      await scoped.post(`/v2/jobs/${theirJob}/failure`, { retries: 0, errorMessage: 'not mine' }),
      await scoped.post(`/v2/jobs/${theirJob}/error`, { errorCode: 'NOT_MINE' }),
      await scoped.patch(`/v2/jobs/${theirJob}`, { changeset: { retries: 5 } }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(attempt.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // The refused calls changed nothing: no incident, no error path, the job still completes for someone in scope.
    expect((await admin.post('/v2/incidents/search', { filter: { processInstanceKey: theirs } })).body.items).toEqual([]);
    expect((await admin.post(`/v2/jobs/${theirJob}/completion`, { variables: { archived: true } })).status).toBe(204);

    // Variables: another grid's case is not found; the key's own grid's case takes them.
    const refusedVariables = await scoped.put(`/v2/element-instances/${cases.grid2}/variables`, { variables: { caseId: 'HACKED' } });
    expect(refusedVariables.status).toBe(404);
    expect((await admin.get(`/v2/process-instances/${cases.grid2}`)).body.variables.caseId).toBe('S-3');
    expect((await scoped.put(`/v2/element-instances/${cases.grid1}/variables`, { variables: { note: '已核实' } })).status).toBe(204);
    expect((await admin.get(`/v2/process-instances/${cases.grid1}`)).body.variables.note).toBe('已核实');

    // A job of its own grid's case: the embedded runtime knows whose it is. On Zeebe a job's instance cannot be
    // looked up, so a scoped caller is refused every job (it could not have activated one anyway).
    const ownJob = await scoped.post(`/v2/jobs/${jobOf(mine)}/completion`, {});
    expect(ownJob.status).toBe(runtime === 'embedded' ? 204 : 404);
  });

  it("staff complete their own grid's task with valid form data", async () => {
    const grid1 = await t.as('grid1');
    const completed = await grid1.post(`/v2/user-tasks/${tasks.grid1}/completion`, { variables: validIntake() });
    expect(completed.status).toBe(204);
    expect((await grid1.get(`/v2/user-tasks/${tasks.grid1}`)).body.state).toBe('COMPLETED');
  });
});

/**
 * The Zeebe runtime end to end: server A runs embedded with the Zeebe gateway facade; server B runs with
 * RUNTIME=zeebe against A's facade through zeebe-node, with a store of its own. Everything below goes through B's
 * REST API, as users and integrators would, and is checked in B's read model (and, where it matters, in A).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../engine/src/server/gongzhi-server.js';
import { readConfig } from '../../engine/src/server/server-config.js';
import type { Store } from '../../engine/src/store/store.js';
import type { EmbeddedEngine } from '../../engine/src/runtime/embedded/embedded-engine.js';
import { startZeebeGateway, type ZeebeGateway } from '../../engine/src/gateway/zeebe-gateway-server.js';
import { testStores } from '../../engine/test/support/test-stores.js';
import { DEMO_PASSWORD } from '../../engine/src/demo/demo-organizations.js';
import { ApiClient, ADMIN_PASSWORD, DEMO_ORGS, SERVER_START_TIMEOUT, TestServer, deploymentForm } from '../api/support/test-server.js';
import { API_INTAKE_FORM, CASE_BPMN, CASE_JOB_TYPE, CASE_MESSAGE, CASE_PROCESS_ID, SIGNAL_BPMN, validIntake } from '../api/support/api-case-fixture.js';

/** A case numbered by the built-in worker gongzhi.case-number, which B runs against the cluster. */
const NUMBERED_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="zb-numbered-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="zb-numbered" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="number">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="gongzhi.case-number" />
        <zeebe:taskHeaders><zeebe:header key="prefix" value="ZB" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="number" />
    <bpmn:sequenceFlow id="f2" sourceRef="number" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;

/** B's lock on user-task jobs: short, so that re-activation (matched by job key) happens during the test. */
const USER_TASK_JOB_TIMEOUT = 1500;

async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testStores)('Gongzhi on Zeebe (through the facade) on $name', (testStore) => {
  let a: TestServer;
  let gateway: ZeebeGateway;
  let bStore: Store;
  let b: RunningServer;
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-zeebe-'));
  const tokens = new Map<string, string>();

  async function startB(): Promise<RunningServer> {
    const config = {
      ...readConfig({}),
      port: 0,
      host: '127.0.0.1',
      adminPassword: ADMIN_PASSWORD,
      demo: true,
      processesDir: join(dir, 'processes'),
      formsDir: join(dir, 'forms'),
      staticDir: join(dir, 'no-designer-build'),
      workers: true,
      runtime: 'zeebe' as const,
      zeebeAddress: `127.0.0.1:${gateway.port}`,
    };
    tokens.clear();
    return startServer(config, { store: bStore, log: () => {}, zeebe: { userTaskJobTimeout: USER_TASK_JOB_TIMEOUT, clientOptions: { useTLS: false, retry: false } } });
  }

  async function as(username: string): Promise<ApiClient> {
    let token = tokens.get(username);
    if (!token) {
      const login = await new ApiClient(b.url).post('/v2/auth/login', { username, password: username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD });
      expect(login.status).toBe(200);
      token = login.body.token as string;
      tokens.set(username, token);
    }
    return new ApiClient(b.url, `Bearer ${token}`);
  }

  async function startCase(caseId: string): Promise<string> {
    const response = await (await as('admin')).post('/v2/process-instances', { processDefinitionId: CASE_PROCESS_ID, variables: { orgId: DEMO_ORGS.grid1, caseId } });
    expect(response.status).toBe(200);
    return response.body.processInstanceKey;
  }

  async function taskOf(processInstanceKey: string, state = 'CREATED'): Promise<Record<string, any>> {
    const admin = await as('admin');
    return eventually(`a ${state} task of ${processInstanceKey}`, async () => {
      const found = await admin.post('/v2/user-tasks/search', { filter: { processInstanceKey, state } });
      return found.body.items?.[0];
    });
  }

  async function activateArchiveJob(processInstanceKey: string): Promise<Record<string, any>> {
    const integrator = await as('integrator');
    return eventually(`an ${CASE_JOB_TYPE} job of ${processInstanceKey}`, async () => {
      const activated = await integrator.post('/v2/jobs/activation', { type: CASE_JOB_TYPE, worker: 'test', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: 500 });
      expect(activated.status).toBe(200);
      // Jobs of other cases activated here are failed back at once (retries kept), so they can be taken again.
      let mine: Record<string, any> | undefined;
      for (const job of activated.body.jobs) {
        if (job.processInstanceKey === processInstanceKey) mine = job;
        else await integrator.post(`/v2/jobs/${job.jobKey}/failure`, { retries: job.retries, errorMessage: 'not this test’s case' });
      }
      return mine;
    });
  }

  async function instance(processInstanceKey: string): Promise<Record<string, any>> {
    const response = await (await as('admin')).get(`/v2/process-instances/${processInstanceKey}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    a = await TestServer.start({ testStore, fixtures: false });
    gateway = await startZeebeGateway({ engine: a.running.services.engine as EmbeddedEngine, store: a.store, port: 0, host: '127.0.0.1' });
    mkdirSync(join(dir, 'processes'));
    mkdirSync(join(dir, 'forms'));
    writeFileSync(join(dir, 'processes', `${CASE_PROCESS_ID}.bpmn`), CASE_BPMN);
    writeFileSync(join(dir, 'processes', 'api-signal-wait.bpmn'), SIGNAL_BPMN);
    writeFileSync(join(dir, 'processes', 'zb-numbered.bpmn'), NUMBERED_BPMN);
    writeFileSync(join(dir, 'forms', `${API_INTAKE_FORM.id}.form.json`), JSON.stringify(API_INTAKE_FORM));
    bStore = await testStore.open();
    b = await startB();
  }, SERVER_START_TIMEOUT);

  afterAll(async () => {
    await b?.close();
    await bStore?.close();
    await gateway?.close();
    await a?.close();
    rmSync(dir, { recursive: true, force: true });
  }, SERVER_START_TIMEOUT);

  it('deploys to the cluster with history listeners, keeps the user’s XML and the form in its own store', async () => {
    const designer = await as('designer');
    const found = await designer.post('/v2/process-definitions/search', { filter: { processDefinitionId: CASE_PROCESS_ID } });
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(1);
    const key = found.body.items[0].processDefinitionKey;
    // The key and version are the cluster's.
    const onCluster = (a.running.services.engine as EmbeddedEngine).definitions.latestProcess(CASE_PROCESS_ID)!;
    expect(key).toBe(String(onCluster.key));
    expect(onCluster.graph.elements.get('register')?.startListeners?.map((l) => l.type)).toEqual([{ type: 'static', value: 'gongzhi.history.start' }]);
    const xml = await designer.get(`/v2/process-definitions/${key}/xml`);
    expect(xml.text).toBe(CASE_BPMN);
    const form = await designer.get(`/v2/forms/${API_INTAKE_FORM.id}`);
    expect(form.status).toBe(200);
  });

  it('runs a case: a user task (search, claim, form validation), a job over REST, a message, and the history from the listeners', async () => {
    const caseKey = await startCase('Z-1');
    const task = await taskOf(caseKey);
    expect(task).toMatchObject({ elementId: 'register', name: '受理登记', candidateGroups: ['grid-worker', 'proxy-agent'], formKey: 'gongzhi:form:api-intake', state: 'CREATED' });
    const grid1 = await as('grid1');
    const mine = await grid1.post('/v2/user-tasks/search', { filter: { candidateGroup: 'grid-worker', processInstanceKey: caseKey } });
    expect(mine.body.items.map((t: any) => t.userTaskKey)).toEqual([task.userTaskKey]);
    expect((await grid1.post(`/v2/user-tasks/${task.userTaskKey}/assignment`, { assignee: 'grid1' })).status).toBe(204);
    const invalid = await grid1.post(`/v2/user-tasks/${task.userTaskKey}/completion`, { variables: { ...validIntake(), idCard: '123' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: any) => e.field)).toEqual(['/idCard']);
    expect((await grid1.get(`/v2/user-tasks/${task.userTaskKey}`)).body).toMatchObject({ state: 'CREATED', assignee: 'grid1' });
    expect((await grid1.post(`/v2/user-tasks/${task.userTaskKey}/completion`, { variables: validIntake() })).status).toBe(204);
    expect((await grid1.get(`/v2/user-tasks/${task.userTaskKey}`)).body.state).toBe('COMPLETED');

    const job = await activateArchiveJob(caseKey);
    expect(job).toMatchObject({ elementId: 'archive', customHeaders: { office: '档案室' }, variables: expect.objectContaining({ applicantName: '张三丰', caseId: 'Z-1' }) });
    const integrator = await as('integrator');
    expect((await integrator.patch(`/v2/jobs/${job.jobKey}`, { changeset: { retries: 5 } })).status).toBe(204);
    // UpdateJobTimeout is not in zeebe-node 8.3's protocol: the runtime encodes it by hand, the facade serves it from its own proto.
    expect((await integrator.patch(`/v2/jobs/${job.jobKey}`, { changeset: { timeout: 120_000 } })).status).toBe(204);
    expect((await integrator.post(`/v2/jobs/${job.jobKey}/completion`, { variables: { archived: true } })).status).toBe(204);

    await eventually('the case waits for the message', async () => (await instance(caseKey)).activeElementIds.includes('confirmed'));
    expect((await integrator.post('/v2/messages/publication', { name: CASE_MESSAGE, correlationKey: 'Z-1', variables: { confirmedBy: '社区' } })).status).toBe(200);
    const done = await eventually('the case completes', async () => {
      const detail = await instance(caseKey);
      return detail.state === 'COMPLETED' && detail;
    });
    expect(done.completedElementIds).toEqual(['start', 'register', 'archive', 'confirmed', 'end']);
    expect(done.variables).toMatchObject({ caseId: 'Z-1', archived: true, confirmedBy: '社区', decision: '受理' });
    // The cluster agrees.
    const onCluster = await a.as('admin').then((admin) => admin.get(`/v2/process-instances/${caseKey}`));
    expect(onCluster.body.state).toBe('COMPLETED');
  });

  it('deploys over REST: a changed process gets a new version on the cluster, a decision goes there too, an invalid file is refused', async () => {
    const designer = await as('designer');
    const changed = NUMBERED_BPMN.replace('value="ZB"', 'value="ZC"');
    const dmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="zb-drg" name="ZB" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="zb-priority" name="优先级">
    <decisionTable id="t"><input id="i"><inputExpression id="ie" typeRef="string"><text>category</text></inputExpression></input>
      <output id="o" name="priority" typeRef="string" /><rule id="r"><inputEntry id="re"><text>-</text></inputEntry><outputEntry id="ro"><text>"normal"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;
    const response = await designer.post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'zb-numbered.bpmn', content: changed }, { name: 'zb.dmn', content: dmn }]) });
    expect(response.status).toBe(200);
    const cluster = (a.running.services.engine as EmbeddedEngine).definitions;
    const process = response.body.deployments.find((d: any) => d.processDefinition)?.processDefinition;
    expect(process).toMatchObject({ processDefinitionId: 'zb-numbered', processDefinitionVersion: 2, processDefinitionKey: String(cluster.latestProcess('zb-numbered')!.key) });
    const decision = response.body.deployments.find((d: any) => d.decisionDefinition)?.decisionDefinition;
    expect(decision).toMatchObject({ decisionDefinitionId: 'zb-priority', decisionDefinitionKey: String(cluster.latestDecision('zb-priority')!.key) });
    const invalid = await designer.post('/v2/deployments', undefined, { raw: deploymentForm([{ name: 'broken.bpmn', content: '<bpmn:definitions' }]) });
    expect(invalid.status).toBe(400);
    expect(cluster.latestProcess('broken')).toBeUndefined();
  });

  it('runs the built-in gongzhi.* workers against the cluster (the version deployed over REST numbers with ZC)', async () => {
    const started = await (await as('admin')).post('/v2/process-instances', { processDefinitionId: 'zb-numbered', variables: { orgId: DEMO_ORGS.grid1 } });
    expect(started.status).toBe(200);
    const done = await eventually('the numbered case completes', async () => {
      const detail = await instance(started.body.processInstanceKey);
      return detail.state === 'COMPLETED' && detail;
    });
    expect(done.variables.caseNo).toMatch(/^ZC-20\d\d-\d{6}$/);
    expect(done.completedElementIds).toEqual(['start', 'number', 'end']);
  });

  it('mirrors an incident its job failure causes and resolves it by retrying the element', async () => {
    const caseKey = await startCase('Z-2');
    const task = await taskOf(caseKey);
    expect((await (await as('admin')).post(`/v2/user-tasks/${task.userTaskKey}/completion`, { variables: validIntake() })).status).toBe(204);
    const job = await activateArchiveJob(caseKey);
    const integrator = await as('integrator');
    expect((await integrator.post(`/v2/jobs/${job.jobKey}/failure`, { retries: 0, errorMessage: '档案室停电' })).status).toBe(204);
    const admin = await as('admin');
    const incidents = await admin.post('/v2/incidents/search', { filter: { processInstanceKey: caseKey } });
    expect(incidents.body.items).toMatchObject([{ elementId: 'archive', errorType: 'JOB_NO_RETRIES', errorMessage: '档案室停电', state: 'ACTIVE', jobKey: job.jobKey }]);
    expect((await instance(caseKey)).hasIncident).toBe(true);
    const incidentKey = incidents.body.items[0].incidentKey;
    expect((await admin.post(`/v2/incidents/${incidentKey}/resolution`)).status).toBe(204);
    expect((await admin.get(`/v2/incidents/${incidentKey}`)).body.state).toBe('RESOLVED');
    expect((await instance(caseKey)).hasIncident).toBe(false);
    // The element runs again with a new job, which completes the case's step.
    const again = await activateArchiveJob(caseKey);
    expect(again.jobKey).not.toBe(job.jobKey);
    expect((await integrator.post(`/v2/jobs/${again.jobKey}/completion`, {})).status).toBe(204);
    await eventually('the case waits for the message again', async () => (await instance(caseKey)).activeElementIds.includes('confirmed'));
    // Resolving twice is refused.
    expect((await admin.post(`/v2/incidents/${incidentKey}/resolution`)).status).toBe(404);
  });

  it('cancels a case on the cluster; its open task is cancelled in the task list', async () => {
    const caseKey = await startCase('Z-3');
    const task = await taskOf(caseKey);
    const admin = await as('admin');
    expect((await admin.put(`/v2/element-instances/${caseKey}/variables`, { variables: { note: '当事人撤回' } })).status).toBe(204);
    expect((await instance(caseKey)).variables.note).toBe('当事人撤回');
    expect((await a.as('admin').then((c) => c.get(`/v2/process-instances/${caseKey}`))).body.variables.note).toBe('当事人撤回');
    expect((await admin.post(`/v2/process-instances/${caseKey}/cancellation`)).status).toBe(204);
    expect((await instance(caseKey)).state).toBe('TERMINATED');
    expect((await admin.get(`/v2/user-tasks/${task.userTaskKey}`)).body.state).toBe('CANCELED');
    const onCluster = await a.as('admin').then((c) => c.get(`/v2/process-instances/${caseKey}`));
    expect(onCluster.body.state).toBe('TERMINATED');
    expect((await admin.post(`/v2/process-instances/${caseKey}/cancellation`)).status).toBe(404);

    // Cancelled on the cluster behind our back: completing its task finds no job, and the task leaves the list.
    const elsewhere = await startCase('Z-3b');
    const orphan = await taskOf(elsewhere);
    expect((await (await a.as('admin')).post(`/v2/process-instances/${elsewhere}/cancellation`)).status).toBe(204);
    expect((await admin.post(`/v2/user-tasks/${orphan.userTaskKey}/completion`, { variables: validIntake() })).status).toBe(404);
    expect((await admin.get(`/v2/user-tasks/${orphan.userTaskKey}`)).body.state).toBe('CANCELED');
  });

  it('keeps an open task across a restart of the server: the re-activated job is matched, not duplicated', async () => {
    const caseKey = await startCase('Z-4');
    const task = await taskOf(caseKey);
    await b.close();
    // Longer than the job's lock: the restarted inbox activates the same job again.
    await new Promise((r) => setTimeout(r, USER_TASK_JOB_TIMEOUT + 500));
    b = await startB();
    const admin = await as('admin');
    // Wait until the inbox has taken the job again (its deadline moves) …
    await eventually('the job is activated again', async () => {
      const jobs = await a.store.db.selectFrom('jobs').select(['deadline']).where('key', '=', Number(task.userTaskKey) as never).execute();
      return jobs[0] && Number(jobs[0].deadline) > Date.now() + USER_TASK_JOB_TIMEOUT / 2;
    });
    // … and still there is one task, the same one, which completes the case's step.
    const tasks = await admin.post('/v2/user-tasks/search', { filter: { processInstanceKey: caseKey } });
    expect(tasks.body.items.map((t: any) => [t.userTaskKey, t.state])).toEqual([[task.userTaskKey, 'CREATED']]);
    expect((await admin.post(`/v2/user-tasks/${task.userTaskKey}/completion`, { variables: validIntake() })).status).toBe(204);
    await eventually('the case moves on to the archive job', async () => (await instance(caseKey)).activeElementIds.includes('archive'));
  });
});

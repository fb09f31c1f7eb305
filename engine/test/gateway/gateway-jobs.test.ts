import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { testStores } from '../support/test-stores.js';
import { chain, end, processXml, serviceTask, start } from '../support/bpmn-xml.js';
import { GatewayFixture, eventually } from './gateway-fixture.js';

const twoSteps = processXml(
  'case',
  [start(), serviceTask('check', 'check', '<zeebe:taskHeaders><zeebe:header key="desk" value="window-3" /></zeebe:taskHeaders>'), serviceTask('notify', 'notify'), end(), chain('start', 'check', 'notify', 'end')].join(''),
);
const withBoundary = processXml(
  'guarded',
  [
    start(),
    serviceTask('verify', 'verify'),
    `<bpmn:boundaryEvent id="refused" attachedToRef="verify"><bpmn:errorEventDefinition errorRef="err" /></bpmn:boundaryEvent>`,
    end(),
    end('refusedEnd'),
    chain('start', 'verify', 'end'),
    chain('refused', 'refusedEnd'),
  ].join(''),
  `<bpmn:error id="err" errorCode="REFUSED" />`,
);

describe.each(testStores)('Zeebe gateway: jobs ($name)', (testStore) => {
  let g: GatewayFixture;
  beforeEach(async () => (g = await GatewayFixture.start(testStore)));
  afterEach(async () => g.close());

  const activate = (type: string, requestTimeout = -1) => g.zbc.activateJobs({ type, worker: 'tester', maxJobsToActivate: 10, timeout: 60_000, requestTimeout });

  it('a ZBWorker runs a process end to end', async () => {
    await g.zbc.deployResource({ name: 'case.bpmn', process: Buffer.from(twoSteps) });
    const seen: Array<{ type: string; headers: unknown; variables: unknown }> = [];
    const check = g.zbc.createWorker({
      taskType: 'check',
      taskHandler: (job) => {
        seen.push({ type: job.type, headers: job.customHeaders, variables: job.variables });
        return job.complete({ checked: true });
      },
      loglevel: 'NONE',
    });
    const notify = g.zbc.createWorker({ taskType: 'notify', taskHandler: (job) => job.complete({ notified: job.variables.checked }), loglevel: 'NONE' });
    const instances = await Promise.all([1, 2, 3].map((n) => g.zbc.createProcessInstance({ bpmnProcessId: 'case', variables: { n } })));
    for (const { processInstanceKey } of instances) await eventually(async () => (await g.instanceState(processInstanceKey)) === 'COMPLETED');
    await check.close();
    await notify.close();
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({ type: 'check', headers: { desk: 'window-3' } });
    expect(seen.map((s) => (s.variables as { n: number }).n).sort()).toEqual([1, 2, 3]);
  });

  it('activated jobs carry Zeebe fields: keys and deadline as int64 strings, variables and headers as JSON', async () => {
    await g.zbc.deployResource({ name: 'case.bpmn', process: Buffer.from(twoSteps) });
    const { processInstanceKey } = await g.zbc.createProcessInstance({ bpmnProcessId: 'case', variables: { who: '张三', n: 1 } });
    const raw = g.raw();
    const jobs = await new Promise<any[]>((resolve, reject) => {
      const out: any[] = [];
      const stream = raw.ActivateJobs({ type: 'check', worker: 'w1', timeout: 30_000, maxJobsToActivate: 5, requestTimeout: 5_000, fetchVariable: ['who'] });
      stream.on('data', (response: any) => out.push(...response.jobs));
      stream.on('end', () => resolve(out));
      stream.on('error', reject);
    });
    expect(jobs).toHaveLength(1);
    const job = jobs[0];
    expect(job).toMatchObject({ type: 'check', processInstanceKey, bpmnProcessId: 'case', processDefinitionVersion: 1, elementId: 'check', worker: 'w1', retries: 3, tenantId: '<default>' });
    expect(JSON.parse(job.variables)).toEqual({ who: '张三' });
    expect(JSON.parse(job.customHeaders)).toEqual({ desk: 'window-3' });
    expect(Number(job.deadline)).toBeGreaterThan(Date.now() + 20_000);
    expect(job.key).toMatch(/^\d+$/);
  });

  it('long polling answers as soon as a job appears', async () => {
    await g.zbc.deployResource({ name: 'case.bpmn', process: Buffer.from(twoSteps) });
    const began = Date.now();
    const polling = activate('check', 20_000);
    await new Promise((r) => setTimeout(r, 300));
    await g.zbc.createProcessInstance({ bpmnProcessId: 'case', variables: {} });
    const jobs = await polling;
    expect(jobs).toHaveLength(1);
    expect(Date.now() - began).toBeLessThan(15_000);
    // Without long polling the answer is immediate and empty.
    expect(await activate('nothing-here', -1)).toEqual([]);
    const waited = Date.now();
    expect(await activate('nothing-here', 400)).toEqual([]);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(350);
  });

  it('StreamActivatedJobs pushes jobs as they become activatable', async () => {
    await g.zbc.deployResource({ name: 'case.bpmn', process: Buffer.from(twoSteps) });
    const raw = g.raw();
    const pushed: any[] = [];
    const stream = raw.StreamActivatedJobs({ type: 'check', worker: 'streamer', timeout: 30_000 });
    stream.on('data', (job: any) => pushed.push(job));
    stream.on('error', () => {});
    await g.zbc.createProcessInstance({ bpmnProcessId: 'case', variables: { n: 1 } });
    await g.zbc.createProcessInstance({ bpmnProcessId: 'case', variables: { n: 2 } });
    await eventually(() => pushed.length === 2);
    expect(pushed.map((j) => JSON.parse(j.variables).n).sort()).toEqual([1, 2]);
    expect(pushed[0].worker).toBe('streamer');
    stream.cancel();
    for (const job of pushed) await g.zbc.completeJob({ jobKey: job.key, variables: {} });
    const blank = await new Promise<any>((resolve) => {
      const s = raw.StreamActivatedJobs({ type: '', worker: 'x', timeout: 1000 });
      s.on('error', resolve);
      s.on('data', () => {});
    });
    expect(blank.code).toBe(3);
  });

  it('completing a job twice, or an unknown job, is NOT_FOUND; invalid activation is INVALID_ARGUMENT', async () => {
    await g.zbc.deployResource({ name: 'case.bpmn', process: Buffer.from(twoSteps) });
    await g.zbc.createProcessInstance({ bpmnProcessId: 'case', variables: {} });
    const [job] = await activate('check');
    await g.zbc.completeJob({ jobKey: job.key, variables: { ok: 1 } });
    const twice = await g.zbc.completeJob({ jobKey: job.key, variables: {} }).catch((e) => e);
    expect(twice.code).toBe(5);
    expect(twice.details).toContain(`Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '${job.key}', but no such job was found`);
    const unknown = await g.zbc.failJob({ jobKey: '2251799813999999', retries: 1, errorMessage: 'x', retryBackOff: 0 }).catch((e) => e);
    expect(unknown.code).toBe(5);
    // zeebe-node's activateJobs only listens for data, so the refused activation is seen on a raw stream.
    const raw = g.raw();
    const bad = await new Promise<any>((resolve) => {
      const s = raw.ActivateJobs({ type: 'check', worker: 'w', maxJobsToActivate: 0, timeout: 1000, requestTimeout: -1 });
      s.on('error', resolve);
      s.on('data', () => {});
    });
    expect(bad.code).toBe(3);
    expect(bad.details).toContain('maxJobsToActivate');
  });

  it('FailJob retries after its back-off, raises an incident at 0 retries; UpdateJobRetries and ResolveIncident bring the job back', async () => {
    await g.zbc.deployResource({ name: 'case.bpmn', process: Buffer.from(twoSteps) });
    const { processInstanceKey } = await g.zbc.createProcessInstance({ bpmnProcessId: 'case', variables: {} });
    const [job] = await activate('check');
    await g.zbc.failJob({ jobKey: job.key, retries: 2, errorMessage: 'desk closed', retryBackOff: 400 });
    expect(await activate('check')).toEqual([]);
    const again = await eventually(async () => {
      const jobs = await activate('check');
      return jobs.length > 0 ? jobs : undefined;
    });
    expect(again[0]).toMatchObject({ key: job.key, retries: 2 });
    await g.zbc.failJob({ jobKey: job.key, retries: 0, errorMessage: 'no desk at all', retryBackOff: 0 });
    const incidents = await g.store.db.executeQuery<{ key: number; data: { errorMessage: string } }>(
      CompiledQuery.raw("SELECT key, data FROM incidents WHERE process_instance_key = $1 AND state = 'ACTIVE'", [Number(processInstanceKey)]),
    );
    expect(incidents.rows).toHaveLength(1);
    expect(incidents.rows[0].data.errorMessage).toBe('no desk at all');
    const badRetries = await g.zbc.updateJobRetries({ jobKey: job.key, retries: 0 }).catch((e) => e);
    expect(badRetries.code).toBe(3);
    await g.zbc.updateJobRetries({ jobKey: job.key, retries: 1 });
    await g.zbc.resolveIncident({ incidentKey: String(incidents.rows[0].key) });
    const unknownIncident = await g.zbc.resolveIncident({ incidentKey: String(incidents.rows[0].key) }).catch((e) => e);
    expect(unknownIncident.code).toBe(5);
    const [back] = await activate('check');
    expect(back.key).toBe(job.key);
    await g.zbc.completeJob({ jobKey: back.key, variables: {} });
    expect((await activate('notify')).length).toBe(1);
  });

  it('ThrowError reaches the error boundary event; an uncaught code is an incident', async () => {
    await g.zbc.deployResource({ name: 'guarded.bpmn', process: Buffer.from(withBoundary) });
    const caught = await g.zbc.createProcessInstance({ bpmnProcessId: 'guarded', variables: {} });
    const [job] = await activate('verify');
    await g.zbc.throwError({ jobKey: job.key, errorCode: 'REFUSED', errorMessage: 'materials missing' });
    expect(await g.instanceState(caught.processInstanceKey)).toBe('COMPLETED');
    const stuck = await g.zbc.createProcessInstance({ bpmnProcessId: 'guarded', variables: {} });
    const [job2] = await activate('verify');
    await g.zbc.throwError({ jobKey: job2.key, errorCode: 'OTHER', errorMessage: 'nobody catches this' });
    expect(await g.instanceState(stuck.processInstanceKey)).toBe('ACTIVE');
    const incidents = await g.store.db.executeQuery(CompiledQuery.raw("SELECT key FROM incidents WHERE process_instance_key = $1 AND state = 'ACTIVE'", [Number(stuck.processInstanceKey)]));
    expect(incidents.rows).toHaveLength(1);
  });

  it('refuses commands beyond its in-flight limit with RESOURCE_EXHAUSTED and loses none it accepted', async () => {
    await g.close();
    g = await GatewayFixture.start(testStore, { maxCommandsInFlight: 1 });
    const raw = g.raw();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => g.call(raw, 'PublishMessage', { name: 'm', correlationKey: `k${i}`, timeToLive: 60_000, messageId: `id-${i}` })),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
    const exhausted = outcomes.filter((o) => o.status === 'rejected' && (o.reason as { code: number }).code === 8).length;
    expect(accepted).toBeGreaterThan(0);
    expect(exhausted).toBeGreaterThan(0);
    expect(accepted + exhausted).toBe(30);
    const stored = await g.store.db.executeQuery<{ n: number }>(CompiledQuery.raw('SELECT count(*)::int AS n FROM messages'));
    expect(stored.rows[0].n).toBe(accepted);
  });
});

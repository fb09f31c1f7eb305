import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { testStores } from '../support/test-stores.js';
import { chain, end, processXml, serviceTask, start } from '../support/bpmn-xml.js';
import { decisionTable, dmn } from '../decision/dmn-builder.js';
import { updateJobTimeoutCall } from '../../src/runtime/zeebe/zeebe-job-timeout.js';
import { GatewayFixture } from './gateway-fixture.js';
import { ZeebeRuntime } from '../../src/runtime/zeebe/zeebe-runtime.js';
import { EngineRejection } from '../../src/runtime/engine-rejection.js';

const permit = (label: string) => processXml('permit', [start(), `<bpmn:endEvent id="end" name="${label}" />`, chain('start', 'end')].join(''));
const work = processXml('work', [start(), serviceTask('task', 'chores'), end(), chain('start', 'task', 'end')].join(''));
const fee = dmn([decisionTable({ id: 'fee', name: 'Fee', inputs: [{ label: 'Area', expression: 'area' }], outputs: [{ name: 'fee' }], rules: [{ id: 'r', when: ['-'], then: ['10'] }] })]);

async function failure(promise: Promise<unknown>): Promise<{ code: number; details: string }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as { code: number; details: string };
}

describe.each(testStores)('Zeebe gateway: DeleteResource and UpdateJobTimeout ($name)', (testStore) => {
  let g: GatewayFixture;
  beforeEach(async () => (g = await GatewayFixture.start(testStore)));
  afterEach(async () => g.close());

  // zeebe-node 8.3's client has no deleteResource (its proto has the RPC): called on a plain gRPC client.
  const deleteResource = (resourceKey: string) => g.call(g.raw(), 'DeleteResource', { resourceKey });
  const deploy = async (label: string) => (await g.zbc.deployResource({ name: 'permit.bpmn', process: Buffer.from(permit(label)) })).deployments[0].process;

  it('deletes a process version: creating it is NOT_FOUND, the previous version is the latest again, the next deployment does not reuse its version', async () => {
    const v1 = await deploy('one');
    const v2 = await deploy('two');
    expect(await deleteResource(v2.processDefinitionKey)).toEqual({});

    const byKey = await failure(g.call(g.raw(), 'CreateProcessInstance', { processDefinitionKey: v2.processDefinitionKey, variables: '{}' }));
    expect(byKey.code).toBe(5);
    expect(byKey.details).toContain("Command 'CREATE' rejected with code 'NOT_FOUND'");
    const latest = await g.zbc.createProcessInstance({ bpmnProcessId: 'permit', variables: {} });
    expect(latest.version).toBe(1);
    expect(latest.processDefinitionKey).toBe(v1.processDefinitionKey);
    expect((await deploy('three')).version).toBe(3);
  });

  it('deletes a decision requirements graph: evaluating its decision is NOT_FOUND', async () => {
    const deployed = await g.zbc.deployResource({ name: 'fee.dmn', decision: Buffer.from(fee) });
    const drg = deployed.deployments.find((d) => 'decisionRequirements' in d && d.decisionRequirements)!.decisionRequirements!;
    expect((await g.zbc.evaluateDecision({ decisionId: 'fee', variables: { area: 1 } })).decisionOutput).toBe('10');
    await deleteResource(drg.decisionRequirementsKey);
    const evaluated = await failure(g.zbc.evaluateDecision({ decisionId: 'fee', variables: {} }));
    expect(evaluated.code).toBe(5);
  });

  it('answers an unknown resource key with NOT_FOUND and Zeebe message, a running process with FAILED_PRECONDITION', async () => {
    const unknown = await failure(deleteResource('2251799813685999'));
    expect(unknown.code).toBe(5);
    expect(unknown.details).toBe("Command 'DELETE' rejected with code 'NOT_FOUND': Expected to delete resource but no resource found with key `2251799813685999`");
    const { processDefinitionKey } = (await g.zbc.deployResource({ name: 'work.bpmn', process: Buffer.from(work) })).deployments[0].process;
    await g.zbc.createProcessInstance({ bpmnProcessId: 'work', variables: {} });
    const running = await failure(deleteResource(processDefinitionKey));
    expect(running.code).toBe(9);
    expect(running.details).toContain('but there are still running instances');
  });

  it('the Zeebe runtime deletes through the facade and mirrors it: the definition is deleted in its store too', async () => {
    const store = await testStore.open();
    const runtime = await ZeebeRuntime.create({ store, address: `127.0.0.1:${g.gateway.port}`, clientOptions: { retry: false, useTLS: false } });
    try {
      const v1 = (await runtime.deploy([{ name: 'permit.bpmn', content: permit('one') }])).processes[0];
      const v2 = (await runtime.deploy([{ name: 'permit.bpmn', content: permit('two') }])).processes[0];
      await runtime.deleteResource(v2.processDefinitionKey);
      expect(runtime.definitions.latestProcess('permit')?.key).toBe(v1.processDefinitionKey);
      expect(g.engine.definitions.latestProcess('permit')?.key).toBe(v1.processDefinitionKey);
      const mirrored = await store.db.executeQuery<{ deleted_at: number | null }>(CompiledQuery.raw('SELECT deleted_at FROM process_definitions WHERE key = $1', [v2.processDefinitionKey]));
      expect(mirrored.rows[0].deleted_at).not.toBeNull();
      const again = await runtime.deleteResource(v2.processDefinitionKey).then(() => undefined, (e: unknown) => e);
      expect(again).toBeInstanceOf(EngineRejection);
      expect((again as EngineRejection).type).toBe('NOT_FOUND');
    } finally {
      await runtime.close();
      await store.close();
    }
  });

  it('serves UpdateJobTimeout: the job deadline moves; an unknown job is NOT_FOUND, a job not activated FAILED_PRECONDITION', async () => {
    await g.zbc.deployResource({ name: 'work.bpmn', process: Buffer.from(work) });
    await g.zbc.createProcessInstance({ bpmnProcessId: 'work', variables: {} });
    const [job] = (await g.engine.activateJobs({ type: 'chores', worker: 'w', timeout: 1_000, maxJobsToActivate: 1 }));
    const before = Date.now();
    await updateJobTimeoutCall(g.zbc, job.key, 3_600_000);
    const row = await g.store.db.executeQuery<{ deadline: number; state: string }>(CompiledQuery.raw('SELECT deadline, state FROM jobs WHERE key = $1', [job.key]));
    expect(row.rows[0].state).toBe('ACTIVATED');
    expect(Number(row.rows[0].deadline)).toBeGreaterThanOrEqual(before + 3_600_000);
    const records = (await g.engine.records()).filter((r) => r.valueType === 'JOB' && r.intent === 'TIMEOUT_UPDATED');
    expect(records.map((r) => r.key)).toEqual([job.key]);

    const unknown = await failure(updateJobTimeoutCall(g.zbc, 2251799813685999, 1_000));
    expect(unknown.code).toBe(5);
    expect(unknown.details).toContain("Command 'UPDATE_TIMEOUT' rejected with code 'NOT_FOUND'");

    await g.engine.failJob(job.key, { retries: 1, errorMessage: 'later', retryBackOff: 3_600_000 });
    const notActivated = await failure(updateJobTimeoutCall(g.zbc, job.key, 1_000));
    expect(notActivated.code).toBe(9);
  });
});

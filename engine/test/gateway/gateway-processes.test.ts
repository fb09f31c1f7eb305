import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStores } from '../support/test-stores.js';
import { chain, end, processXml, serviceTask, start } from '../support/bpmn-xml.js';
import { GatewayFixture, eventually } from './gateway-fixture.js';

const order = processXml('order', [start(), serviceTask('charge', 'charge'), end(), chain('start', 'charge', 'end')].join(''));
const instant = processXml('instant', [start(), `<bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="=a + b" resultVariable="sum" /></bpmn:extensionElements></bpmn:scriptTask>`, end(), chain('start', 'calc', 'end')].join(''));

describe.each(testStores)('Zeebe gateway: deployments and process instances ($name)', (testStore) => {
  let g: GatewayFixture;
  beforeEach(async () => (g = await GatewayFixture.start(testStore)));
  afterEach(async () => g.close());

  it('reports a one-broker, one-partition topology', async () => {
    const topology = await g.zbc.topology();
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.6.0' });
    expect(topology.brokers).toEqual([
      { nodeId: 0, host: '127.0.0.1', port: g.gateway.port, partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }], version: '8.6.0' },
    ]);
  });

  it('deploys a process with DeployResource, keys as int64 strings, and again with the deprecated DeployProcess', async () => {
    const deployed = await g.zbc.deployResource({ name: 'order.bpmn', process: Buffer.from(order) });
    expect(deployed.key).toMatch(/^\d+$/);
    expect(deployed.deployments).toHaveLength(1);
    const meta = (deployed.deployments[0] as any).process;
    expect(meta).toMatchObject({ bpmnProcessId: 'order', version: 1, resourceName: 'order.bpmn', tenantId: '<default>' });
    expect(meta.processDefinitionKey).toMatch(/^\d{16}$/);

    const changed = order.replace('id="order"', 'id="order" name="Order"');
    const old = await g.zbc.deployProcess({ name: 'order.bpmn', definition: Buffer.from(changed) });
    expect(old.processes).toEqual([expect.objectContaining({ bpmnProcessId: 'order', version: 2, resourceName: 'order.bpmn' })]);
  });

  it('refuses invalid BPMN with INVALID_ARGUMENT and the reason, deploying nothing of the request', async () => {
    const broken = processXml('broken', [start(), `<bpmn:serviceTask id="task" />`, end(), chain('start', 'task', 'end')].join(''));
    const error = await g.zbc.deployResource({ name: 'two.bpmn', process: Buffer.from(broken) }).catch((e) => e);
    expect(error.code).toBe(3);
    expect(error.details).toContain("Command 'CREATE' rejected with code 'INVALID_ARGUMENT'");
    expect(error.details).toContain("'two.bpmn' element 'task'");
    const notXml = await g.zbc.deployResource({ name: 'x.bpmn', process: Buffer.from('<nope') }).catch((e) => e);
    expect(notXml.code).toBe(3);
    expect(g.engine.definitions.latestProcess('broken')).toBeUndefined();
  });

  it('creates instances by process id (latest or a version) and by definition key', async () => {
    const deployed = await g.zbc.deployResource({ name: 'order.bpmn', process: Buffer.from(order) });
    const definitionKey = (deployed.deployments[0] as any).process.processDefinitionKey;
    const byId = await g.zbc.createProcessInstance({ bpmnProcessId: 'order', variables: { orderId: 'A-1' } });
    expect(byId).toMatchObject({ bpmnProcessId: 'order', version: 1, processDefinitionKey: definitionKey, tenantId: '<default>' });
    expect(byId.processInstanceKey).toMatch(/^\d+$/);
    expect(await g.instanceState(byId.processInstanceKey)).toBe('ACTIVE');
    const raw = g.raw();
    const byKey = await g.call(raw, 'CreateProcessInstance', { processDefinitionKey: definitionKey, variables: '{"orderId":"B"}' });
    expect(byKey.bpmnProcessId).toBe('order');
    const byVersion = await g.zbc.createProcessInstance({ bpmnProcessId: 'order', version: 1, variables: {} });
    expect(byVersion.version).toBe(1);
  });

  it('answers NOT_FOUND for an unknown process id, version or key, and INVALID_ARGUMENT for variables that are not an object', async () => {
    const unknown = await g.zbc.createProcessInstance({ bpmnProcessId: 'nope', variables: {} }).catch((e) => e);
    expect(unknown.code).toBe(5);
    expect(unknown.details).toBe("Command 'CREATE' rejected with code 'NOT_FOUND': Expected to find process definition with process ID 'nope', but none found");
    await g.zbc.deployResource({ name: 'order.bpmn', process: Buffer.from(order) });
    const version = await g.zbc.createProcessInstance({ bpmnProcessId: 'order', version: 7, variables: {} }).catch((e) => e);
    expect(version.code).toBe(5);
    const raw = g.raw();
    const byKey = await g.call(raw, 'CreateProcessInstance', { processDefinitionKey: '123' }).catch((e) => e);
    expect(byKey.code).toBe(5);
    const array = await g.call(raw, 'CreateProcessInstance', { bpmnProcessId: 'order', version: -1, variables: '[1]' }).catch((e) => e);
    expect(array.code).toBe(3);
    expect(array.details).toBe("Property 'variables' is invalid: Expected document to be a root level object, but was 'ARRAY'");
    const tenant = await g.call(raw, 'CreateProcessInstance', { bpmnProcessId: 'order', version: -1, tenantId: 'street-7' }).catch((e) => e);
    expect(tenant.code).toBe(3);
    expect(tenant.details).toContain('multi-tenancy is disabled');
  });

  it('CreateProcessInstanceWithResult answers when the instance completes, with all or the fetched root variables', async () => {
    await g.zbc.deployResource({ name: 'instant.bpmn', process: Buffer.from(instant) });
    const result = await g.zbc.createProcessInstanceWithResult({ bpmnProcessId: 'instant', variables: { a: 2, b: 3 } });
    expect(result.variables).toEqual({ a: 2, b: 3, sum: 5 });
    expect(result.bpmnProcessId).toBe('instant');
    const fetched = await g.zbc.createProcessInstanceWithResult({ bpmnProcessId: 'instant', variables: { a: 1, b: 1 }, fetchVariables: ['sum'] });
    expect(fetched.variables).toEqual({ sum: 2 });

    await g.zbc.deployResource({ name: 'order.bpmn', process: Buffer.from(order) });
    const waiting = g.zbc.createProcessInstanceWithResult({ bpmnProcessId: 'order', variables: { orderId: 'W' }, requestTimeout: 10_000 });
    const jobs = await eventually(async () => {
      const found = await g.zbc.activateJobs({ type: 'charge', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
      return found.length > 0 ? found : undefined;
    });
    await g.zbc.completeJob({ jobKey: jobs[0].key, variables: { charged: true } });
    expect((await waiting).variables).toEqual({ orderId: 'W', charged: true });
  });

  it('CreateProcessInstanceWithResult gives up with DEADLINE_EXCEEDED after its requestTimeout', async () => {
    await g.zbc.deployResource({ name: 'order.bpmn', process: Buffer.from(order) });
    const error = await g.zbc.createProcessInstanceWithResult({ bpmnProcessId: 'order', variables: {}, requestTimeout: 300 }).catch((e) => e);
    expect(error.code).toBe(4);
    expect(error.details).toContain('has not completed yet');
  });

  it('cancels an instance; an unknown instance is NOT_FOUND', async () => {
    await g.zbc.deployResource({ name: 'order.bpmn', process: Buffer.from(order) });
    const { processInstanceKey } = await g.zbc.createProcessInstance({ bpmnProcessId: 'order', variables: {} });
    await g.zbc.cancelProcessInstance(processInstanceKey);
    expect(await g.instanceState(processInstanceKey)).toBe('TERMINATED');
    const error = await g.zbc.cancelProcessInstance(processInstanceKey).catch((e) => e);
    expect(error.code).toBe(5);
    expect(error.details).toContain("Command 'CANCEL' rejected with code 'NOT_FOUND'");
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { testStores } from '../support/test-stores.js';
import { chain, end, processXml, serviceTask, start } from '../support/bpmn-xml.js';
import { decisionTable, dmn } from '../decision/dmn-builder.js';
import { GatewayFixture, eventually } from './gateway-fixture.js';

const payment = processXml(
  'payment',
  [start(), `<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m_paid" /></bpmn:intermediateCatchEvent>`, end(), chain('start', 'paid', 'end')].join(''),
  `<bpmn:message id="m_paid" name="payment-received"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`,
);
const alarm = processXml(
  'alarm',
  [start(), `<bpmn:intermediateCatchEvent id="warned"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>`, end(), chain('start', 'warned', 'end')].join(''),
  `<bpmn:signal id="s" name="flood-warning" />`,
);
const steps = processXml('steps', [start(), serviceTask('a', 'a'), serviceTask('b', 'b'), end(), chain('start', 'a', 'b', 'end')].join(''));
const fee = dmn([
  decisionTable({
    id: 'fee',
    name: 'Fee',
    inputs: [{ label: 'Area', expression: 'area' }],
    outputs: [{ name: 'fee' }],
    rules: [
      { id: 'small', when: ['< 50'], then: ['10'] },
      { id: 'large', when: ['>= 50'], then: ['30'] },
    ],
  }),
]);

describe.each(testStores)('Zeebe gateway: messages, signals, variables, decisions, modification ($name)', (testStore) => {
  let g: GatewayFixture;
  beforeEach(async () => (g = await GatewayFixture.start(testStore)));
  afterEach(async () => g.close());

  async function variables(key: string): Promise<Record<string, unknown>> {
    const rows = await g.store.db.executeQuery<{ name: string; value: unknown }>(CompiledQuery.raw('SELECT name, value FROM variable_view WHERE scope_key = $1', [Number(key)]));
    return Object.fromEntries(rows.rows.map((r) => [r.name, r.value]));
  }

  it('publishes messages: correlated at once, buffered for their TTL, unique by message id', async () => {
    await g.zbc.deployResource({ name: 'payment.bpmn', process: Buffer.from(payment) });
    const a = await g.zbc.createProcessInstance({ bpmnProcessId: 'payment', variables: { orderId: 'A' } });
    const published = await g.zbc.publishMessage({ name: 'payment-received', correlationKey: 'A', variables: { amount: 9 } });
    expect(published.key).toMatch(/^\d+$/);
    expect(await g.instanceState(a.processInstanceKey)).toBe('COMPLETED');
    expect(await variables(a.processInstanceKey)).toEqual({ orderId: 'A', amount: 9 });

    await g.zbc.publishMessage({ name: 'payment-received', correlationKey: 'B', timeToLive: 60_000, messageId: 'pay-B', variables: { early: true } });
    const duplicate = await g.zbc.publishMessage({ name: 'payment-received', correlationKey: 'B', timeToLive: 60_000, messageId: 'pay-B', variables: {} }).catch((e) => e);
    expect(duplicate.code).toBe(6);
    expect(duplicate.details).toContain("Command 'PUBLISH' rejected with code 'ALREADY_EXISTS'");
    const b = await g.zbc.createProcessInstance({ bpmnProcessId: 'payment', variables: { orderId: 'B' } });
    expect(await g.instanceState(b.processInstanceKey)).toBe('COMPLETED');

    await g.zbc.publishMessage({ name: 'payment-received', correlationKey: 'C', timeToLive: 0, variables: {} });
    const c = await g.zbc.createProcessInstance({ bpmnProcessId: 'payment', variables: { orderId: 'C' } });
    expect(await g.instanceState(c.processInstanceKey)).toBe('ACTIVE');
  });

  it('broadcasts signals to waiting instances', async () => {
    await g.zbc.deployResource({ name: 'alarm.bpmn', process: Buffer.from(alarm) });
    const x = await g.zbc.createProcessInstance({ bpmnProcessId: 'alarm', variables: {} });
    const signal = await g.zbc.broadcastSignal({ signalName: 'flood-warning', variables: { level: 2 } });
    expect(signal.key).toMatch(/^\d+$/);
    expect(await g.instanceState(x.processInstanceKey)).toBe('COMPLETED');
    expect(await variables(x.processInstanceKey)).toEqual({ level: 2 });
  });

  it('sets variables on a scope (NOT_FOUND for an unknown one, INVALID_ARGUMENT for a non-object)', async () => {
    await g.zbc.deployResource({ name: 'payment.bpmn', process: Buffer.from(payment) });
    const a = await g.zbc.createProcessInstance({ bpmnProcessId: 'payment', variables: { orderId: 'A' } });
    const raw = g.raw();
    const set = await g.call(raw, 'SetVariables', { elementInstanceKey: a.processInstanceKey, variables: '{"note":"已受理"}', local: false });
    expect(set.key).toMatch(/^\d+$/);
    expect(await variables(a.processInstanceKey)).toEqual({ orderId: 'A', note: '已受理' });
    const unknown = await g.zbc.setVariables({ elementInstanceKey: '2251799813999999', variables: { x: 1 } }).catch((e) => e);
    expect(unknown.code).toBe(5);
    const notObject = await g.call(raw, 'SetVariables', { elementInstanceKey: a.processInstanceKey, variables: '"text"' }).catch((e) => e);
    expect(notObject.code).toBe(3);
    expect(notObject.details).toBe("Property 'variables' is invalid: Expected document to be a root level object, but was 'STRING'");
  });

  it('deploys a DMN and evaluates its decision by id and by key, with the evaluated rules', async () => {
    const deployed = await g.zbc.deployResource({ name: 'fee.dmn', decision: Buffer.from(fee) });
    const decision = deployed.deployments.find((d: any) => d.decision)!.decision;
    expect(decision).toMatchObject({ dmnDecisionId: 'fee', dmnDecisionName: 'Fee', version: 1 });
    expect(deployed.deployments.find((d: any) => d.decisionRequirements)).toBeDefined();
    const byId = await g.zbc.evaluateDecision({ decisionId: 'fee', variables: { area: 80 } });
    expect(byId).toMatchObject({ decisionId: 'fee', decisionName: 'Fee', decisionVersion: 1, decisionKey: decision.decisionKey, failureMessage: '' });
    expect(JSON.parse(byId.decisionOutput)).toBe(30);
    expect(byId.evaluatedDecisions[0].matchedRules).toEqual([
      { ruleId: 'large', ruleIndex: 2, evaluatedOutputs: [expect.objectContaining({ outputValue: '30' })] },
    ]);
    expect(byId.evaluatedDecisions[0].evaluatedInputs[0]).toMatchObject({ inputValue: '80' });
    const byKey = await g.zbc.evaluateDecision({ decisionKey: decision.decisionKey, variables: { area: 20 } });
    expect(JSON.parse(byKey.decisionOutput)).toBe(10);
    const unknown = await g.zbc.evaluateDecision({ decisionId: 'nope', variables: {} }).catch((e) => e);
    expect(unknown.code).toBe(5);
    const both = await g.zbc.evaluateDecision({ decisionId: 'fee', decisionKey: decision.decisionKey, variables: {} }).catch((e) => e);
    expect(both.code).toBe(3);
  });

  it('modifies an instance: activates an element, terminates another, and names what it cannot do', async () => {
    await g.zbc.deployResource({ name: 'steps.bpmn', process: Buffer.from(steps) });
    const pi = await g.zbc.createProcessInstance({ bpmnProcessId: 'steps', variables: {} });
    const [jobA] = await g.zbc.activateJobs({ type: 'a', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
    await g.zbc.modifyProcessInstance({
      processInstanceKey: pi.processInstanceKey,
      activateInstructions: [{ elementId: 'b', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: { jumped: true } }] }],
      terminateInstructions: [{ elementInstanceKey: jobA.elementInstanceKey }],
    });
    expect(await variables(pi.processInstanceKey)).toEqual({ jumped: true });
    const [jobB] = await eventually(async () => {
      const jobs = await g.zbc.activateJobs({ type: 'b', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
      return jobs.length > 0 ? jobs : undefined;
    });
    const gone = await g.zbc.completeJob({ jobKey: jobA.key, variables: {} }).catch((e) => e);
    expect(gone.code).toBe(5);
    const unknownElement = await g.zbc
      .modifyProcessInstance({ processInstanceKey: pi.processInstanceKey, activateInstructions: [{ elementId: 'zzz', ancestorElementInstanceKey: '-1', variableInstructions: [] }] })
      .catch((e) => e);
    expect(unknownElement.code).toBe(3);
    expect(unknownElement.details).toContain("'zzz'");
    // Terminating the last active element ends the instance.
    await g.zbc.modifyProcessInstance({ processInstanceKey: pi.processInstanceKey, terminateInstructions: [{ elementInstanceKey: jobB.elementInstanceKey }] });
    expect(await g.instanceState(pi.processInstanceKey)).toBe('TERMINATED');
    const ended = await g.zbc.modifyProcessInstance({ processInstanceKey: pi.processInstanceKey, terminateInstructions: [] }).catch((e) => e);
    expect(ended.code).toBe(5);
  });
});

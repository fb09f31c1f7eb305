import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, end, processXml, serviceTask, start } from '../support/bpmn-xml.js';
import { decisionTable, dmn } from '../decision/dmn-builder.js';
import { openStore } from '../../src/store/store.js';
import { createEngine } from '../../src/runtime/embedded/embedded-engine.js';
import { EngineRejection } from '../../src/runtime/engine-rejection.js';

const HOUR = 3600 * 1000;
/** The same process id; the label makes each deployment a new version. */
const plain = (label: string) => processXml('permit', [start(), `<bpmn:endEvent id="end" name="${label}" />`, chain('start', 'end')].join(''));
const hourly = (label: string) =>
  processXml(
    'permit',
    [`<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>`, `<bpmn:endEvent id="end" name="${label}" />`, chain('start', 'end')].join(''),
  );
const waiting = processXml('waiting', [start(), serviceTask('work', 'work'), end(), chain('start', 'work', 'end')].join(''));
const fee = (then: string) =>
  dmn([decisionTable({ id: 'fee', name: 'Fee', inputs: [{ label: 'Area', expression: 'area' }], outputs: [{ name: 'fee' }], rules: [{ id: 'r', when: ['-'], then: [then] }] })]);

async function rejection(promise: Promise<unknown>): Promise<EngineRejection> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(EngineRejection);
  return error as EngineRejection;
}

describe.each(testStores)('resource deletion on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  it('deletes a process version: no new instances of it, the previous version is the latest again, versions are not reused', async () => {
    const v1 = (await t.deploy(plain('one'))).processes[0];
    const v2 = (await t.deploy(plain('two'))).processes[0];
    await t.engine.deleteResource(v2.processDefinitionKey);

    const byKey = await rejection(t.engine.createProcessInstance({ processDefinitionKey: v2.processDefinitionKey }));
    expect(byKey.type).toBe('NOT_FOUND');
    expect((await rejection(t.engine.createProcessInstance({ bpmnProcessId: 'permit', version: 2 }))).type).toBe('NOT_FOUND');
    const latest = await t.engine.createProcessInstance({ bpmnProcessId: 'permit' });
    expect(latest).toMatchObject({ version: 1, processDefinitionKey: v1.processDefinitionKey });

    const v3 = (await t.deploy(plain('three'))).processes[0];
    expect(v3.version).toBe(3);

    const records = (await t.engine.records()).filter((r) => r.valueType === 'RESOURCE_DELETION' || (r.valueType === 'PROCESS' && r.intent !== 'CREATED'));
    expect(records.map((r) => `${r.valueType} ${r.intent}`)).toEqual(['RESOURCE_DELETION DELETING', 'PROCESS DELETING', 'PROCESS DELETED', 'RESOURCE_DELETION DELETED']);
    expect(records[1].value).toMatchObject({ bpmnProcessId: 'permit', version: 2, processDefinitionKey: v2.processDefinitionKey });
  });

  it('deleting the only version leaves no latest; deleting it twice is NOT_FOUND', async () => {
    const v1 = (await t.deploy(plain('one'))).processes[0];
    await t.engine.deleteResource(v1.processDefinitionKey);
    const none = await rejection(t.engine.createProcessInstance({ bpmnProcessId: 'permit' }));
    expect(none.type).toBe('NOT_FOUND');
    const again = await rejection(t.engine.deleteResource(v1.processDefinitionKey));
    expect(again.type).toBe('NOT_FOUND');
    expect(again.message).toBe(`Expected to delete resource but no resource found with key \`${v1.processDefinitionKey}\``);
    expect((await t.deploy(plain('two'))).processes[0].version).toBe(2);
  });

  it('refuses to delete a process with running instances (Zeebe 8.6), and deletes it once they ended', async () => {
    const { processDefinitionKey } = (await t.deploy(waiting)).processes[0];
    const pi = await t.start('waiting');
    const refused = await rejection(t.engine.deleteResource(processDefinitionKey));
    expect(refused.type).toBe('INVALID_STATE');
    expect(refused.message).toBe(`Expected to delete resource with key \`${processDefinitionKey}\` but there are still running instances`);
    expect(await t.state(pi)).toBe('ACTIVE');
    await t.engine.cancelProcessInstance(pi);
    await t.engine.deleteResource(processDefinitionKey);
    expect((await rejection(t.start('waiting'))).type).toBe('NOT_FOUND');
  });

  it('moves timer start events: the deleted latest version stops, the previous one starts again', async () => {
    const v1 = (await t.deploy(hourly('one'))).processes[0];
    const v2 = (await t.deploy(hourly('two'))).processes[0];
    const startTimers = async () =>
      (await t.store.db.executeQuery<{ process_definition_key: number }>(CompiledQuery.raw('SELECT process_definition_key FROM timers WHERE element_instance_key IS NULL'))).rows.map((r) =>
        Number(r.process_definition_key),
      );
    expect(await startTimers()).toEqual([v2.processDefinitionKey]);
    await t.engine.deleteResource(v2.processDefinitionKey);
    expect(await startTimers()).toEqual([v1.processDefinitionKey]);
    await t.engine.advanceTime(HOUR + 1000);
    const started = await t.store.db.executeQuery<{ process_definition_key: number }>(CompiledQuery.raw('SELECT process_definition_key FROM process_instance_view'));
    expect(started.rows.map((r) => Number(r.process_definition_key))).toEqual([v1.processDefinitionKey]);
  });

  it('deletes a decision requirements graph with its decisions, and a form', async () => {
    const one = await t.engine.deploy([{ name: 'fee.dmn', content: fee('10') }]);
    const two = await t.engine.deploy([{ name: 'fee.dmn', content: fee('20') }]);
    await t.engine.deleteResource(two.decisionRequirements[0].decisionRequirementsKey);
    expect((await t.engine.evaluateDecision({ decisionId: 'fee', variables: { area: 1 } })).output).toBe(10);
    expect((await rejection(t.engine.evaluateDecision({ decisionKey: two.decisions[0].decisionKey, variables: {} }))).type).toBe('NOT_FOUND');
    await t.engine.deleteResource(one.decisionRequirements[0].decisionRequirementsKey);
    expect((await rejection(t.engine.evaluateDecision({ decisionId: 'fee', variables: {} }))).type).toBe('NOT_FOUND');
    const three = await t.engine.deploy([{ name: 'fee.dmn', content: fee('30') }]);
    expect(three.decisionRequirements[0].version).toBe(3);
    expect(three.decisions[0].version).toBe(3);

    const form = (await t.engine.deploy([{ name: 'apply.form', content: JSON.stringify({ id: 'apply', components: [] }) }])).forms[0];
    await t.engine.deleteResource(form.formKey);
    expect(t.engine.definitions.latestForm('apply')).toBeUndefined();
    const kinds = (await t.engine.records()).filter((r) => r.intent === 'DELETED').map((r) => r.valueType);
    expect(kinds).toEqual(['DECISION', 'DECISION_REQUIREMENTS', 'RESOURCE_DELETION', 'DECISION', 'DECISION_REQUIREMENTS', 'RESOURCE_DELETION', 'FORM', 'RESOURCE_DELETION']);
  });

  it('answers an unknown key with NOT_FOUND and a bad key with INVALID_ARGUMENT', async () => {
    const unknown = await rejection(t.engine.deleteResource(2251799813685999));
    expect(unknown.type).toBe('NOT_FOUND');
    expect(unknown.message).toBe('Expected to delete resource but no resource found with key `2251799813685999`');
    expect((await rejection(t.engine.deleteResource(-1))).type).toBe('INVALID_ARGUMENT');
  });
});

describe('resource deletion across a restart', () => {
  it('keeps deleted definitions deleted and their versions taken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongzhi-deletion-'));
    try {
      let store = await openStore({ dataDir: join(dir, 'data') });
      let engine = await createEngine({ store });
      const v1 = (await engine.deploy([{ name: 'p.bpmn', content: plain('one') }])).processes[0];
      const v2 = (await engine.deploy([{ name: 'p.bpmn', content: plain('two') }])).processes[0];
      const drg = (await engine.deploy([{ name: 'fee.dmn', content: fee('10') }])).decisionRequirements[0];
      await engine.deleteResource(v2.processDefinitionKey);
      await engine.deleteResource(drg.decisionRequirementsKey);
      await engine.close();
      await store.close();

      store = await openStore({ dataDir: join(dir, 'data') });
      engine = await createEngine({ store });
      try {
        expect(engine.definitions.latestProcess('permit')?.key).toBe(v1.processDefinitionKey);
        expect((await rejection(engine.createProcessInstance({ processDefinitionKey: v2.processDefinitionKey }))).type).toBe('NOT_FOUND');
        expect((await rejection(engine.deleteResource(v2.processDefinitionKey))).type).toBe('NOT_FOUND');
        expect((await rejection(engine.evaluateDecision({ decisionId: 'fee', variables: {} }))).type).toBe('NOT_FOUND');
        expect((await engine.deploy([{ name: 'p.bpmn', content: plain('three') }])).processes[0].version).toBe(3);
        expect((await engine.deploy([{ name: 'fee.dmn', content: fee('20') }])).decisionRequirements[0].version).toBe(2);
      } finally {
        await engine.close();
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

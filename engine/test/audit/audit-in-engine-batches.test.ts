import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.js';
import { AuditEntryError } from '../../src/audit/audit-entry-error.js';
import type { AuditActor, AuditEntry } from '../../src/audit/audit-record.js';
import { VirtualClock } from '../../src/clock/clock.js';
import { createEngine, type EmbeddedEngine } from '../../src/runtime/embedded/embedded-engine.js';
import type { CreatedProcessInstance } from '../../src/runtime/runtime-port.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';

const clerk: AuditActor = { kind: 'user', id: 'u-7', name: 'li.window' };

const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="audited" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="audited-work" /></bpmn:extensionElements></bpmn:serviceTask>
  </bpmn:process>
</bpmn:definitions>`;

const created = (action = 'process-instance.create') => (instance: CreatedProcessInstance): AuditEntry => ({
  actor: clerk,
  action,
  processInstanceKey: instance.processInstanceKey,
  details: { processDefinitionId: instance.bpmnProcessId, version: instance.version },
});

describe.each(testStores)('audit records written in the embedded engine’s batches on $name', ({ open }) => {
  let store: Store;
  let audit: AuditLog;
  let engine: EmbeddedEngine;
  const clock = new VirtualClock(Date.UTC(2026, 10, 22, 2, 0));

  beforeAll(async () => {
    store = await open();
    audit = createAuditLog(store.db, { clock });
    engine = await createEngine({ store, clock, audit });
    await engine.deploy([{ name: 'audited.bpmn', content: PROCESS }]);
  });
  afterAll(async () => {
    await engine?.close();
    await store?.close();
  });
  beforeEach(async () => {
    audit.writeInside(undefined);
    await sql`DELETE FROM audit_log`.execute(store.db);
  });

  const instanceCount = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM process_instance_view WHERE bpmn_process_id = 'audited'`.execute(store.db)).rows[0].n;
  const instanceExists = async (key: number) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM process_instance_view WHERE key = ${key}`.execute(store.db)).rows[0].n === 1;

  it('commits an instance and the record of its creation together', async () => {
    const instance = await engine.createProcessInstance({ bpmnProcessId: 'audited', audit: created() });
    const records = await audit.list({ processInstanceKey: instance.processInstanceKey });
    expect(records).toMatchObject([
      { seq: 1, actor: clerk, action: 'process-instance.create', processInstanceKey: String(instance.processInstanceKey), details: { processDefinitionId: 'audited', version: 1 } },
    ]);
    expect(await instanceExists(instance.processInstanceKey)).toBe(true);
    expect(await audit.verify()).toEqual({ ok: true, records: 1 });
  });

  it('keeps no record of a creation the engine rejected, while the batch’s other creations keep theirs', async () => {
    // Enqueued in one turn of the event loop: the three commands share a batch.
    const outcomes = await Promise.allSettled([
      engine.createProcessInstance({ bpmnProcessId: 'audited', audit: created() }),
      engine.createProcessInstance({ bpmnProcessId: 'no-such-process', audit: created() }),
      engine.createProcessInstance({ bpmnProcessId: 'audited', audit: created() }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const keys = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [String(o.value.processInstanceKey)] : []));
    const records = await audit.list();
    expect(records.map((r) => r.processInstanceKey)).toEqual(keys);
    expect(await audit.verify()).toEqual({ ok: true, records: 2 });
  });

  it('creates no instance whose record could not be written, and still creates the others of its batch', async () => {
    const before = await instanceCount();
    const outcomes = await Promise.allSettled([
      engine.createProcessInstance({ bpmnProcessId: 'audited', audit: created() }),
      // Not dotted lower-case words: the log refuses it, and the creation must not happen without its record.
      engine.createProcessInstance({ bpmnProcessId: 'audited', audit: created('Create Instance') }),
    ]);
    expect(outcomes[0].status).toBe('fulfilled');
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.any(AuditEntryError) });
    const kept = (outcomes[0] as PromiseFulfilledResult<CreatedProcessInstance>).value.processInstanceKey;
    expect((await audit.list()).map((r) => r.processInstanceKey)).toEqual([String(kept)]);
    expect(await instanceCount()).toBe(before + 1);
    expect(await instanceExists(kept)).toBe(true);
    expect(await audit.verify()).toEqual({ ok: true, records: 1 });
  });

  it('chains records appended elsewhere, written inside engine batches, with the records of creations', async () => {
    audit.writeInside((work) => engine.withinBatch(work));
    const appended = Array.from({ length: 5 }, (_, i) => audit.append({ actor: clerk, action: 'form.save', target: `form:f${i}` }));
    const instances = Array.from({ length: 5 }, () => engine.createProcessInstance({ bpmnProcessId: 'audited', audit: created() }));
    await Promise.all([...appended, ...instances]);
    const records = await audit.list();
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(records.filter((r) => r.action === 'form.save')).toHaveLength(5);
    expect(await audit.verify()).toEqual({ ok: true, records: 10 });
  });

  it('refuses a creation that brings a record to an engine without an audit log, before creating anything', async () => {
    const bare = await createEngine({ store, clock });
    try {
      await expect(bare.createProcessInstance({ bpmnProcessId: 'audited', audit: created() })).rejects.toThrow(/no audit log/);
    } finally {
      await bare.close();
    }
  });
});

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActorOf, systemActor } from '../../src/audit/audit-actor.js';
import { AuditEntryError } from '../../src/audit/audit-entry-error.js';
import { GENESIS_HASH, hashAuditRecord } from '../../src/audit/audit-hash.js';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.js';
import type { AuditActor } from '../../src/audit/audit-record.js';
import { VirtualClock } from '../../src/clock/clock.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createScratchDatabase, testStores } from '../support/test-stores.js';

const clerk: AuditActor = { kind: 'user', id: 'u-1', name: 'zhao.window' };
const erp: AuditActor = { kind: 'apiKey', id: 'ak_00000000000000aa', name: 'erp' };

/** Each test gets an empty log: the chain is global to a database. */
async function emptyLog(store: Store, clock = new VirtualClock()): Promise<AuditLog> {
  await sql`DELETE FROM audit_log`.execute(store.db);
  return createAuditLog(store.db, { clock });
}

describe.each(testStores)('audit log on $name', ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('appends records chained by hash: sha256(prevHash + canonical JSON without hash)', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 0, 30));
    const log = await emptyLog(store, clock);
    const first = await log.append({
      actor: clerk,
      action: 'process-instance.create',
      processInstanceKey: '2251799813685249',
      details: { bpmnProcessId: 'service-item', variables: { 姓名: '张三', age: 61 } },
    });
    expect(first).toEqual({
      seq: 1,
      at: clock.now(),
      actor: clerk,
      action: 'process-instance.create',
      processInstanceKey: '2251799813685249',
      details: { bpmnProcessId: 'service-item', variables: { 姓名: '张三', age: 61 } },
      prevHash: GENESIS_HASH,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The format, written out by hand: keys sorted at every level, optional fields absent when not given.
    const canonical =
      `{"action":"process-instance.create","actor":{"id":"u-1","kind":"user","name":"zhao.window"},` +
      `"at":${clock.now()},"details":{"bpmnProcessId":"service-item","variables":{"age":61,"姓名":"张三"}},` +
      `"prevHash":"${GENESIS_HASH}","processInstanceKey":"2251799813685249","seq":1}`;
    expect(first.hash).toBe(createHash('sha256').update(GENESIS_HASH + canonical).digest('hex'));

    clock.advance(5000);
    const second = await log.append({ actor: erp, action: 'user-task.complete', processInstanceKey: 2251799813685249, userTaskKey: 2251799813685300 });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, processInstanceKey: '2251799813685249', userTaskKey: '2251799813685300', details: {} });
    expect(second.target).toBeUndefined();
    expect(await log.head()).toEqual({ seq: 2, hash: second.hash });
    expect(await log.verify()).toEqual({ ok: true, records: 2 });
  });

  it('lists by instance, task, actor and action, in seq order, with paging', async () => {
    const log = await emptyLog(store);
    await log.append({ actor: clerk, action: 'process-instance.create', processInstanceKey: '100' });
    await log.append({ actor: erp, action: 'message.publish', details: { name: 'paid' } });
    await log.append({ actor: clerk, action: 'user-task.claim', processInstanceKey: '100', userTaskKey: '105' });
    await log.append({ actor: clerk, action: 'user-task.complete', processInstanceKey: '100', userTaskKey: '105' });
    await log.append({ actor: systemActor('timer'), action: 'process-instance.cancel', processInstanceKey: '200' });
    await log.append({ actor: auditActorOf({ kind: 'user', id: 'u-9', name: 'admin' }), action: 'user.update', target: 'user:u-1' });

    const seqs = async (query: Parameters<AuditLog['list']>[0]) => (await log.list(query)).map((r) => r.seq);
    expect(await seqs({})).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await seqs({ processInstanceKey: '100' })).toEqual([1, 3, 4]);
    expect(await seqs({ processInstanceKey: 100, userTaskKey: '105' })).toEqual([3, 4]);
    expect(await seqs({ actorId: erp.id })).toEqual([2]);
    expect(await seqs({ actorId: 'system' })).toEqual([5]);
    expect(await seqs({ action: 'user.update' })).toEqual([6]);
    expect(await seqs({ limit: 2 })).toEqual([1, 2]);
    expect(await seqs({ limit: 2, after: 2 })).toEqual([3, 4]);
    expect(await seqs({ processInstanceKey: '100', after: 3 })).toEqual([4]);
    expect((await log.list({ action: 'user.update' }))[0]).toMatchObject({ target: 'user:u-1', actor: { kind: 'user', id: 'u-9', name: 'admin' } });
    await expect(log.list({ limit: 0 })).rejects.toThrow('limit must be an integer from 1 to 1000');
    await expect(log.list({ after: -1 })).rejects.toThrow('after must be a seq');
  });

  it('finds a record changed through SQL, and where', async () => {
    const log = await emptyLog(store);
    for (let i = 1; i <= 5; i++) await log.append({ actor: clerk, action: 'user-task.complete', details: { outcome: 'approved', n: i } });
    expect(await log.verify()).toEqual({ ok: true, records: 5 });
    await sql`UPDATE audit_log SET details = '{"outcome":"rejected","n":3}'::jsonb WHERE seq = 3`.execute(store.db);
    expect(await log.verify()).toEqual({ ok: false, records: 2, brokenAt: 3, reason: 'its content does not match its hash' });
  });

  it('finds a forged record whose own hash was recomputed, at the record after it', async () => {
    const log = await emptyLog(store);
    for (let i = 1; i <= 4; i++) await log.append({ actor: clerk, action: 'case.escalate', details: { level: i } });
    const [forged] = await log.list({ after: 1, limit: 1 });
    const tampered = { ...forged, actor: { ...forged.actor, name: 'someone.else' } };
    const { hash: _old, ...unsigned } = tampered;
    const rehashed = hashAuditRecord(unsigned);
    await sql`UPDATE audit_log SET actor_name = 'someone.else', hash = ${rehashed} WHERE seq = 2`.execute(store.db);
    expect(await log.verify()).toEqual({ ok: false, records: 2, brokenAt: 3, reason: 'its prevHash is not the hash of record 2' });
  });

  it('finds a deleted record', async () => {
    const log = await emptyLog(store);
    for (let i = 1; i <= 4; i++) await log.append({ actor: clerk, action: 'form.submit' });
    await sql`DELETE FROM audit_log WHERE seq = 2`.execute(store.db);
    expect(await log.verify()).toEqual({ ok: false, records: 1, brokenAt: 3, reason: 'record 2 is missing' });
  });

  it('verifies a chain longer than one page', async () => {
    const log = await emptyLog(store);
    for (let i = 0; i < 520; i++) await log.append({ actor: clerk, action: 'task.view', details: { i } });
    expect(await log.verify()).toEqual({ ok: true, records: 520 });
    await sql`UPDATE audit_log SET at = at + 1 WHERE seq = 510`.execute(store.db);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 510, records: 509 });
  });

  it('keeps one chain when two logs on the same database append at once', async () => {
    await emptyLog(store);
    const a = createAuditLog(store.db);
    const b = createAuditLog(store.db);
    const appends = [];
    for (let i = 0; i < 20; i++) {
      appends.push(a.append({ actor: clerk, action: 'case.a', details: { i } }));
      appends.push(b.append({ actor: erp, action: 'case.b', details: { i } }));
    }
    const records = await Promise.all(appends);
    expect(records.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await a.verify()).toEqual({ ok: true, records: 40 });
  });

  it('group-commits entries that arrive together: one transaction, arrival order, each answered once durable', async () => {
    // A clock that ticks at every reading: records written in one transaction share the one reading it takes.
    let ticks = Date.UTC(2026, 2, 1);
    const ticking = { virtual: true, now: () => ++ticks };
    await emptyLog(store);
    const log = createAuditLog(store.db, { clock: ticking });
    const visibleWhenAnswered: boolean[] = [];
    const appends = Array.from({ length: 30 }, (_, i) =>
      log.append({ actor: clerk, action: 'case.arrive', details: { i } }).then(async (record) => {
        const stored = await store.db.selectFrom('audit_log').select('hash').where('seq', '=', record.seq).executeTakeFirst();
        visibleWhenAnswered.push(stored?.hash === record.hash);
        return record;
      }),
    );
    const records = await Promise.all(appends);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(records.map((r) => r.details.i)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // All 30 came in one turn of the event loop: one transaction, one reading of the clock.
    expect(new Set(records.map((r) => r.at)).size).toBe(1);
    // One more, while nothing is being written, goes in a transaction of its own.
    const later = await log.append({ actor: clerk, action: 'case.arrive', details: { i: 30 } });
    expect(later).toMatchObject({ seq: 31, prevHash: records[29].hash });
    expect(later.at).toBeGreaterThan(records[29].at);
    expect(visibleWhenAnswered).toEqual(Array(30).fill(true));
    expect(await log.verify()).toEqual({ ok: true, records: 31 });
  });

  it('an entry the database refuses fails alone; the rest of its group is still recorded, in order', async () => {
    const log = await emptyLog(store);
    await sql`ALTER TABLE audit_log ADD CONSTRAINT audit_test_refuses_poison CHECK (action <> 'case.poison')`.execute(store.db);
    try {
      await log.append({ actor: clerk, action: 'case.first' });
      const results = await Promise.allSettled(
        ['case.a', 'case.b', 'case.poison', 'case.c'].map((action) => log.append({ actor: clerk, action })),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/audit_test_refuses_poison/);
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT audit_test_refuses_poison`.execute(store.db);
    }
    expect((await log.list()).map((r) => [r.seq, r.action])).toEqual([
      [1, 'case.first'],
      [2, 'case.a'],
      [3, 'case.b'],
      [4, 'case.c'],
    ]);
    expect(await log.verify()).toEqual({ ok: true, records: 4 });
  });

  it('names what is wrong with an entry and appends nothing', async () => {
    const log = await emptyLog(store);
    const refusals: Array<[unknown, string, RegExp]> = [
      [{ actor: clerk, action: 'Process Instance Create' }, 'action', /dotted lower-case words/],
      [{ actor: clerk, action: '' }, 'action', /action must be a non-empty string/],
      [{ actor: { kind: 'robot', id: 'x', name: 'x' }, action: 'a.b' }, 'actor.kind', /one of user, apiKey, system/],
      [{ actor: { kind: 'user', id: '', name: 'x' }, action: 'a.b' }, 'actor.id', /non-empty/],
      [{ action: 'a.b' }, 'actor', /actor must be/],
      [{ actor: clerk, action: 'a.b', processInstanceKey: '12a' }, 'processInstanceKey', /non-negative integer key/],
      [{ actor: clerk, action: 'a.b', userTaskKey: -1 }, 'userTaskKey', /non-negative integer key/],
      [{ actor: clerk, action: 'a.b', details: [1, 2] }, 'details', /details must be a JSON object/],
      [{ actor: clerk, action: 'a.b', details: { at: new Date() } }, 'details', /at is a Date/],
      [{ actor: clerk, action: 'a.b', details: { big: 'x'.repeat(70_000) } }, 'details', /at most 65536/],
    ];
    for (const [entry, field, message] of refusals) {
      const error = await log.append(entry as never).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(AuditEntryError);
      expect((error as AuditEntryError).field).toBe(field);
      expect((error as Error).message).toMatch(message);
    }
    expect(await log.list()).toEqual([]);
    // A failed append does not block the ones after it.
    expect((await log.append({ actor: clerk, action: 'a.b' })).seq).toBe(1);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('audit log across processes on PostgreSQL', () => {
  it('two connection pools appending at once cannot fork the chain', async () => {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!);
    const stores: Store[] = [];
    try {
      stores.push(await openStore({ url: scratch.url }), await openStore({ url: scratch.url }));
      const [a, b] = stores.map((s) => createAuditLog(s.db));
      const appends = [];
      for (let i = 0; i < 30; i++) {
        appends.push(a.append({ actor: clerk, action: 'process.a', details: { i } }));
        appends.push(b.append({ actor: erp, action: 'process.b', details: { i } }));
      }
      const records = await Promise.all(appends);
      expect(new Set(records.map((r) => r.seq)).size).toBe(60);
      expect(await b.verify()).toEqual({ ok: true, records: 60 });
    } finally {
      for (const s of stores) await s.close();
      await scratch.drop();
    }
  });
});

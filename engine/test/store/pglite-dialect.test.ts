import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, sql } from 'kysely';
import { PgliteDialect } from '../../src/store/pglite-dialect.js';
import { openPgliteInMemory } from '../../src/store/pglite-instance.js';
import { openStore, type Store } from '../../src/store/store.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('PgliteDialect', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ memory: true });
    await store.db.schema.createTable('counter').addColumn('value', 'integer', (c) => c.notNull()).execute();
    await store.db.insertInto('counter').values({ value: 0 }).execute();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('serialises parallel read-modify-write transactions: no lost update, no deadlock', async () => {
    const db = store.db;
    const parallel = 25;
    await Promise.all(
      Array.from({ length: parallel }, () =>
        db.transaction().execute(async (trx) => {
          // No FOR UPDATE: only the single-connection lock keeps the read and the write together.
          const { value } = await trx.selectFrom('counter').select('value').executeTakeFirstOrThrow();
          await tick();
          await trx.updateTable('counter').set({ value: value + 1 }).execute();
        }),
      ),
    );
    expect((await db.selectFrom('counter').select('value').executeTakeFirstOrThrow()).value).toBe(parallel);
  });

  it('keeps statements outside a transaction out of it until it ends', async () => {
    const db = store.db;
    await db.schema.createTable('visibility').addColumn('id', 'integer').execute();
    const events: string[] = [];
    let insideTransaction!: () => void;
    const transactionStarted = new Promise<void>((resolve) => (insideTransaction = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('visibility').values({ id: 1 }).execute();
      insideTransaction();
      await tick();
      await tick();
      events.push('transaction rolls back');
      throw new Error('give up');
    });
    await transactionStarted;
    // Issued while the transaction holds the connection: it must wait and then see nothing of it.
    const outside = db
      .selectFrom('visibility')
      .selectAll()
      .execute()
      .then((rows) => {
        events.push('outside query ran');
        return rows;
      });
    await expect(transaction).rejects.toThrow('give up');
    expect(await outside).toEqual([]);
    expect(events).toEqual(['transaction rolls back', 'outside query ran']);
  });

  it('lets waiting work proceed after a transaction fails', async () => {
    const db = store.db;
    const results = await Promise.allSettled([
      db.transaction().execute(async (trx) => {
        await sql`select 1/0`.execute(trx);
      }),
      db.transaction().execute(async (trx) => (await sql<{ v: number }>`select 42 as v`.execute(trx)).rows[0].v),
      db.selectNoFrom(sql<number>`7`.as('v')).executeTakeFirstOrThrow(),
    ]);
    expect(results[0].status).toBe('rejected');
    expect(results[1]).toEqual({ status: 'fulfilled', value: 42 });
    expect(results[2]).toEqual({ status: 'fulfilled', value: { v: 7 } });
  });

  it('streams a result chunk by chunk', async () => {
    const seen: number[] = [];
    for await (const row of store.db
      .selectFrom(sql<{ n: number }>`generate_series(1, 7)`.as('g'))
      .select(sql<number>`g`.as('n'))
      .stream(3)) {
      seen.push(row.n);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('passes long and short text and json parameters through unchanged, whatever their characters', async () => {
    // Long strings travel UTF-8 encoded in the binary format, short ones as text: both must arrive alike.
    const texts = ['街道', 'x'.repeat(255), `${'社区网格🏘️'.repeat(60)}end`, `"quoted" \\ back\nslash ${'é'.repeat(300)}`];
    for (const text of texts) {
      const row = await sql<{ t: string; v: string; j: unknown; b: unknown }>`
        SELECT ${text}::text AS t, ${text}::varchar AS v, ${JSON.stringify({ text })}::json AS j, ${JSON.stringify([text])}::json::jsonb AS b`
        .execute(store.db);
      expect(row.rows[0]).toEqual({ t: text, v: text, j: { text }, b: [text] });
    }
    const rows = Array.from({ length: 50 }, (_, i) => ({ id: i, name: `居民${i}号`.repeat(5) }));
    const fromJson = await sql<{ id: number; name: string }>`SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(id int4, name text)`.execute(store.db);
    expect(fromJson.rows).toEqual(rows);
    // Non-strings keep PGlite's own serialisation: a Date as ISO text, an object as JSON.
    const at = new Date('2026-12-07T08:00:00.000Z');
    const other = await sql<{ t: string; j: unknown }>`SELECT ${at}::text AS t, ${sql.val({ big: 'x'.repeat(300) })}::json AS j`.execute(store.db);
    expect(other.rows[0]).toEqual({ t: '2026-12-07T08:00:00.000Z', j: { big: 'x'.repeat(300) } });
  });

  it('passes bytes through unchanged both ways, and refuses what is not bytes for a bytea', async () => {
    for (const bytes of [new Uint8Array(0), Uint8Array.from({ length: 256 }, (_, i) => i), Buffer.from('社区'.repeat(5000))]) {
      const row = await sql<{ b: Uint8Array; n: number }>`SELECT ${bytes}::bytea AS b, length(${bytes}::bytea) AS n`.execute(store.db);
      expect(row.rows[0].n).toBe(bytes.length);
      expect(Buffer.from(row.rows[0].b).equals(Buffer.from(bytes))).toBe(true);
      expect(row.rows[0].b).toBeInstanceOf(Uint8Array);
    }
    await expect(sql`SELECT ${'not bytes'}::bytea`.execute(store.db)).rejects.toThrow(/bytea/);
  });

  it('closes the PGlite it was given once its holder is done', async () => {
    const { pglite } = await openPgliteInMemory();
    const db = new Kysely<any>({ dialect: new PgliteDialect({ pglite }) });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await held;
      return (await sql<{ v: number }>`select 5 as v`.execute(trx)).rows[0].v;
    });
    await tick();
    const destroying = db.destroy();
    await tick();
    expect(pglite.closed).toBe(false);
    release();
    expect(await transaction).toBe(5);
    await destroying;
    expect(pglite.closed).toBe(true);
    await expect(db.selectNoFrom(sql<number>`1`.as('v')).execute()).rejects.toThrow(/destroyed|closed/);
  });

  it('refuses work still queued when it closes, instead of hanging', async () => {
    const { pglite } = await openPgliteInMemory();
    const db = new Kysely<any>({ dialect: new PgliteDialect({ pglite }) });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await held;
      await sql`select 1`.execute(trx);
    });
    await tick();
    const queued = db.selectNoFrom(sql<number>`1`.as('v')).execute();
    await tick();
    const destroying = db.destroy();
    release();
    await transaction;
    await expect(queued).rejects.toThrow('the PGlite store is closed');
    await destroying;
    expect(pglite.closed).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Store } from '../../src/store/store.js';
import { migrations } from '../../src/store/migrations/index.js';
import { testStores } from '../support/test-stores.js';

describe.each(testStores)('store on $name', ({ name, open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('reports its kind and has run every migration', async () => {
    expect(store.kind).toBe(name);
    const applied = await store.db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
    expect(applied.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it('creates, reads, updates and deletes rows', async () => {
    const db = store.db;
    await db.schema
      .createTable('crud_item')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .execute();
    const inserted = await db
      .insertInto('crud_item')
      .values([
        { id: 1, title: '网格巡查' },
        { id: 2, title: '矛盾调解' },
      ])
      .executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);

    const updated = await db.updateTable('crud_item').set({ title: '三方调解' }).where('id', '=', 2).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom('crud_item').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, title: '网格巡查' },
      { id: 2, title: '三方调解' },
    ]);

    const deleted = await db.deleteFrom('crud_item').where('id', '=', 1).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(1n);
    const returned = await db.deleteFrom('crud_item').returning(['id', 'title']).execute();
    expect(returned).toEqual([{ id: 2, title: '三方调解' }]);
    expect(await db.selectFrom('crud_item').selectAll().execute()).toEqual([]);
  });

  it('rolls back a failed transaction, leaving nothing of it behind', async () => {
    const db = store.db;
    await db.schema.createTable('ledger').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
    await db.insertInto('ledger').values({ id: 1 }).execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('ledger').values({ id: 2 }).execute();
        await trx.schema.createTable('ledger_side').addColumn('x', 'integer').execute();
        await trx.insertInto('ledger').values({ id: 1 }).execute(); // duplicate key
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.selectFrom('ledger').select('id').execute()).toEqual([{ id: 1 }]);
    const side = await sql<{ t: string | null }>`select to_regclass('ledger_side')::text as t`.execute(db);
    expect(side.rows[0].t).toBeNull();
    // The connection is usable after the rollback.
    await db.transaction().execute((trx) => trx.insertInto('ledger').values({ id: 3 }).execute());
    expect((await db.selectFrom('ledger').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([1, 3]);
  });

  it('rolls back to a savepoint and keeps the rest of the transaction', async () => {
    const db = store.db;
    await db.schema.createTable('saved').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
    const trx = await db.startTransaction().execute();
    await trx.insertInto('saved').values({ id: 1 }).execute();
    const sp = await trx.savepoint('before_two').execute();
    await sp.insertInto('saved').values({ id: 2 }).execute();
    const back = await sp.rollbackToSavepoint('before_two').execute();
    await back.insertInto('saved').values({ id: 3 }).execute();
    await back.commit().execute();
    expect((await db.selectFrom('saved').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([1, 3]);
  });

  it('reads int8 as a number, numeric as a string, jsonb as JSON with Chinese text intact', async () => {
    const db = store.db;
    await db.schema
      .createTable('typed')
      .addColumn('key', 'bigint', (c) => c.primaryKey())
      .addColumn('amount', 'numeric(20, 4)')
      .addColumn('doc', 'jsonb')
      .addColumn('keys', sql`bigint[]`)
      .execute();
    const doc = { 街道: '东湖街道', 社区: ['幸福社区', '和平社区'], 人数: 12, 已办结: true, 备注: null, 引号: '"「」\\n' };
    const bigKey = 2 ** 53 - 1;
    await db
      .insertInto('typed')
      .values({ key: bigKey, amount: '12345678901234.5678', doc: JSON.stringify(doc), keys: [1, bigKey] })
      .execute();
    const row = await db.selectFrom('typed').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ key: bigKey, amount: '12345678901234.5678', doc, keys: [1, bigKey] });
    expect(typeof row.key).toBe('number');
    const count = await db.selectFrom('typed').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
    const filtered = await db
      .selectFrom('typed')
      .select('key')
      .where(sql<boolean>`doc @> ${JSON.stringify({ 街道: '东湖街道' })}::jsonb`)
      .execute();
    expect(filtered).toEqual([{ key: bigKey }]);
    const field = await sql<{ s: string }>`select doc->>'街道' as s from typed`.execute(db);
    expect(field.rows[0].s).toBe('东湖街道');
  });

  it('refuses an int8 beyond 2^53 instead of rounding it', async () => {
    await expect(sql`select 9007199254740993::int8 as v`.execute(store.db)).rejects.toThrow(
      /9007199254740993 is outside/,
    );
    expect((await sql<{ v: number }>`select 1::int8 as v`.execute(store.db)).rows).toEqual([{ v: 1 }]);
  });

  it('reads dates and timestamps the same whatever the process time zone', async () => {
    const { rows } = await sql<Record<string, unknown>>`select
        '2024-03-01'::date as day,
        '2024-03-01 08:30:00.25'::timestamp as local,
        '2024-03-01 08:30:00+08'::timestamptz as instant,
        array[1.10, 2]::numeric[] as amounts,
        true as flag, 1.5::float8 as ratio, 7::int4 as small`.execute(store.db);
    expect(rows[0]).toEqual({
      day: '2024-03-01',
      local: new Date('2024-03-01T08:30:00.250Z'),
      instant: new Date('2024-03-01T00:30:00.000Z'),
      amounts: ['1.10', '2'],
      flag: true,
      ratio: 1.5,
      small: 7,
    });
  });

  it('rejects a JS array bound to a json or jsonb parameter on every kind', async () => {
    await expect(sql`select ${[1, 2] as unknown as string}::jsonb as v`.execute(store.db)).rejects.toThrow();
    await expect(sql`select ${[1, 2] as unknown as string}::json as v`.execute(store.db)).rejects.toThrow();
    const ok = await sql<{ v: unknown }>`select ${JSON.stringify([1, '二'])}::jsonb as v`.execute(store.db);
    expect(ok.rows[0].v).toEqual([1, '二']);
  });
});

describe.each(testStores)('closing a store on $name', ({ open }) => {
  it('is harmless twice and makes later queries fail', async () => {
    const store = await open();
    await store.db.selectNoFrom(sql<number>`1`.as('one')).execute();
    await store.close();
    await store.close();
    await expect(store.db.selectNoFrom(sql<number>`1`.as('one')).execute()).rejects.toThrow();
  });
});

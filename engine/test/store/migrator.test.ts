import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Migration } from 'kysely';
import { migrateToLatest } from '../../src/store/migrator.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';

describe.each(testStores)('migrateToLatest on $name', ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  const createGrid: Migration = {
    async up(db) {
      await db.schema.createTable('grid').addColumn('code', 'text', (c) => c.primaryKey()).execute();
    },
  };
  const addName: Migration = {
    async up(db) {
      await db.schema.alterTable('grid').addColumn('name', 'text').execute();
    },
  };

  it('applies new migrations in name order, once, and nothing on a second run', async () => {
    // Given out of order on purpose: names decide the order.
    const all = { '101-grid-name': addName, '100-grid': createGrid };
    const engineAlreadyApplied = (await store.db.selectFrom('kysely_migration').select('name').execute()).map((r) => r.name);
    expect(await migrateToLatest(store.db, { ...pick(engineAlreadyApplied), ...all })).toEqual(['100-grid', '101-grid-name']);
    expect(await migrateToLatest(store.db, { ...pick(engineAlreadyApplied), ...all })).toEqual([]);
    await store.db.insertInto('grid').values({ code: 'G-01', name: '第一网格' }).execute();
    expect(await store.db.selectFrom('grid').selectAll().execute()).toEqual([{ code: 'G-01', name: '第一网格' }]);
  });

  it('rolls a failing migration back whole and names it', async () => {
    const broken: Migration = {
      async up(db) {
        await db.schema.createTable('half_done').addColumn('x', 'integer').execute();
        await sql`select no_such_column from half_done`.execute(db);
      },
    };
    const applied = (await store.db.selectFrom('kysely_migration').select('name').execute()).map((r) => r.name);
    await expect(migrateToLatest(store.db, { ...pick(applied), '900-broken': broken })).rejects.toThrow(
      /migration 900-broken failed: column "no_such_column" does not exist/,
    );
    const { rows } = await sql<{ t: string | null }>`select to_regclass('half_done')::text as t`.execute(store.db);
    expect(rows[0].t).toBeNull();
  });

  it('rejects a badly named migration or one without up()', async () => {
    await expect(migrateToLatest(store.db, { 'grid-names': createGrid })).rejects.toThrow(
      /migration name "grid-names" is not of the form NNN-name/,
    );
    await expect(migrateToLatest(store.db, { '200-empty': {} as Migration })).rejects.toThrow(
      /migration 200-empty exports no up\(db\) function/,
    );
  });
});

/** Stand-ins for migrations already recorded, so Kysely does not complain they went missing. */
function pick(names: string[]): Record<string, Migration> {
  return Object.fromEntries(names.map((name) => [name, { up: async () => {} }]));
}

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/store.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { migrations } from '../../src/store/migrations/index.js';
import { createScratchDatabase, testStores, type ScratchDatabase } from '../support/test-stores.js';

const adminUrl = process.env.TEST_DATABASE_URL;
const postgres = testStores.find((s) => s.name === 'postgres');

// Only a real server has several connections; without TEST_DATABASE_URL these are reported as skipped.
describe.skipIf(!adminUrl || !postgres)('PostgreSQL server', () => {
  describe('FOR UPDATE SKIP LOCKED', () => {
    let store: Store;
    beforeAll(async () => {
      store = await postgres!.open();
      await store.db.schema
        .createTable('job')
        .addColumn('key', 'bigint', (c) => c.primaryKey())
        .addColumn('worker', 'text')
        .execute();
      await store.db
        .insertInto('job')
        .values(Array.from({ length: 10 }, (_, i) => ({ key: i + 1, worker: null })))
        .execute();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('lets two connections claim disjoint rows while both hold their locks', async () => {
      const db = store.db;
      const backend = async (trx: Kysely<any>) =>
        (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
      const claim = (trx: Kysely<any>) =>
        trx
          .selectFrom('job')
          .select('key')
          .where('worker', 'is', null)
          .orderBy('key')
          .limit(4)
          .forUpdate()
          .skipLocked()
          .execute()
          .then((rows) => rows.map((r) => r.key as number));

      let firstClaimed!: (keys: number[]) => void;
      const firstHasClaimed = new Promise<number[]>((resolve) => (firstClaimed = resolve));
      let secondDone!: () => void;
      const secondHasClaimed = new Promise<void>((resolve) => (secondDone = resolve));

      const first = db.transaction().execute(async (trx) => {
        const keys = await claim(trx);
        firstClaimed(keys);
        await secondHasClaimed; // still holding the row locks
        await trx.updateTable('job').set({ worker: 'A' }).where('key', 'in', keys).execute();
        return { keys, pid: await backend(trx) };
      });
      const second = firstHasClaimed.then(() =>
        db.transaction().execute(async (trx) => {
          const keys = await claim(trx);
          secondDone();
          await trx.updateTable('job').set({ worker: 'B' }).where('key', 'in', keys).execute();
          return { keys, pid: await backend(trx) };
        }),
      );
      const [a, b] = await Promise.all([first, second]);
      expect(a.pid).not.toBe(b.pid);
      expect(a.keys).toEqual([1, 2, 3, 4]);
      expect(b.keys).toEqual([5, 6, 7, 8]);
      const byWorker = await db
        .selectFrom('job')
        .select(['worker', (eb) => eb.fn.countAll().as('n')])
        .groupBy('worker')
        .orderBy('worker')
        .execute();
      expect(byWorker).toEqual([
        { worker: 'A', n: 4 },
        { worker: 'B', n: 4 },
        { worker: null, n: 2 },
      ]);
    });
  });

  describe('migrating one database from several processes at once', () => {
    let scratch: ScratchDatabase;
    beforeEach(async () => {
      scratch = await createScratchDatabase(adminUrl!);
    });
    afterEach(async () => {
      await scratch?.drop();
    });

    it('runs each migration once: the others wait for the lock and find it done', async () => {
      const runs: string[] = [];
      const slow: Migration = {
        async up(db) {
          await db.schema.createTable('migration_run').addColumn('at', 'timestamptz', (c) => c.defaultTo(sql`now()`)).execute();
          await sql`insert into migration_run default values`.execute(db);
          // Long enough that unserialised migrators would overlap.
          await sql`select pg_sleep(0.4)`.execute(db);
          runs.push('ran');
        },
      };
      const dbs = Array.from(
        { length: 3 },
        () => new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: scratch.url, max: 2 }) }) }),
      );
      try {
        const applied = await Promise.all(dbs.map((db) => migrateToLatest(db, { '001-slow': slow })));
        expect(applied.flat()).toEqual(['001-slow']);
        expect(runs).toEqual(['ran']);
        const { rows } = await sql<{ n: string }>`select count(*) as n from migration_run`.execute(dbs[0]);
        expect(Number(rows[0].n)).toBe(1);
      } finally {
        await Promise.all(dbs.map((db) => db.destroy()));
      }
    });

    it('opens the engine store from two places at once', async () => {
      const [a, b] = await Promise.all([openStore({ url: scratch.url }), openStore({ url: scratch.url })]);
      try {
        const names = await a.db.selectFrom('kysely_migration').select('name').execute();
        expect(names.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
        expect(b.kind).toBe('postgres');
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });

  it('names a database that does not exist', async () => {
    const url = new URL(adminUrl!);
    url.pathname = '/gongzhi_no_such_database';
    await expect(openStore({ url: url.toString() })).rejects.toThrow(
      /Cannot connect to PostgreSQL at .*\/gongzhi_no_such_database: database "gongzhi_no_such_database" does not exist/,
    );
  });
});

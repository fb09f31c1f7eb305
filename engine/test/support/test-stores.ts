import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/store.js';

/** A kind of database tests run against; each open() gives a fresh, empty, isolated database. */
export interface TestStore {
  name: 'pglite' | 'postgres';
  open(): Promise<Store>;
}

/** A database of its own on the PostgreSQL server behind adminUrl, and the way to drop it. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE through the admin URL's database; the name is random so parallel test files never meet. */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `gongzhi_t_${randomBytes(8).toString('hex')}`;
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | undefined;
  return {
    url: url.toString(),
    // FORCE: a test that failed mid-way may leave connections open.
    drop: () => (dropping ??= withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {})),
  };
}

const pgliteInMemory: TestStore = {
  name: 'pglite',
  open: () => openStore({ memory: true }),
};

function postgresServer(adminUrl: string): TestStore {
  return {
    name: 'postgres',
    async open() {
      const scratch = await createScratchDatabase(adminUrl);
      let store: Store;
      try {
        store = await openStore({ url: scratch.url });
      } catch (error) {
        await scratch.drop();
        throw error;
      }
      let closing: Promise<void> | undefined;
      return {
        db: store.db,
        kind: store.kind,
        close: () =>
          (closing ??= (async () => {
            try {
              await store.close();
            } finally {
              await scratch.drop();
            }
          })()),
      };
    },
  };
}

const databaseUrl = process.env.TEST_DATABASE_URL;

/** Always PGlite in memory; PostgreSQL too when TEST_DATABASE_URL names a server (.ci/run starts one). */
export const testStores: TestStore[] = databaseUrl ? [pgliteInMemory, postgresServer(databaseUrl)] : [pgliteInMemory];

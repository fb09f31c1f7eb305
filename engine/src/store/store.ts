import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import { migrateToLatest } from './migrator.js';
import { PgliteDialect } from './pglite-dialect.js';
import { openPgliteDataDir, openPgliteInMemory } from './pglite-instance.js';
import { openPostgresPool } from './postgres-pool.js';

/** Where the state lives: give exactly one. */
export interface StoreConfig {
  /** A PostgreSQL server: postgres://user[:password]@host[:port]/database */
  url?: string;
  /** PGlite in this directory; created when missing. */
  dataDir?: string;
  /** PGlite in memory: gone when closed. */
  memory?: boolean;
}

export interface Store {
  db: Kysely<any>;
  kind: 'pglite' | 'postgres';
  /** Finishes what holds a connection, then closes; calling it again returns the same promise. */
  close(): Promise<void>;
}

/** Opens the store and runs the migrations before returning it. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const target = chooseTarget(config);
  let dialect: Dialect;
  let location: string;
  let release = () => {};
  if (target.kind === 'postgres') {
    const opened = await openPostgresPool(target.url);
    dialect = new PostgresDialect({ pool: opened.pool });
    location = `PostgreSQL at ${opened.location}`;
  } else {
    const opened = target.dataDir === undefined ? await openPgliteInMemory() : await openPgliteDataDir(target.dataDir);
    dialect = new PgliteDialect({ pglite: opened.pglite });
    location = `PGlite (${opened.location})`;
    release = opened.release;
  }
  const db = new Kysely<any>({ dialect });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= db.destroy().finally(release));
  try {
    await migrateToLatest(db);
  } catch (error) {
    await close().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open the store in ${location}: ${reason}`, { cause: error });
  }
  return { db, kind: target.kind, close };
}

type Target = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir?: string };

function chooseTarget(config: StoreConfig): Target {
  if (config === null || typeof config !== 'object') {
    throw new Error('openStore needs a StoreConfig object: { url } or { dataDir } or { memory: true }');
  }
  const { url, dataDir, memory } = config;
  const given = [url !== undefined && 'url', dataDir !== undefined && 'dataDir', memory === true && 'memory'].filter(
    Boolean,
  );
  if (given.length !== 1) {
    throw new Error(
      given.length === 0
        ? 'StoreConfig names no database: give url, dataDir or memory: true'
        : `StoreConfig gives ${given.join(' and ')}; give exactly one of url, dataDir, memory`,
    );
  }
  if (url !== undefined) {
    if (typeof url !== 'string' || url.trim() === '') throw new Error('StoreConfig.url must be a non-empty string');
    return { kind: 'postgres', url };
  }
  if (dataDir !== undefined) {
    if (typeof dataDir !== 'string' || dataDir.trim() === '') {
      throw new Error('StoreConfig.dataDir must be a non-empty path');
    }
    return { kind: 'pglite', dataDir };
  }
  return { kind: 'pglite' };
}

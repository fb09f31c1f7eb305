import { sql } from 'kysely';
import { openStore, type Store } from '../store/store.js';

/**
 * The in-memory store scenarios run in, handed out empty every time. Opening PGlite costs a second or more
 * (far more on a busy machine), so one store is opened per simulation and emptied between scenarios: every
 * table but the migration bookkeeping is truncated and every sequence restarted, which leaves exactly what a
 * freshly opened and migrated store holds. Scenarios run one after another, so none sees another's state.
 * Should the migrations ever seed rows, emptying would lose them: then each scenario gets a newly opened store.
 */
export class ScenarioStore {
  private store: Store | undefined;
  private used = false;
  private reusable = true;

  /** An empty, migrated store; the previous one handed out must no longer be in use. */
  async take(): Promise<Store> {
    if (!this.store) {
      this.store = await openStore({ memory: true });
      this.reusable = await isEmpty(this.store);
    } else if (this.used && this.reusable) {
      await empty(this.store);
    } else if (this.used) {
      await this.store.close();
      this.store = await openStore({ memory: true });
    }
    this.used = true;
    return this.store;
  }

  async close(): Promise<void> {
    await this.store?.close();
    this.store = undefined;
  }
}

async function tables(store: Store): Promise<string[]> {
  const result = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely\\_%' ORDER BY tablename`.execute(store.db);
  return result.rows.map((r) => r.name);
}

async function isEmpty(store: Store): Promise<boolean> {
  for (const table of await tables(store)) {
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(store.db);
    if (Number(rows.rows[0].n) > 0) return false;
  }
  return true;
}

async function empty(store: Store): Promise<void> {
  const names = await tables(store);
  if (names.length > 0) await sql`TRUNCATE ${sql.join(names.map((n) => sql.table(n)))} RESTART IDENTITY CASCADE`.execute(store.db);
  const sequences = await sql<{ name: string }>`
    SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = current_schema()`.execute(store.db);
  for (const { name } of sequences.rows) await sql`ALTER SEQUENCE ${sql.table(name)} RESTART`.execute(store.db);
}

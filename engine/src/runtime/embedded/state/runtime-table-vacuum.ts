import { sql } from 'kysely';
import type { Store } from '../../../store/store.js';

/**
 * The runtime tables: their rows are inserted, updated and deleted as instances move, so they stay small while
 * their dead row versions pile up. (The read model grows with history and is mostly appended to; vacuuming it
 * this often cost more than it saved.)
 */
const CHURNING_TABLES = [
  'element_instances', 'jobs', 'timers', 'message_subscriptions', 'signal_subscriptions', 'messages',
  'message_correlations', 'message_start_locks', 'incidents',
];

/** Records written between two vacuums. */
const RECORDS_BETWEEN_VACUUMS = 100_000;

/**
 * PGlite runs PostgreSQL in single-user mode, where autovacuum never runs: without this, dead row versions and
 * their index entries would pile up for as long as the database lives, and every lookup of a job or an element
 * would wade through more of them. A PostgreSQL server vacuums by itself, so this does nothing there.
 */
export class RuntimeTableVacuum {
  private records = 0;

  constructor(private readonly store: Store) {}

  /** Counts a committed batch's records; churn is proportional to them. */
  noteRecords(count: number): void {
    this.records += count;
  }

  get due(): boolean {
    return this.store.kind === 'pglite' && this.records >= RECORDS_BETWEEN_VACUUMS;
  }

  /** Vacuums and analyses the churning tables; called between batches, never inside one. */
  async run(): Promise<void> {
    this.records = 0;
    await sql.raw(`VACUUM (ANALYZE) ${CHURNING_TABLES.join(', ')}`).execute(this.store.db);
  }
}

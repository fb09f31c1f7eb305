import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Deleted definitions keep their rows, marked with the time of deletion: Zeebe never reuses a version, so the
 * highest version ever deployed must survive a restart, and the history of finished instances still names them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['process_definitions', 'decision_requirements', 'decisions', 'forms']) {
    await sql.raw(`ALTER TABLE ${table} ADD COLUMN deleted_at int8`).execute(db);
  }
}

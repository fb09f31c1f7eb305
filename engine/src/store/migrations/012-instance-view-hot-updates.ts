import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * An instance's row is written when it starts and updated when it ends (state, end date). The index on
 * (bpmn_process_id, state) made that update touch every index of the table; indexed by process id alone, with room
 * left on each page, the update becomes heap-only, as the element rows' did (009). Searches by process id still use
 * the index and filter the state from the rows it finds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `DROP INDEX process_instance_view_process`,
    `CREATE INDEX process_instance_view_process ON process_instance_view (bpmn_process_id)`,
    `ALTER TABLE process_instance_view SET (fillfactor = 70)`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

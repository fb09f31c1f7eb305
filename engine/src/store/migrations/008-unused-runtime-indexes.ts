import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Indexes no query uses: the engine finds element instances, variables and jobs by key, by scope or by job type
 * and state, never by process instance or (for jobs) by element instance. Each one still cost an index insert for
 * every row the engine writes, and the engine writes rows all day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const index of ['element_instances_pi', 'variables_pi', 'jobs_element']) {
    await sql.raw(`DROP INDEX IF EXISTS ${index}`).execute(db);
  }
}

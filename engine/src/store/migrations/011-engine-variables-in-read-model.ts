import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The embedded engine reads a scope's variables from variable_view, which the read model writes from the VARIABLE
 * records in the same transaction: the runtime table held the same rows again (those of scopes not yet ended) and
 * cost an insert and a delete per variable. Its rows are all in variable_view already.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE variables`).execute(db);
}

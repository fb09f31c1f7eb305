import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Most audit records name no user task (instance creations, logins, deployments) and many no instance: indexing
 * their NULLs cost an index insert per record for lookups that never ask for NULL. Partial indexes leave them out;
 * `user_task_key = $1` and `process_instance_key = $1` still use them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `DROP INDEX audit_log_user_task`,
    `CREATE INDEX audit_log_user_task ON audit_log (user_task_key, seq) WHERE user_task_key IS NOT NULL`,
    `DROP INDEX audit_log_pi`,
    `CREATE INDEX audit_log_pi ON audit_log (process_instance_key, seq) WHERE process_instance_key IS NOT NULL`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

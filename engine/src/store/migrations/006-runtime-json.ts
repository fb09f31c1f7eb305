import type { Kysely } from 'kysely';
import { sql } from 'kysely';

const RUNTIME_TABLES = ['element_instances', 'jobs', 'timers', 'message_subscriptions', 'signal_subscriptions', 'messages', 'incidents'];

/**
 * The runtime tables' `data` becomes json (kept as text) instead of jsonb: the engine writes and reads these rows on
 * every step and never queries inside them (incident search reads a few fields with ->>, which json has too), so
 * jsonb's conversion to and from its binary form was cost without use.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of RUNTIME_TABLES) {
    await sql.raw(`ALTER TABLE ${table} ALTER COLUMN data TYPE json USING data::json`).execute(db);
  }
}

import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** What the REST server keeps: responses of create requests by Idempotency-Key, and its own settings. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE TABLE server_settings (name text PRIMARY KEY, value text NOT NULL)`).execute(db);
  await sql.raw(`CREATE TABLE idempotency_keys (
     key text NOT NULL, principal_id text NOT NULL, operation text NOT NULL, request_hash text NOT NULL,
     status int4 NOT NULL, response jsonb, created_at int8 NOT NULL,
     PRIMARY KEY (key, principal_id, operation))`).execute(db);
}

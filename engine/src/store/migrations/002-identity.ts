import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Who may do what (organisations, users, API keys, failed logins) and the hash-chained audit log.
 * Times are epoch milliseconds (int8), like the engine state, so an injected clock governs expiry and lockout.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // --- organisations: district → street → community → grid ---------------------------------------
    `CREATE TABLE organizations (
       id text PRIMARY KEY, name text NOT NULL, kind text NOT NULL,
       parent_id text REFERENCES organizations (id), created_at int8 NOT NULL,
       CHECK (kind IN ('district', 'street', 'community', 'grid')))`,
    `CREATE INDEX organizations_parent ON organizations (parent_id)`,

    // --- users ---------------------------------------------------------------------------------------
    // username_key is the lower-cased username: 'Li.Wei' and 'li.wei' are one account.
    `CREATE TABLE users (
       id text PRIMARY KEY, username text NOT NULL, username_key text NOT NULL UNIQUE,
       display_name text NOT NULL, roles jsonb NOT NULL, org_id text REFERENCES organizations (id),
       groups jsonb NOT NULL, disabled boolean NOT NULL DEFAULT false, password_hash text NOT NULL,
       token_version int4 NOT NULL DEFAULT 0, created_at int8 NOT NULL, updated_at int8 NOT NULL)`,
    `CREATE INDEX users_org ON users (org_id)`,

    // --- API keys: only a SHA-256 of the key is kept ---------------------------------------------------
    `CREATE TABLE api_keys (
       id text PRIMARY KEY, name text NOT NULL, key_hash text NOT NULL UNIQUE, roles jsonb NOT NULL,
       org_id text REFERENCES organizations (id), created_by text NOT NULL, created_at int8 NOT NULL,
       revoked_at int8)`,

    // --- failed logins, per username and per client, for lockout ---------------------------------------
    `CREATE TABLE login_failures (subject_kind text NOT NULL, subject text NOT NULL, at int8 NOT NULL)`,
    `CREATE INDEX login_failures_subject ON login_failures (subject_kind, subject, at)`,
    `CREATE INDEX login_failures_at ON login_failures (at)`,

    // --- audit log: append-only, each row hashes the one before it --------------------------------------
    `CREATE TABLE audit_log (
       seq int8 PRIMARY KEY, at int8 NOT NULL, actor_kind text NOT NULL, actor_id text NOT NULL,
       actor_name text NOT NULL, action text NOT NULL, process_instance_key text, user_task_key text,
       target text, details jsonb NOT NULL, prev_hash text NOT NULL, hash text NOT NULL)`,
    `CREATE INDEX audit_log_pi ON audit_log (process_instance_key, seq)`,
    `CREATE INDEX audit_log_user_task ON audit_log (user_task_key, seq)`,
    `CREATE INDEX audit_log_actor ON audit_log (actor_id, seq)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

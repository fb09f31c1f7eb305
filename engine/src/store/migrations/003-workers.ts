import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * State of the built-in job workers (task types `gongzhi.*`): holiday-calendar corrections, case-number
 * sequences and the notification outbox. Times are epoch milliseconds (int8), like the engine state.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // --- holiday years entered by an admin; they override the built-in years with the same number ------
    `CREATE TABLE holiday_years (
       year int4 PRIMARY KEY, data jsonb NOT NULL, updated_at int8 NOT NULL, updated_by text NOT NULL)`,

    // --- case numbers: one gap-free counter per prefix and year ---------------------------------------
    `CREATE TABLE case_number_sequences (
       prefix text NOT NULL, year int4 NOT NULL, last int8 NOT NULL, PRIMARY KEY (prefix, year))`,
    // Which job took which number, so a retried job gets the same number instead of a second one.
    `CREATE TABLE case_number_assignments (
       job_key int8 PRIMARY KEY, process_instance_key int8 NOT NULL, prefix text NOT NULL, year int4 NOT NULL,
       seq int8 NOT NULL, case_no text NOT NULL UNIQUE, assigned_at int8 NOT NULL)`,
    `CREATE INDEX case_number_assignments_pi ON case_number_assignments (process_instance_key)`,

    // --- the notification outbox a gateway (SMS, WeChat, the in-app inbox) reads ------------------------
    `CREATE SEQUENCE notification_keys`,
    // job_key is unique: a retried notify job must not queue the same message twice.
    `CREATE TABLE notifications (
       key int8 PRIMARY KEY DEFAULT nextval('notification_keys'), created_at int8 NOT NULL,
       process_instance_key int8, element_id text, job_key int8 UNIQUE, channel text NOT NULL,
       template text NOT NULL, recipient text NOT NULL, payload jsonb NOT NULL,
       status text NOT NULL DEFAULT 'pending',
       CHECK (channel IN ('sms', 'wechat', 'internal')), CHECK (status IN ('pending', 'sent')))`,
    `ALTER SEQUENCE notification_keys OWNED BY notifications.key`,
    `CREATE INDEX notifications_status ON notifications (status, key)`,
    `CREATE INDEX notifications_pi ON notifications (process_instance_key, key)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

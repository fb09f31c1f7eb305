import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The embedded engine's state (runtime tables, deleted as instances finish) and the read model
 * built from its records (history tables, kept). Times are epoch milliseconds (int8) so that the
 * virtual clock of simulations and tests is the only notion of time the engine has.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // --- deployments and definitions -----------------------------------------------------------
    `CREATE TABLE engine_meta (name text PRIMARY KEY, value int8 NOT NULL)`,
    `CREATE TABLE deployments (key int8 PRIMARY KEY, created_at int8 NOT NULL)`,
    `CREATE TABLE process_definitions (
       key int8 PRIMARY KEY, bpmn_process_id text NOT NULL, version int4 NOT NULL, version_tag text,
       resource_name text NOT NULL, checksum text NOT NULL, deployment_key int8 NOT NULL,
       resource text NOT NULL, created_at int8 NOT NULL, UNIQUE (bpmn_process_id, version))`,
    `CREATE TABLE decision_requirements (
       key int8 PRIMARY KEY, drg_id text NOT NULL, version int4 NOT NULL, resource_name text NOT NULL,
       checksum text NOT NULL, deployment_key int8 NOT NULL, resource text NOT NULL, created_at int8 NOT NULL,
       UNIQUE (drg_id, version))`,
    `CREATE TABLE decisions (
       key int8 PRIMARY KEY, decision_id text NOT NULL, name text, version int4 NOT NULL,
       decision_requirements_key int8 NOT NULL, UNIQUE (decision_id, version))`,
    `CREATE TABLE forms (
       key int8 PRIMARY KEY, form_id text NOT NULL, version int4 NOT NULL, resource_name text NOT NULL,
       checksum text NOT NULL, deployment_key int8 NOT NULL, content jsonb NOT NULL, created_at int8 NOT NULL,
       UNIQUE (form_id, version))`,

    // --- runtime state ---------------------------------------------------------------------------
    `CREATE TABLE element_instances (
       key int8 PRIMARY KEY, process_instance_key int8 NOT NULL, flow_scope_key int8,
       element_id text NOT NULL, state text NOT NULL, data jsonb NOT NULL)`,
    `CREATE INDEX element_instances_scope ON element_instances (flow_scope_key)`,
    `CREATE INDEX element_instances_pi ON element_instances (process_instance_key)`,
    `CREATE TABLE variables (
       scope_key int8 NOT NULL, name text NOT NULL, process_instance_key int8 NOT NULL, value jsonb,
       PRIMARY KEY (scope_key, name))`,
    `CREATE INDEX variables_pi ON variables (process_instance_key)`,
    `CREATE TABLE jobs (
       key int8 PRIMARY KEY, type text NOT NULL, state text NOT NULL, element_instance_key int8 NOT NULL,
       process_instance_key int8 NOT NULL, retries int4 NOT NULL, deadline int8, recur_at int8,
       worker text, data jsonb NOT NULL)`,
    `CREATE INDEX jobs_activatable ON jobs (type, key) WHERE state = 'ACTIVATABLE'`,
    `CREATE INDEX jobs_deadline ON jobs (deadline) WHERE state = 'ACTIVATED'`,
    `CREATE INDEX jobs_recur ON jobs (recur_at) WHERE state = 'FAILED'`,
    `CREATE INDEX jobs_element ON jobs (element_instance_key)`,
    `CREATE TABLE timers (
       key int8 PRIMARY KEY, due_date int8 NOT NULL, element_instance_key int8, process_instance_key int8,
       process_definition_key int8 NOT NULL, element_id text NOT NULL, data jsonb NOT NULL)`,
    `CREATE INDEX timers_due ON timers (due_date, key)`,
    `CREATE INDEX timers_element ON timers (element_instance_key)`,
    `CREATE TABLE message_subscriptions (
       key int8 PRIMARY KEY, message_name text NOT NULL, correlation_key text NOT NULL,
       element_instance_key int8 NOT NULL, process_instance_key int8 NOT NULL, bpmn_process_id text NOT NULL,
       data jsonb NOT NULL)`,
    `CREATE INDEX message_subscriptions_name ON message_subscriptions (message_name, correlation_key)`,
    `CREATE INDEX message_subscriptions_element ON message_subscriptions (element_instance_key)`,
    `CREATE TABLE signal_subscriptions (
       key int8 PRIMARY KEY, signal_name text NOT NULL, element_instance_key int8 NOT NULL,
       process_instance_key int8 NOT NULL, data jsonb NOT NULL)`,
    `CREATE INDEX signal_subscriptions_name ON signal_subscriptions (signal_name)`,
    `CREATE INDEX signal_subscriptions_element ON signal_subscriptions (element_instance_key)`,
    `CREATE TABLE messages (
       key int8 PRIMARY KEY, name text NOT NULL, correlation_key text NOT NULL, message_id text,
       deadline int8 NOT NULL, data jsonb NOT NULL)`,
    `CREATE INDEX messages_name ON messages (name, correlation_key)`,
    `CREATE INDEX messages_deadline ON messages (deadline)`,
    `CREATE TABLE message_correlations (
       message_key int8 NOT NULL, bpmn_process_id text NOT NULL, PRIMARY KEY (message_key, bpmn_process_id))`,
    `CREATE TABLE message_start_locks (
       bpmn_process_id text NOT NULL, correlation_key text NOT NULL, process_instance_key int8 NOT NULL,
       PRIMARY KEY (bpmn_process_id, correlation_key))`,
    `CREATE INDEX message_start_locks_pi ON message_start_locks (process_instance_key)`,
    `CREATE TABLE incidents (
       key int8 PRIMARY KEY, process_instance_key int8 NOT NULL, element_instance_key int8 NOT NULL,
       job_key int8, state text NOT NULL, data jsonb NOT NULL)`,
    `CREATE INDEX incidents_pi ON incidents (process_instance_key)`,
    `CREATE INDEX incidents_element ON incidents (element_instance_key)`,

    // --- the record stream -------------------------------------------------------------------------
    // Stored in chunks: the records one batch wrote for one process instance (or for none) are one
    // row. Reading an instance's history reads a few rows; writing a batch writes one row per instance
    // it touched instead of ~15 per instance, which is what lets PGlite keep up.
    `CREATE TABLE record_chunks (
       first_position int8 PRIMARY KEY, last_position int8 NOT NULL, process_instance_key int8,
       records json NOT NULL)`,
    `CREATE INDEX record_chunks_pi ON record_chunks (process_instance_key, first_position)`,

    // --- read model (projections of the records) ---------------------------------------------------
    `CREATE TABLE process_instance_view (
       key int8 PRIMARY KEY, process_definition_key int8 NOT NULL, bpmn_process_id text NOT NULL,
       version int4 NOT NULL, state text NOT NULL, start_date int8 NOT NULL, end_date int8,
       has_incident boolean NOT NULL DEFAULT false, parent_process_instance_key int8,
       parent_element_instance_key int8, org_id text, business_key text)`,
    `CREATE INDEX process_instance_view_org ON process_instance_view (org_id)`,
    `CREATE INDEX process_instance_view_process ON process_instance_view (bpmn_process_id, state)`,
    `CREATE TABLE element_instance_view (
       key int8 PRIMARY KEY, process_instance_key int8 NOT NULL, flow_scope_key int8, element_id text NOT NULL,
       element_type text NOT NULL, state text NOT NULL, start_date int8 NOT NULL, end_date int8)`,
    `CREATE INDEX element_instance_view_pi ON element_instance_view (process_instance_key)`,
    `CREATE TABLE variable_view (
       scope_key int8 NOT NULL, name text NOT NULL, process_instance_key int8 NOT NULL, value jsonb,
       PRIMARY KEY (scope_key, name))`,
    `CREATE INDEX variable_view_pi ON variable_view (process_instance_key)`,
    `CREATE TABLE user_task_view (
       key int8 PRIMARY KEY, element_instance_key int8 NOT NULL, process_instance_key int8 NOT NULL,
       process_definition_key int8 NOT NULL, bpmn_process_id text NOT NULL, element_id text NOT NULL,
       name text, state text NOT NULL, assignee text, candidate_groups jsonb NOT NULL,
       candidate_users jsonb NOT NULL, due_date text, follow_up_date text, form_key text,
       creation_date int8 NOT NULL, completion_date int8, custom_headers jsonb NOT NULL)`,
    `CREATE INDEX user_task_view_state ON user_task_view (state, assignee)`,
    `CREATE INDEX user_task_view_pi ON user_task_view (process_instance_key)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

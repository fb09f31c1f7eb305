import { sql, type RawBuilder } from 'kysely';
import { visibleOrg, type OrgScope } from '../query/org-scope.js';

/**
 * The rows a dashboard counts, as common table expressions over the read model:
 *
 * - `cases` — one row per root process instance of the process that the caller may see (org_id in the scope,
 *   as searches decide): `key, state, start_date, end_date, org_id`, the case's community and street (from the
 *   organisation tree: a grid's parent is its community), `vars` (the root variables asked for, as one jsonb
 *   object), `entered` (element id → epoch ms it was first entered, for the elements asked for), `completed` and
 *   `active` (element ids with a completed / a live instance) and `outcome` (the end event the case finished at,
 *   among the outcome end events given; the last one completed).
 * - `tasks` — the user tasks of those cases: `key, case_key, element_id, state, creation_date, completion_date,
 *   due_ms` (the due date as epoch ms; NULL without one).
 * - `elements` — instances of chosen elements of those cases (multi-instance bodies left out) with `own` (the
 *   variables chosen that are local to the instance itself) and `scope` (those local to its flow scope).
 */
export interface CaseRowsInput {
  processId: string;
  scope: OrgScope;
  variables: readonly string[];
  elements: readonly string[];
  outcomes: readonly string[];
  scopedElements: readonly string[];
  locals: readonly string[];
}

const ACTIVE_STATES = ['ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING'];

export function caseRowsCte(input: CaseRowsInput): RawBuilder<unknown> {
  const names = [...input.variables];
  const ids = [...input.elements];
  const ends = [...input.outcomes];
  return sql`cases AS (
    SELECT pi.key, pi.state, pi.start_date, pi.end_date, pi.org_id,
      CASE o.kind WHEN 'community' THEN o.id WHEN 'grid' THEN p.id END AS community_id,
      CASE o.kind WHEN 'community' THEN o.name WHEN 'grid' THEN p.name END AS community_name,
      CASE o.kind WHEN 'street' THEN o.id WHEN 'community' THEN p.id WHEN 'grid' THEN g.id END AS street_id,
      CASE o.kind WHEN 'street' THEN o.name WHEN 'community' THEN p.name WHEN 'grid' THEN g.name END AS street_name,
      coalesce((SELECT jsonb_object_agg(v.name, v.value) FROM variable_view v
        WHERE v.scope_key = pi.key AND v.name = ANY(${names}::text[])), '{}'::jsonb) AS vars,
      coalesce((SELECT jsonb_object_agg(x.element_id, x.first_start) FROM (
        SELECT e.element_id, min(e.start_date) AS first_start FROM element_instance_view e
        WHERE e.process_instance_key = pi.key AND e.element_id = ANY(${ids}::text[]) GROUP BY e.element_id) x), '{}'::jsonb) AS entered,
      coalesce((SELECT array_agg(DISTINCT e.element_id) FROM element_instance_view e
        WHERE e.process_instance_key = pi.key AND e.state = 'COMPLETED' AND e.element_id = ANY(${ids}::text[])), '{}'::text[]) AS completed,
      coalesce((SELECT array_agg(DISTINCT e.element_id) FROM element_instance_view e
        WHERE e.process_instance_key = pi.key AND e.state = ANY(${ACTIVE_STATES}::text[]) AND e.element_id = ANY(${ids}::text[])), '{}'::text[]) AS active,
      (SELECT e.element_id FROM element_instance_view e
        WHERE e.process_instance_key = pi.key AND e.state = 'COMPLETED' AND e.element_id = ANY(${ends}::text[])
        ORDER BY e.end_date DESC, e.key DESC LIMIT 1) AS outcome
    FROM process_instance_view pi
    LEFT JOIN organizations o ON o.id = pi.org_id
    LEFT JOIN organizations p ON p.id = o.parent_id
    LEFT JOIN organizations g ON g.id = p.parent_id
    WHERE pi.bpmn_process_id = ${input.processId} AND pi.parent_process_instance_key IS NULL
      AND ${visibleOrg(sql.ref('pi.org_id'), input.scope)}
  ), tasks AS (
    SELECT t.key, t.process_instance_key AS case_key, t.element_id, t.state, t.creation_date, t.completion_date,
      CASE WHEN t.due_date ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' THEN (extract(epoch FROM t.due_date::timestamptz) * 1000)::int8 END AS due_ms
    FROM user_task_view t JOIN cases c ON c.key = t.process_instance_key
  ), elements AS (
    SELECT e.key, e.process_instance_key AS case_key, e.element_id, e.element_type, e.state, e.start_date, e.end_date,
      coalesce((SELECT jsonb_object_agg(v.name, v.value) FROM variable_view v
        WHERE v.scope_key = e.key AND v.name = ANY(${[...input.locals]}::text[])), '{}'::jsonb) AS own,
      coalesce((SELECT jsonb_object_agg(v.name, v.value) FROM variable_view v
        WHERE v.scope_key = e.flow_scope_key AND v.name = ANY(${[...input.locals]}::text[])), '{}'::jsonb) AS scope
    FROM element_instance_view e JOIN cases c ON c.key = e.process_instance_key
    WHERE e.element_id = ANY(${[...input.scopedElements]}::text[]) AND e.element_type <> 'MULTI_INSTANCE_BODY'
  )`;
}

// --- conditions over a case row (alias c) ---------------------------------------------------------------

/** The case finished at one of these end events. */
export function outcomeIs(...endEventIds: string[]): RawBuilder<boolean> {
  return sql<boolean>`coalesce(c.outcome = ANY(${endEventIds}::text[]), false)`;
}

/** The case entered the element at least once. */
export function entered(elementId: string): RawBuilder<boolean> {
  return sql<boolean>`(c.entered -> ${elementId}::text) IS NOT NULL`;
}

/** Epoch ms the case first entered the element (NULL when it never did). */
export function enteredAt(elementId: string): RawBuilder<number | null> {
  return sql<number | null>`(c.entered ->> ${elementId}::text)::int8`;
}

/** An instance of the element completed at least once in the case. */
export function completed(elementId: string): RawBuilder<boolean> {
  return sql<boolean>`${elementId}::text = ANY(c.completed)`;
}

/** The case has a live instance of the element now. */
export function activeAt(elementId: string): RawBuilder<boolean> {
  return sql<boolean>`${elementId}::text = ANY(c.active)`;
}

export const caseIsActive: RawBuilder<boolean> = sql<boolean>`c.state = 'ACTIVE'`;
export const caseIsCompleted: RawBuilder<boolean> = sql<boolean>`c.state = 'COMPLETED'`;

/** Conditions joined with AND. */
export function allOf(...conditions: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

/** Conditions joined with OR. */
export function anyOf(...conditions: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(conditions, sql` OR `)})`;
}

export function not(condition: RawBuilder<boolean>): RawBuilder<boolean> {
  return sql<boolean>`NOT (${condition})`;
}

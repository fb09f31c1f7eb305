import { sql, type Kysely } from 'kysely';
import { parseKey } from './api-values.js';
import { visibleOrg, type OrgScope } from './org-scope.js';

/**
 * Whether a caller may act on the instance behind a job or an element instance: its process instance is in the
 * caller's organisation scope. Callers outside it are told "not found", as when they read the instance. With
 * scope 'all' nothing is read: whether the job or element instance exists is the runtime's to answer.
 */

/** The job's process instance is visible. Active jobs only (the runtime's job table): done jobs answer 404 anyway. */
export async function jobInScope(db: Kysely<any>, jobKey: string | number, scope: OrgScope): Promise<boolean> {
  if (scope === 'all') return true;
  const key = parseKey('jobKey', jobKey);
  const result = await sql`SELECT 1 FROM jobs j JOIN process_instance_view pi ON pi.key = j.process_instance_key
    WHERE j.key = ${key}::int8 AND ${visibleOrg(sql`pi.org_id`, scope)}`.execute(db);
  return result.rows.length > 0;
}

/** The element instance's (or process instance's own) process instance is visible. */
export async function elementInstanceInScope(db: Kysely<any>, elementInstanceKey: string | number, scope: OrgScope): Promise<boolean> {
  if (scope === 'all') return true;
  const key = parseKey('elementInstanceKey', elementInstanceKey);
  const result = await sql`SELECT 1 FROM element_instance_view e JOIN process_instance_view pi ON pi.key = e.process_instance_key
    WHERE e.key = ${key}::int8 AND ${visibleOrg(sql`pi.org_id`, scope)}`.execute(db);
  return result.rows.length > 0;
}

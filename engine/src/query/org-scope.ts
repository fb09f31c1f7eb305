import { sql, type RawBuilder } from 'kysely';
import type { Principal } from '../identity/principal.js';

/**
 * The organisations a caller may see: 'all', or the ids of its organisation subtree (already expanded by
 * whoever authenticated it). A case is visible when its instance's org_id is in the set; tasks, incidents,
 * variables and records follow their instance. A case no organisation claims is seen only with 'all'.
 */
export type OrgScope = Principal['orgScope'];

/** The SQL condition "this instance is visible", over an expression that yields the instance's org_id. */
export function visibleOrg(orgColumn: RawBuilder<unknown>, scope: OrgScope): RawBuilder<unknown> {
  if (scope === 'all') return sql`TRUE`;
  if (!(scope instanceof Set)) {
    throw new TypeError(`scope must be 'all' or a Set of organisation ids, but was ${typeof scope}`);
  }
  if (scope.size === 0) return sql`FALSE`;
  return sql`${orgColumn} = ANY(${[...scope]}::text[])`;
}

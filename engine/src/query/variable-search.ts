import { sql, type Kysely } from 'kysely';
import { DEFAULT_TENANT, describe, keyText } from './api-values.js';
import type { KeyFilter, StringFilter } from './filter-property.js';
import { visibleOrg, type OrgScope } from './org-scope.js';
import { QueryError } from './query-error.js';
import type { SearchCatalog } from './search-catalog.js';
import { runSearch, type SearchQuery, type SearchResult } from './search-query.js';

/** The v2 API's VariableSearchResult: the value as JSON text, never truncated here. */
export interface VariableItem {
  variableKey: string;
  name: string;
  /** JSON text, as Camunda returns it: '"open"', '42', '{"a":1}'. */
  value: string;
  scopeKey: string;
  processInstanceKey: string;
  tenantId: string;
  isTruncated: false;
}

export interface VariableFilter {
  variableKey?: string | { $eq?: string; $in?: string[] };
  processInstanceKey?: KeyFilter;
  scopeKey?: KeyFilter;
  name?: StringFilter;
  value?: StringFilter;
  isTruncated?: boolean;
  tenantId?: StringFilter;
}

/**
 * A variable is identified by its scope and name (the read model keeps one row per pair, its latest
 * value), so its key is both: "<scopeKey>-<name>". The scope key is all digits, so the first '-' splits it.
 */
export function variableKey(scopeKey: number, name: string): string {
  return `${keyText(scopeKey)}-${name}`;
}

export function parseVariableKey(field: string, value: unknown): { scopeKey: number; name: string } {
  const match = typeof value === 'string' ? /^(\d{1,16})-(.+)$/s.exec(value) : null;
  const scopeKey = match ? Number(match[1]) : NaN;
  if (!match || !Number.isSafeInteger(scopeKey)) {
    throw new QueryError(field, `must be a variable key "<scopeKey>-<name>", such as "2251799813685249-orgId", but was ${describe(value)}`);
  }
  return { scopeKey, name: match[2] };
}

const v = (column: string) => sql.ref(`v.${column}`);

function variableKeyCondition(path: string, value: unknown) {
  const one = (p: string, k: unknown) => {
    const { scopeKey, name } = parseVariableKey(p, k);
    return sql`(v.scope_key = ${scopeKey}::int8 AND v.name = ${name}::text)`;
  };
  if (typeof value === 'string') return one(path, value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length > 0) {
      return sql.join(
        entries.map(([operator, operand]) => {
          if (operator === '$eq') return one(`${path}.$eq`, operand);
          if (operator === '$in') {
            if (!Array.isArray(operand)) throw new QueryError(`${path}.$in`, `must be an array of variable keys, but was ${describe(operand)}`);
            if (operand.length === 0) return sql`FALSE`;
            return sql`(${sql.join(operand.map((k, i) => one(`${path}.$in[${i}]`, k)), sql` OR `)})`;
          }
          throw new QueryError(`${path}.${operator}`, 'is not an operator of variableKey here; use $eq or $in');
        }),
        sql` AND `,
      );
    }
  }
  throw new QueryError(path, `must be a variable key or { $eq } / { $in }, but was ${describe(value)}`);
}

export const variableCatalog: SearchCatalog = {
  entity: 'variables',
  from: sql`variable_view AS v JOIN process_instance_view AS pi ON pi.key = v.process_instance_key`,
  keyColumn: [v('scope_key'), v('name')],
  filters: {
    variableKey: { condition: variableKeyCondition },
    processInstanceKey: { column: v('process_instance_key'), kind: { type: 'key' } },
    scopeKey: { column: v('scope_key'), kind: { type: 'key' } },
    name: { column: v('name'), kind: { type: 'string' } },
    value: { column: v('value'), kind: { type: 'json' } },
    // Values are never truncated here: true matches nothing, false everything.
    isTruncated: { column: sql`FALSE`, kind: { type: 'boolean' } },
    tenantId: { column: sql`${DEFAULT_TENANT}::text`, kind: { type: 'string' } },
  },
  sorts: {
    variableKey: [v('scope_key'), v('name')],
    name: v('name'),
    value: sql`(v.value)::text`,
    scopeKey: v('scope_key'),
    processInstanceKey: v('process_instance_key'),
    tenantId: sql`${DEFAULT_TENANT}::text`,
  },
};

interface VariableRow {
  scope_key: number;
  name: string;
  process_instance_key: number;
  value: unknown;
}

const VARIABLE_COLUMNS = sql`v.scope_key, v.name, v.process_instance_key, v.value`;

/** POST /v2/variables/search, limited to variables of instances the caller may see. */
export async function searchVariables(
  db: Kysely<any>,
  query: SearchQuery<VariableFilter>,
  scope: OrgScope,
): Promise<SearchResult<VariableItem>> {
  const { rows, totalItems } = await runSearch<VariableRow>(db, variableCatalog, VARIABLE_COLUMNS, query, [
    visibleOrg(sql.ref('pi.org_id'), scope),
  ]);
  return { items: rows.map(variableItem), page: { totalItems } };
}

/** GET /v2/variables/{variableKey}: undefined when there is none or the caller may not see its instance. */
export async function getVariable(db: Kysely<any>, key: string, scope: OrgScope): Promise<VariableItem | undefined> {
  const { scopeKey, name } = parseVariableKey('variableKey', key);
  const result = await sql<VariableRow>`SELECT ${VARIABLE_COLUMNS} FROM ${variableCatalog.from}
    WHERE v.scope_key = ${scopeKey}::int8 AND v.name = ${name}::text AND ${visibleOrg(sql.ref('pi.org_id'), scope)}`.execute(db);
  return result.rows[0] && variableItem(result.rows[0]);
}

function variableItem(r: VariableRow): VariableItem {
  return {
    variableKey: variableKey(r.scope_key, r.name),
    name: r.name,
    value: JSON.stringify(r.value ?? null),
    scopeKey: keyText(r.scope_key),
    processInstanceKey: keyText(r.process_instance_key),
    tenantId: DEFAULT_TENANT,
    isTruncated: false,
  };
}

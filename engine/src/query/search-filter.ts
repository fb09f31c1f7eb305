import { sql, type RawBuilder } from 'kysely';
import { describe } from './api-values.js';
import { filterPropertyCondition } from './filter-property.js';
import { QueryError } from './query-error.js';
import type { SearchCatalog } from './search-catalog.js';

type Sql = RawBuilder<unknown>;

/**
 * The WHERE conditions of a filter object: every field must match (AND); `$or`, where the entity allows
 * it, adds "and at least one of these filter objects matches". Fields set to undefined are ignored.
 */
export function filterConditions(catalog: SearchCatalog, filter: unknown, path = 'filter'): Sql[] {
  if (filter === undefined) return [];
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new QueryError(path, `must be an object of filter fields, but was ${describe(filter)}`);
  }
  const conditions: Sql[] = [];
  for (const [field, value] of Object.entries(filter as Record<string, unknown>)) {
    if (value === undefined) continue;
    const fieldPath = `${path}.${field}`;
    if (field === '$or' && catalog.allowsOr && path === 'filter') {
      conditions.push(orCondition(catalog, fieldPath, value));
      continue;
    }
    const definition = Object.hasOwn(catalog.filters, field) ? catalog.filters[field] : undefined;
    if (!definition) throw unknownFilter(catalog, fieldPath, field);
    conditions.push(
      'condition' in definition
        ? definition.condition(fieldPath, value)
        : filterPropertyCondition(fieldPath, value, definition.column, definition.kind),
    );
  }
  return conditions;
}

function orCondition(catalog: SearchCatalog, path: string, value: unknown): Sql {
  if (!Array.isArray(value) || value.length === 0) {
    throw new QueryError(path, `must be a non-empty array of filter objects, but was ${describe(value)}`);
  }
  const alternatives = value.map((alternative, i) => {
    const conditions = filterConditions({ ...catalog, allowsOr: false }, alternative, `${path}[${i}]`);
    return conditions.length === 0 ? sql`TRUE` : sql`(${sql.join(conditions, sql` AND `)})`;
  });
  return sql`(${sql.join(alternatives, sql` OR `)})`;
}

function unknownFilter(catalog: SearchCatalog, path: string, field: string): QueryError {
  const why = catalog.unsupportedFilters && Object.hasOwn(catalog.unsupportedFilters, field) ? catalog.unsupportedFilters[field] : undefined;
  const known = [...Object.keys(catalog.filters), ...(catalog.allowsOr ? ['$or'] : [])].join(', ');
  return new QueryError(
    path,
    why ? `cannot be filtered on here: ${why}` : `is not a filter field of ${catalog.entity}; the fields are ${known}`,
  );
}

/** All conditions joined with AND (TRUE when there are none). */
export function allOf(conditions: Sql[]): Sql {
  return conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `);
}

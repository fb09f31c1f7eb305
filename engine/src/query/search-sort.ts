import { sql, type RawBuilder } from 'kysely';
import { describe } from './api-values.js';
import { QueryError } from './query-error.js';
import type { SearchCatalog } from './search-catalog.js';

type Sql = RawBuilder<unknown>;

export type SortOrder = 'ASC' | 'DESC';

export interface SortRequest {
  field: string;
  order?: SortOrder | Lowercase<SortOrder>;
}

/**
 * The ORDER BY clause of a sort request: the given fields in order, then the entity key ascending so
 * equal values keep one order between pages. Missing values sort last either way, as in Camunda's
 * search backends.
 */
export function orderByClause(catalog: SearchCatalog, sort: unknown): Sql {
  const terms: Sql[] = [];
  if (sort !== undefined) {
    if (!Array.isArray(sort)) throw new QueryError('sort', `must be an array of { field, order }, but was ${describe(sort)}`);
    sort.forEach((entry, i) => terms.push(sortTerm(catalog, entry, `sort[${i}]`)));
  }
  for (const column of [catalog.keyColumn].flat()) terms.push(sql`${column} ASC`);
  return sql.join(terms);
}

function sortTerm(catalog: SearchCatalog, entry: unknown, path: string): Sql {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new QueryError(path, `must be an object { field, order }, but was ${describe(entry)}`);
  }
  const { field, order, ...rest } = entry as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new QueryError(`${path}.${extra[0]}`, 'is not part of a sort entry; give field and order');
  if (typeof field !== 'string') throw new QueryError(`${path}.field`, `must name a field, but was ${describe(field)}`);
  const column = Object.hasOwn(catalog.sorts, field) ? catalog.sorts[field] : undefined;
  if (!column) {
    const why = catalog.unsupportedSorts && Object.hasOwn(catalog.unsupportedSorts, field) ? catalog.unsupportedSorts[field] : undefined;
    throw new QueryError(
      `${path}.field`,
      why
        ? `'${field}' cannot be sorted on here: ${why}`
        : `'${field}' is not a sort field of ${catalog.entity}; the fields are ${Object.keys(catalog.sorts).join(', ')}`,
    );
  }
  const direction = order === undefined ? 'ASC' : typeof order === 'string' ? order.toUpperCase() : undefined;
  if (direction !== 'ASC' && direction !== 'DESC') {
    throw new QueryError(`${path}.order`, `must be ASC or DESC, but was ${describe(order)}`);
  }
  return sql.join([column].flat().map((c) => sql`${c} ${sql.raw(direction)} NULLS LAST`));
}

import { sql, type Kysely, type RawBuilder } from 'kysely';
import { describe } from './api-values.js';
import { QueryError } from './query-error.js';
import type { SearchCatalog } from './search-catalog.js';
import { allOf, filterConditions } from './search-filter.js';
import { readPage, type PageRequest } from './search-page.js';
import { orderByClause, type SortRequest } from './search-sort.js';

type Sql = RawBuilder<unknown>;

/** A v2 search request body: { filter, sort, page }. */
export interface SearchQuery<F = Record<string, unknown>> {
  filter?: F;
  sort?: SortRequest[];
  page?: PageRequest;
}

/** A v2 search response body. */
export interface SearchResult<T> {
  items: T[];
  page: { totalItems: number };
}

/**
 * Runs one entity's search: the request checked against the catalog, the matching rows of one page in
 * order, and how many match in all. `extra` are conditions the caller adds (the org scope).
 */
export async function runSearch<Row>(
  db: Kysely<any>,
  catalog: SearchCatalog,
  select: Sql,
  query: unknown,
  extra: Sql[],
): Promise<{ rows: Row[]; totalItems: number }> {
  const { filter, sort, page } = readSearchQuery(query);
  const where = allOf([...extra, ...filterConditions(catalog, filter)]);
  const orderBy = orderByClause(catalog, sort);
  const { from, limit } = readPage(page);
  const counted = await sql<{ total: number }>`SELECT count(*)::int8 AS total FROM ${catalog.from} WHERE ${where}`.execute(db);
  const totalItems = counted.rows[0].total;
  // A page past the end needs no second query.
  if (from >= totalItems) return { rows: [], totalItems };
  const result = await sql<Row>`SELECT ${select} FROM ${catalog.from} WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${from}`.execute(db);
  return { rows: result.rows, totalItems };
}

function readSearchQuery(query: unknown): { filter?: unknown; sort?: unknown; page?: unknown } {
  if (query === undefined || query === null) return {};
  if (typeof query !== 'object' || Array.isArray(query)) {
    throw new QueryError('query', `must be an object { filter, sort, page }, but was ${describe(query)}`);
  }
  const { filter, sort, page, ...rest } = query as Record<string, unknown>;
  const extra = Object.entries(rest).find(([, v]) => v !== undefined);
  if (extra) throw new QueryError(extra[0], 'is not part of a search request; give filter, sort and page');
  return { filter, sort, page };
}

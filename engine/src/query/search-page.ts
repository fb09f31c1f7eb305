import { describe } from './api-values.js';
import { QueryError } from './query-error.js';

export interface PageRequest {
  /** Index of the first item, from 0. */
  from?: number;
  /** Most items to return: 1 to 1000, default 100. */
  limit?: number;
}

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

/** Cursor fields of the v2 API (8.8 after/before, 8.6–8.7 searchAfter/searchBefore) that offset paging replaces. */
const CURSORS = ['after', 'before', 'searchAfter', 'searchBefore'];

/** The offset form of the v2 API's page object, checked; the cursor forms are refused with a clear reason. */
export function readPage(page: unknown): { from: number; limit: number } {
  if (page === undefined) return { from: 0, limit: DEFAULT_PAGE_LIMIT };
  if (page === null || typeof page !== 'object' || Array.isArray(page)) {
    throw new QueryError('page', `must be an object { from, limit }, but was ${describe(page)}`);
  }
  const { from = 0, limit = DEFAULT_PAGE_LIMIT, ...rest } = page as Record<string, unknown>;
  for (const [field, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (CURSORS.includes(field)) {
      throw new QueryError(`page.${field}`, 'cursor paging is not supported by this engine; page with from and limit');
    }
    throw new QueryError(`page.${field}`, 'is not a page field; give from and limit');
  }
  if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 0) {
    throw new QueryError('page.from', `must be a whole number from 0, but was ${describe(from)}`);
  }
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new QueryError('page.limit', `must be a whole number from 1 to ${MAX_PAGE_LIMIT}, but was ${describe(limit)}`);
  }
  return { from, limit };
}

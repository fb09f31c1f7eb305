import type { JsonSchema } from '../http/route.js';

/** Shared request and response schemas (the same objects validate requests and document them). */
export const variablesSchema: JsonSchema = { type: 'object', description: 'Variables as a JSON object' };
export const keyString: JsonSchema = { type: 'string', pattern: '^[0-9]{1,19}$' };

/** A search request as the Camunda v2 API takes it; the query module checks filter and sort fields. */
export const searchRequest: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'object' },
    sort: { type: 'array', items: { type: 'object', required: ['field'], additionalProperties: false, properties: { field: { type: 'string' }, order: { enum: ['ASC', 'DESC', 'asc', 'desc'] } } } },
    page: { type: 'object', additionalProperties: false, properties: { from: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
  },
};

export const searchResponse = (item: JsonSchema = { type: 'object' }): JsonSchema => ({
  type: 'object',
  properties: { items: { type: 'array', items: item }, page: { type: 'object', properties: { totalItems: { type: 'integer' } } } },
});

export const problemSchema: JsonSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

/** Lower-cases the sort order the query module expects. */
export function normalizeSearch(body: Record<string, unknown>): Record<string, unknown> {
  const sort = body.sort as Array<{ field: string; order?: string }> | undefined;
  return sort ? { ...body, sort: sort.map((s) => ({ ...s, order: s.order?.toUpperCase() })) } : body;
}

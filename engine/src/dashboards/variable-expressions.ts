import { sql, type RawBuilder } from 'kysely';

/**
 * SQL over the JSON values of process variables as the read model keeps them (jsonb). Every reader tolerates a
 * value of the wrong type (it reads as NULL instead of failing the query): variables are written by processes
 * and people, and one odd value must not take a whole dashboard down.
 */

/** A variable of the case row (its root variables, `c.vars`), or a path into one: variable('item', 'itemName'). */
export function variable(name: string, ...path: string[]): RawBuilder<unknown> {
  let expression = sql`c.vars -> ${name}::text`;
  for (const step of path) expression = sql`(${expression}) -> ${step}::text`;
  return expression;
}

/** A JSON value as text when it is a string (NULL otherwise). */
export function textOf(json: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(CASE WHEN jsonb_typeof(${json}) = 'string' THEN (${json}) #>> '{}' END)`;
}

/** A JSON value as a number when it is one (NULL otherwise). */
export function numberOf(json: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ((${json}) #>> '{}')::numeric END)`;
}

/** True when the JSON value is the boolean true (NULL and anything else are not). */
export function isTrue(json: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`coalesce(${json} = 'true'::jsonb, false)`;
}

/** True when the JSON value is present and not null. */
export function isSet(json: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`coalesce(jsonb_typeof(${json}) NOT IN ('null'), false)`;
}

/** True when the JSON value is one of these strings. */
export function isOneOf(json: RawBuilder<unknown>, values: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`coalesce(${textOf(json)} = ANY(${[...values]}::text[]), false)`;
}

/**
 * Epoch milliseconds of an ISO 8601 date-time text (as the deadline worker writes them, with an offset);
 * NULL for anything that does not look like one.
 */
export function instantOf(text: RawBuilder<string | null>): RawBuilder<number | null> {
  return sql<number | null>`(CASE WHEN ${text} ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' THEN (extract(epoch FROM (${text})::timestamptz) * 1000)::int8 END)`;
}

/** Days between two epoch-millisecond expressions. */
export function daysBetween(from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`((${to}) - (${from})) / 86400000.0`;
}

/** Hours between two epoch-millisecond expressions. */
export function hoursBetween(from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`((${to}) - (${from})) / 3600000.0`;
}

/** The month (YYYY-MM, China time) of an epoch-millisecond expression. */
export function chinaMonthOf(epochMs: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`to_char(to_timestamp(((${epochMs}) + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')`;
}

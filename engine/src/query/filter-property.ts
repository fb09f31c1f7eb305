import { sql, type RawBuilder } from 'kysely';
import { describe, parseDateTime, parseKey } from './api-values.js';
import { likePattern } from './like-pattern.js';
import { QueryError } from './query-error.js';

type Sql = RawBuilder<unknown>;

/**
 * What a filterable field holds, which decides the operators it takes (as the v2 API's filter property
 * schemas define them) and how a given value is read:
 * - string: StringFilterProperty ($eq $neq $exists $in $notIn $like);
 * - enum: the same, with values checked against the enum (except in $like);
 * - key: a key filter property ($eq $neq $exists $in $notIn), values as digit strings;
 * - integer: IntegerFilterProperty ($eq $neq $exists $gt $gte $lt $lte $in);
 * - dateTime: DateTimeFilterProperty (same operators), ISO-8601 in, compared with a column of epoch ms;
 * - boolean: a plain true or false;
 * - stringList: a jsonb array of strings that matches when it contains the value (candidate groups/users);
 * - json: a jsonb value compared with JSON text, as variable values are ($like on its JSON text).
 */
export type ValueKind =
  | { type: 'string' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'key' }
  | { type: 'integer' }
  | { type: 'dateTime' }
  | { type: 'boolean' }
  | { type: 'stringList' }
  | { type: 'json' };

/** The value shapes of the v2 API's filter properties, for typed callers (requests are checked at run time anyway). */
export type StringFilter<T extends string = string> =
  | T
  | { $eq?: T; $neq?: T; $exists?: boolean; $in?: T[]; $notIn?: T[]; $like?: string };
export type KeyFilter = string | { $eq?: string; $neq?: string; $exists?: boolean; $in?: string[]; $notIn?: string[] };
export type IntegerFilter =
  | number
  | { $eq?: number; $neq?: number; $exists?: boolean; $gt?: number; $gte?: number; $lt?: number; $lte?: number; $in?: number[] };
/** ISO-8601 date-times with a zone. */
export type DateTimeFilter =
  | string
  | { $eq?: string; $neq?: string; $exists?: boolean; $gt?: string; $gte?: string; $lt?: string; $lte?: string; $in?: string[] };
/** A variable of the given name whose value (as JSON text: '"open"', '42') matches. */
export interface VariableValueFilter {
  name: string;
  value: StringFilter;
}

const OPERATORS: Record<ValueKind['type'], readonly string[]> = {
  string: ['$eq', '$neq', '$exists', '$in', '$notIn', '$like'],
  enum: ['$eq', '$neq', '$exists', '$in', '$notIn', '$like'],
  key: ['$eq', '$neq', '$exists', '$in', '$notIn'],
  integer: ['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in'],
  dateTime: ['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in'],
  boolean: [],
  stringList: ['$eq', '$neq', '$exists', '$in', '$notIn', '$like'],
  json: ['$eq', '$neq', '$exists', '$in', '$notIn', '$like'],
};

const COMPARISONS: Record<string, Sql> = { $gt: sql.raw('>'), $gte: sql.raw('>='), $lt: sql.raw('<'), $lte: sql.raw('<=') };

/** The SQL condition for one field's filter value: a plain value means equality, an object names operators. */
export function filterPropertyCondition(path: string, value: unknown, column: Sql, kind: ValueKind): Sql {
  if (kind.type === 'boolean') {
    if (typeof value !== 'boolean') throw new QueryError(path, `must be true or false, but was ${describe(value)}`);
    return sql`${column} IS ${value ? sql`TRUE` : sql`NOT TRUE`}`;
  }
  if (value === null || Array.isArray(value)) {
    throw new QueryError(path, `must be a value or an object of operators (${OPERATORS[kind.type].join(', ')}), but was ${describe(value)}`);
  }
  if (typeof value !== 'object') return operatorCondition(path, '$eq', value, column, kind);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    throw new QueryError(path, `names no operator; use a value or one of ${OPERATORS[kind.type].join(', ')}`);
  }
  const conditions = entries.map(([operator, operand]) => {
    if (!OPERATORS[kind.type].includes(operator)) {
      throw new QueryError(`${path}.${operator}`, `is not an operator of this field; use one of ${OPERATORS[kind.type].join(', ')}`);
    }
    return operatorCondition(`${path}.${operator}`, operator, operand, column, kind);
  });
  return conditions.length === 1 ? conditions[0] : sql`(${sql.join(conditions, sql` AND `)})`;
}

function operatorCondition(path: string, operator: string, operand: unknown, column: Sql, kind: ValueKind): Sql {
  if (operator === '$exists') {
    if (typeof operand !== 'boolean') throw new QueryError(path, `must be true or false, but was ${describe(operand)}`);
    if (kind.type === 'stringList') return sql`jsonb_array_length(${column}) ${operand ? sql`>` : sql`=`} 0`;
    return sql`${column} IS ${operand ? sql`NOT NULL` : sql`NULL`}`;
  }
  if (operator === '$like') {
    if (typeof operand !== 'string') throw new QueryError(path, `must be a pattern string (* any characters, ? one), but was ${describe(operand)}`);
    const pattern = likePattern(operand);
    if (kind.type === 'stringList') {
      return sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${column}) AS element(value) WHERE element.value LIKE ${pattern} ESCAPE '\\')`;
    }
    const text = kind.type === 'json' ? sql`(${column})::text` : column;
    return sql`${text} LIKE ${pattern} ESCAPE '\\'`;
  }
  if (operator === '$in' || operator === '$notIn') {
    if (!Array.isArray(operand)) throw new QueryError(path, `must be an array of values, but was ${describe(operand)}`);
    const values = operand.map((v, i) => operandValue(`${path}[${i}]`, v, kind));
    return operator === '$in' ? inCondition(column, values, kind) : notInCondition(column, values, kind);
  }
  const parameter = operandValue(path, operand, kind);
  if (operator === '$eq') return equalCondition(column, parameter, kind);
  if (operator === '$neq') {
    if (kind.type === 'stringList') return sql`NOT (${column} ? ${parameter})`;
    return sql`${column} IS DISTINCT FROM ${typed(parameter, kind)}`;
  }
  return sql`${column} ${COMPARISONS[operator]} ${typed(parameter, kind)}`;
}

function equalCondition(column: Sql, parameter: string | number, kind: ValueKind): Sql {
  if (kind.type === 'stringList') return sql`${column} ? ${parameter}`;
  return sql`${column} = ${typed(parameter, kind)}`;
}

function inCondition(column: Sql, values: Array<string | number>, kind: ValueKind): Sql {
  if (values.length === 0) return sql`FALSE`;
  if (kind.type === 'stringList') return sql`${column} ?| ${values}::text[]`;
  if (kind.type === 'json') return sql`${column} IN (${sql.join(values.map((v) => typed(v, kind)))})`;
  return sql`${column} = ANY(${values}::${arrayType(kind)})`;
}

function notInCondition(column: Sql, values: Array<string | number>, kind: ValueKind): Sql {
  if (values.length === 0) return sql`TRUE`;
  if (kind.type === 'stringList') return sql`NOT (${column} ?| ${values}::text[])`;
  if (kind.type === 'json') return sql`${column} NOT IN (${sql.join(values.map((v) => typed(v, kind)))})`;
  // Like $neq, a missing value is "not one of them".
  return sql`(${column} IS NULL OR ${column} <> ALL(${values}::${arrayType(kind)}))`;
}

function arrayType(kind: ValueKind): Sql {
  return kind.type === 'key' || kind.type === 'integer' || kind.type === 'dateTime' ? sql.raw('int8[]') : sql.raw('text[]');
}

function typed(parameter: string | number, kind: ValueKind): Sql {
  if (kind.type === 'json') return sql`${parameter}::jsonb`;
  if (kind.type === 'key' || kind.type === 'integer' || kind.type === 'dateTime') return sql`${parameter}::int8`;
  return sql`${parameter}::text`;
}

/** One operand read as the field's kind: the bound parameter's value. */
function operandValue(path: string, value: unknown, kind: ValueKind): string | number {
  switch (kind.type) {
    case 'string':
    case 'stringList':
      if (typeof value !== 'string') throw new QueryError(path, `must be a string, but was ${describe(value)}`);
      return value;
    case 'enum':
      if (typeof value !== 'string' || !kind.values.includes(value)) {
        throw new QueryError(path, `must be one of ${kind.values.join(', ')}, but was ${describe(value)}`);
      }
      return value;
    case 'key':
      return parseKey(path, value);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        throw new QueryError(path, `must be an integer, but was ${describe(value)}`);
      }
      return value;
    case 'dateTime':
      return parseDateTime(path, value);
    case 'json':
      return jsonText(path, value);
    case 'boolean':
      throw new QueryError(path, 'takes no operators: give true or false');
  }
}

/** Variable values are compared as JSON, the way the API returns them: '"text"', '42', '{"a":1}'. */
function jsonText(path: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new QueryError(path, `must be a value as JSON text (a string such as "\\"open\\"" or "42"), but was ${describe(value)}`);
  }
  try {
    JSON.parse(value);
  } catch {
    throw new QueryError(path, `must be JSON text (a string value is quoted: "\\"open\\""), but was ${describe(value)}`);
  }
  return value;
}

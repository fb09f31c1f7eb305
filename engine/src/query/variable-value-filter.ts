import { sql, type RawBuilder } from 'kysely';
import { describe } from './api-values.js';
import { filterPropertyCondition } from './filter-property.js';
import { QueryError } from './query-error.js';

type Sql = RawBuilder<unknown>;

/**
 * The v2 API's variable value filters (`variables` of process instances, `processInstanceVariables` and
 * `localVariables` of user tasks): a list of { name, value } that must all match a variable of the scope
 * the expression `scopeKey` names; `value` is a filter over the variable's JSON text.
 */
export function variableValueCondition(path: string, value: unknown, scopeKey: Sql): Sql {
  if (!Array.isArray(value)) throw new QueryError(path, `must be an array of { name, value }, but was ${describe(value)}`);
  const conditions = value.map((entry, i) => {
    const entryPath = `${path}[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new QueryError(entryPath, `must be an object { name, value }, but was ${describe(entry)}`);
    }
    const { name, value: valueFilter, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw new QueryError(`${entryPath}.${extra[0]}`, 'is not part of a variable filter; give name and value');
    if (typeof name !== 'string' || name === '') throw new QueryError(`${entryPath}.name`, `must be a variable name, but was ${describe(name)}`);
    const valueCondition = filterPropertyCondition(`${entryPath}.value`, valueFilter, sql.ref('filter_variable.value'), { type: 'json' });
    return sql`EXISTS (SELECT 1 FROM variable_view AS filter_variable
      WHERE filter_variable.scope_key = ${scopeKey} AND filter_variable.name = ${name} AND ${valueCondition})`;
  });
  return conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `);
}

import { CompiledQuery, type Transaction } from 'kysely';

/** A column as bulk writes see it: its name and SQL type (json_to_recordset needs the types). */
export interface Column {
  name: string;
  type: string;
}

/**
 * Writes many rows with one statement and one parameter: the rows travel as a JSON array and
 * json_to_recordset turns them back into typed columns. On PGlite this is several times faster
 * than a multi-row VALUES list with thousands of parameters, and it has no parameter limit.
 */
export async function bulkInsert(
  trx: Transaction<any>,
  table: string,
  columns: Column[],
  rows: Array<Record<string, unknown>>,
  onConflict?: { keys: string[]; update: string[] },
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => c.name).join(', ');
  const conflict = onConflict
    ? ` ON CONFLICT (${onConflict.keys.join(', ')}) DO ${
        onConflict.update.length > 0 ? `UPDATE SET ${onConflict.update.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'NOTHING'
      }`
    : '';
  await trx.executeQuery(
    CompiledQuery.raw(
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS x(${recordType(columns)})${conflict}`,
      [JSON.stringify(rows)],
    ),
  );
}

/** Updates many rows by key with one statement: each row names its key columns and the columns it sets. */
export async function bulkUpdate(
  trx: Transaction<any>,
  table: string,
  keys: Column[],
  set: Column[],
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0 || set.length === 0) return;
  await trx.executeQuery(
    CompiledQuery.raw(
      `UPDATE ${table} AS t SET ${set.map((c) => `${c.name} = x.${c.name}`).join(', ')}
       FROM json_to_recordset($1::json) AS x(${recordType([...keys, ...set])})
       WHERE ${keys.map((k) => `t.${k.name} = x.${k.name}`).join(' AND ')} AND ${leadingKeyIn(keys[0], '$2')}`,
      [JSON.stringify(rows), rows.map((row) => row[keys[0].name])],
    ),
  );
}

/**
 * `t.key = ANY($n)`: the planner cannot see how many rows json_to_recordset yields and joins it by scanning the
 * whole table, which grows with history; naming the keys lets it use the primary key's index instead.
 */
export function leadingKeyIn(key: Column, param: string): string {
  return `t.${key.name} = ANY(${param}::${key.type}[])`;
}

function recordType(columns: Column[]): string {
  return columns.map((c) => `${c.name} ${c.type}`).join(', ');
}

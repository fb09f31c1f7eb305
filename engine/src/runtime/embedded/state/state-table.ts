import { CompiledQuery, type Transaction } from 'kysely';
import type { RowCache } from './row-cache.js';
import { bulkInsert, leadingKeyIn } from '../../../store/bulk-write.js';

/** How one runtime table maps between rows in memory and columns in the database. */
export interface TableSpec<Row> {
  table: string;
  /** Primary-key columns, in order. */
  keyColumns: string[];
  columns: string[];
  /** SQL type of each column, in the order of `columns`. */
  types: string[];
  keyOf(row: Row): string;
  /** The key columns' values for a key string (inverse of keyOf). */
  keyValues(key: string): unknown[];
  toColumns(row: Row): unknown[];
  fromColumns(record: Record<string, unknown>): Row;
}

/**
 * One table as one batch of commands sees it: rows read from the database in this batch, and the
 * writes of the batch not yet flushed. Reads see the batch's own writes; nothing reaches the
 * database until `flush`, which writes every change of the batch with a few multi-row statements.
 */
export class StateTable<Row> {
  /** The batch's view: a row, or null when deleted (or known not to exist). */
  private readonly view = new Map<string, Row | null>();
  private readonly dirty = new Set<string>();
  /** Keys inserted by this batch and never in the database: deleting them needs no SQL. */
  private readonly fresh = new Set<string>();
  private readonly queried = new Set<string>();

  constructor(
    private readonly trx: () => Transaction<any>,
    readonly spec: TableSpec<Row>,
    private readonly cache?: RowCache<Row>,
  ) {}

  async get(key: string): Promise<Row | undefined> {
    if (this.view.has(key)) return this.view.get(key) ?? undefined;
    const cached = this.cache?.get(key);
    if (cached !== undefined) {
      this.view.set(key, cached);
      return cached ?? undefined;
    }
    const where = this.spec.keyColumns.map((c, i) => `${c} = $${i + 1}`).join(' AND ');
    const result = await this.trx().executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`SELECT * FROM ${this.spec.table} WHERE ${where}`, this.spec.keyValues(key)),
    );
    const found = result.rows[0] ? this.spec.fromColumns(result.rows[0]) : null;
    this.view.set(key, found);
    return found ?? undefined;
  }

  /** Rows matching a query, merged with this batch's unflushed writes (which win). */
  async query(sqlWhere: string, params: unknown[], matches: (row: Row) => boolean, suffix = ''): Promise<Row[]> {
    // The same query twice in one batch reads the database once: later writes live in the view.
    const memo = `${sqlWhere}|${suffix}|${JSON.stringify(params)}`;
    if (!this.queried.has(memo)) {
      if (this.cache && this.spec.keyColumns.length === 1) await this.queryThroughCache(sqlWhere, params, suffix);
      else this.see((await this.select(`${sqlWhere} ${suffix}`, params)).map((record) => this.spec.fromColumns(record)));
      this.queried.add(memo);
    }
    return this.cached(matches);
  }

  /**
   * Asks the database for the matching keys only and takes the rows it has cached from the cache: most
   * matches were written by recent batches, and reading and parsing their rows again was most of a query's cost.
   */
  private async queryThroughCache(sqlWhere: string, params: unknown[], suffix: string): Promise<void> {
    const keyColumn = this.spec.keyColumns[0];
    const result = await this.trx().executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`SELECT ${keyColumn} FROM ${this.spec.table} WHERE ${sqlWhere} ${suffix}`, params),
    );
    const missing: unknown[] = [];
    for (const record of result.rows) {
      const key = String(record[keyColumn]);
      if (this.view.has(key)) continue;
      const cached = this.cache!.get(key);
      if (cached) this.view.set(key, cached);
      else missing.push(record[keyColumn]);
    }
    if (missing.length > 0) {
      this.see((await this.select(`${keyColumn} = ANY($1)`, [missing])).map((record) => this.spec.fromColumns(record)));
    }
  }

  private async select(sqlWhereAndSuffix: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    const result = await this.trx().executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`SELECT * FROM ${this.spec.table} WHERE ${sqlWhereAndSuffix}`, params),
    );
    return result.rows;
  }

  /** Rows read from the database join the view, unless the batch has its own version (which wins). */
  private see(rows: Row[]): void {
    for (const row of rows) {
      const key = this.spec.keyOf(row);
      if (!this.view.has(key)) this.view.set(key, row);
    }
  }

  /** Rows this batch has written or read that match, without asking the database. */
  cached(matches: (row: Row) => boolean): Row[] {
    const out: Row[] = [];
    for (const row of this.view.values()) if (row && matches(row)) out.push(row);
    return out;
  }

  insert(row: Row): void {
    const key = this.spec.keyOf(row);
    if (!this.view.has(key)) this.fresh.add(key);
    this.view.set(key, row);
    this.dirty.add(key);
  }

  /** Marks a row (already obtained from this table) as changed. */
  update(row: Row): void {
    const key = this.spec.keyOf(row);
    this.view.set(key, row);
    this.dirty.add(key);
  }

  delete(key: string): void {
    this.view.set(key, null);
    if (this.fresh.has(key)) {
      this.fresh.delete(key);
      this.dirty.delete(key);
    } else {
      this.dirty.add(key);
    }
  }

  /** After the batch committed: what it wrote becomes the cache's committed state. */
  committed(): void {
    if (!this.cache) return;
    for (const [key, row] of this.view) this.cache.set(key, row);
  }

  get hasChanges(): boolean {
    return this.dirty.size > 0;
  }

  async flush(trx: Transaction<any>): Promise<void> {
    if (this.dirty.size === 0) return;
    const upserts: Row[] = [];
    const deletes: string[] = [];
    for (const key of this.dirty) {
      const row = this.view.get(key);
      if (row) upserts.push(row);
      else deletes.push(key);
    }
    const { table, keyColumns, columns, types } = this.spec;
    if (deletes.length > 0) {
      if (keyColumns.length === 1) {
        await trx.executeQuery(
          CompiledQuery.raw(`DELETE FROM ${table} WHERE ${keyColumns[0]} = ANY($1)`, [
            deletes.map((k) => this.spec.keyValues(k)[0]),
          ]),
        );
      } else {
        const keyTypes = keyColumns.map((k) => ({ name: k, type: types[columns.indexOf(k)] }));
        await trx.executeQuery(
          CompiledQuery.raw(
            `DELETE FROM ${table} AS t USING json_to_recordset($1::json) AS x(${keyTypes.map((k) => `${k.name} ${k.type}`).join(', ')})
             WHERE ${keyColumns.map((k) => `t.${k} = x.${k}`).join(' AND ')} AND ${leadingKeyIn(keyTypes[0], '$2')}`,
            [
              JSON.stringify(deletes.map((k) => Object.fromEntries(this.spec.keyValues(k).map((v, i) => [keyColumns[i], v])))),
              deletes.map((k) => this.spec.keyValues(k)[0]),
            ],
          ),
        );
      }
    }
    if (upserts.length > 0) {
      const toRecord = (row: Row) => {
        const values = this.spec.toColumns(row);
        return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null]));
      };
      const typed = columns.map((name, i) => ({ name, type: types[i] }));
      // Rows this batch created are plain inserts; only rows that may exist already need ON CONFLICT (a slower path).
      const created = upserts.filter((row) => this.fresh.has(this.spec.keyOf(row)));
      const changed = upserts.filter((row) => !this.fresh.has(this.spec.keyOf(row)));
      await bulkInsert(trx, table, typed, created.map(toRecord));
      await bulkInsert(trx, table, typed, changed.map(toRecord), { keys: keyColumns, update: columns.filter((c) => !keyColumns.includes(c)) });
    }
  }
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

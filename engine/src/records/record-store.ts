import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { EngineRecord } from './record.js';
import { bulkInsert } from '../runtime/embedded/state/bulk-write.js';

/** Appends a batch's records: one chunk per process instance touched (and one for records of none). */
export async function appendRecords(trx: Transaction<any>, records: EngineRecord[]): Promise<void> {
  const chunks = new Map<number | null, EngineRecord[]>();
  for (const record of records) {
    const list = chunks.get(record.processInstanceKey);
    if (list) list.push(record);
    else chunks.set(record.processInstanceKey, [record]);
  }
  await bulkInsert(
    trx,
    'record_chunks',
    [
      { name: 'first_position', type: 'int8' },
      { name: 'last_position', type: 'int8' },
      { name: 'process_instance_key', type: 'int8' },
      { name: 'records', type: 'json' },
    ],
    [...chunks].map(([processInstanceKey, list]) => ({
      first_position: list[0].position,
      last_position: list[list.length - 1].position,
      process_instance_key: processInstanceKey,
      records: list,
    })),
  );
}

export interface RecordQuery {
  processInstanceKey?: number;
  /** Only records after this position. */
  afterPosition?: number;
  /** At most this many chunks are read (each holds a batch's records of one instance). */
  chunkLimit?: number;
}

/** Records in stream order, from the store. */
export async function readRecords(db: Kysely<any> | Transaction<any>, query: RecordQuery = {}): Promise<EngineRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.processInstanceKey !== undefined) {
    params.push(query.processInstanceKey);
    where.push(`process_instance_key = $${params.length}`);
  }
  if (query.afterPosition !== undefined) {
    params.push(query.afterPosition);
    where.push(`last_position > $${params.length}`);
  }
  const limit = query.chunkLimit !== undefined ? ` LIMIT ${Math.max(1, Math.floor(query.chunkLimit))}` : '';
  const result = await db.executeQuery<{ records: EngineRecord[] }>(
    CompiledQuery.raw(
      `SELECT records FROM record_chunks ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY first_position${limit}`,
      params,
    ),
  );
  const out: EngineRecord[] = [];
  for (const row of result.rows) {
    for (const record of row.records) if (query.afterPosition === undefined || record.position > query.afterPosition) out.push(record);
  }
  return out.sort((a, b) => a.position - b.position);
}

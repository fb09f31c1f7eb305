import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { EngineRecord } from './record.js';

const deflateRawAsync = promisify(deflateRaw);

/** A batch's records ready to store: see encodeRecordBatch. */
export interface EncodedRecordBatch {
  firstPosition: number;
  lastPosition: number;
  processInstanceKeys: Array<number | null>;
  segmentEnds: number[];
  deflated: Buffer;
}

/**
 * A batch's records as one row: grouped into one segment per process instance (and one for records of none), the
 * segments' JSON concatenated and deflated. Reading an instance's history inflates the batches that touched it and
 * parses that instance's segments only. The deflating runs on libuv's thread pool: started before the batch's other
 * writes, it is done on another core while the event loop's thread writes them.
 */
export async function encodeRecordBatch(records: EngineRecord[]): Promise<EncodedRecordBatch | undefined> {
  if (records.length === 0) return undefined;
  const segments = new Map<number | null, EngineRecord[]>();
  for (const record of records) {
    const list = segments.get(record.processInstanceKey);
    if (list) list.push(record);
    else segments.set(record.processInstanceKey, [record]);
  }
  const processInstanceKeys: Array<number | null> = [];
  const segmentEnds: number[] = [];
  let text = '';
  // Records of one element share their value object (writeElementRecord): its JSON is made once per batch.
  const valueJson = new Map<object, string>();
  for (const [processInstanceKey, list] of segments) {
    text += `[${list.map((record) => recordJson(record, valueJson)).join(',')}]`;
    processInstanceKeys.push(processInstanceKey);
    segmentEnds.push(text.length);
  }
  return {
    firstPosition: records[0].position,
    lastPosition: records[records.length - 1].position,
    processInstanceKeys,
    segmentEnds,
    deflated: await deflateRawAsync(text, { level: 1 }),
  };
}

/** JSON.stringify(record), with the value's JSON taken from `valueJson` when another record had the same value object. */
function recordJson(record: EngineRecord, valueJson: Map<object, string>): string {
  let value = valueJson.get(record.value);
  if (value === undefined) {
    value = JSON.stringify(record.value) ?? 'null';
    valueJson.set(record.value, value);
  }
  return `{"position":${number(record.position)},"key":${number(record.key)},"valueType":${JSON.stringify(record.valueType)},"intent":${JSON.stringify(record.intent)},"processInstanceKey":${number(record.processInstanceKey)},"timestamp":${number(record.timestamp)},"value":${value}}`;
}

/** A number as JSON writes it (null for none, NaN or Infinity). */
function number(value: number | null): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : 'null';
}

/** Stores a batch encoded by encodeRecordBatch. */
export async function appendEncodedRecords(trx: Transaction<any>, batch: EncodedRecordBatch | undefined): Promise<void> {
  if (batch === undefined) return;
  await trx.executeQuery(
    CompiledQuery.raw(
      `INSERT INTO record_batches (first_position, last_position, process_instance_keys, segment_ends, deflated, records)
       VALUES ($1, $2, $3::int8[], $4::int4[], true, $5::bytea)`,
      [batch.firstPosition, batch.lastPosition, batch.processInstanceKeys, batch.segmentEnds, batch.deflated],
    ),
  );
}

/** Encodes and stores a batch's records as one row (see encodeRecordBatch). */
export async function appendRecords(trx: Transaction<any>, records: EngineRecord[]): Promise<void> {
  await appendEncodedRecords(trx, await encodeRecordBatch(records));
}

export interface RecordQuery {
  processInstanceKey?: number;
  /** Only records after this position. */
  afterPosition?: number;
}

interface RecordBatchRow {
  process_instance_keys: Array<number | string | null>;
  segment_ends: number[];
  deflated: boolean;
  records: Uint8Array;
}

/** Records in stream order, from the store. */
export async function readRecords(db: Kysely<any> | Transaction<any>, query: RecordQuery = {}): Promise<EngineRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.processInstanceKey !== undefined) {
    params.push([query.processInstanceKey]);
    where.push(`process_instance_keys @> $${params.length}::int8[]`);
  }
  if (query.afterPosition !== undefined) {
    params.push(query.afterPosition);
    where.push(`last_position > $${params.length}`);
  }
  const result = await db.executeQuery<RecordBatchRow>(
    CompiledQuery.raw(
      `SELECT process_instance_keys, segment_ends, deflated, records FROM record_batches
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY first_position`,
      params,
    ),
  );
  const out: EngineRecord[] = [];
  for (const row of result.rows) {
    const bytes = Buffer.from(row.records.buffer, row.records.byteOffset, row.records.byteLength);
    const text = (row.deflated ? inflateRawSync(bytes) : bytes).toString('utf8');
    let start = 0;
    row.process_instance_keys.forEach((key, i) => {
      const end = row.deflated ? row.segment_ends[i] : text.length;
      const wanted = query.processInstanceKey === undefined || (key !== null && Number(key) === query.processInstanceKey);
      if (wanted) {
        for (const record of JSON.parse(text.slice(start, end)) as EngineRecord[]) {
          if (query.afterPosition === undefined || record.position > query.afterPosition) out.push(record);
        }
      }
      start = end;
    });
  }
  return out.sort((a, b) => a.position - b.position);
}

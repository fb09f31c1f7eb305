import { sql, type Kysely } from 'kysely';
import type { ValueType } from '../records/record.js';
import { isoDateTime, keyText } from './api-values.js';
import type { OrgScope } from './org-scope.js';
import { findProcessInstanceRow } from './process-instance-search.js';

/** One record of an instance's stream, for audit-like history views, keys written as strings. */
export interface RecordItem {
  position: number;
  key: string;
  valueType: ValueType;
  intent: string;
  processInstanceKey: string | null;
  timestamp: string;
  /** The record's value; its top-level keys (fields named *Key holding a number) as strings, Zeebe's -1 ("none") as null. */
  value: Record<string, unknown>;
}

interface RecordRow {
  position: number;
  key: number;
  value_type: ValueType;
  intent: string;
  process_instance_key: number | null;
  timestamp: number;
  value: Record<string, unknown>;
}

/**
 * The records of one process instance in stream order, or undefined when the instance does not exist or
 * the caller may not see it.
 */
export async function getRecords(db: Kysely<any>, processInstanceKey: string | number, scope: OrgScope): Promise<RecordItem[] | undefined> {
  const instance = await findProcessInstanceRow(db, processInstanceKey, scope);
  if (!instance) return undefined;
  const result = await sql<RecordRow>`SELECT position, key, value_type, intent, process_instance_key, timestamp, value
    FROM records WHERE process_instance_key = ${instance.key}::int8 ORDER BY position`.execute(db);
  return result.rows.map((r) => ({
    position: r.position,
    key: keyText(r.key),
    valueType: r.value_type,
    intent: r.intent,
    processInstanceKey: r.process_instance_key === null ? null : keyText(r.process_instance_key),
    timestamp: isoDateTime(r.timestamp),
    value: withKeysAsText(r.value),
  }));
}

function withKeysAsText(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(value)) {
    out[field] = field.endsWith('Key') && typeof v === 'number' && Number.isSafeInteger(v) ? (v === -1 ? null : keyText(v)) : v;
  }
  return out;
}

import type { Kysely } from 'kysely';
import type { ValueType } from '../records/record.js';
import { readRecords } from '../records/record-store.js';
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

/**
 * The records of one process instance in stream order, or undefined when the instance does not exist or
 * the caller may not see it.
 */
export async function getRecords(db: Kysely<any>, processInstanceKey: string | number, scope: OrgScope): Promise<RecordItem[] | undefined> {
  const instance = await findProcessInstanceRow(db, processInstanceKey, scope);
  if (!instance) return undefined;
  // The record stream's storage belongs to the records module; read it through its reader.
  const records = await readRecords(db, { processInstanceKey: instance.key });
  return records.map((r) => ({
    position: r.position,
    key: keyText(r.key),
    valueType: r.valueType,
    intent: r.intent,
    processInstanceKey: r.processInstanceKey === null ? null : keyText(r.processInstanceKey),
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

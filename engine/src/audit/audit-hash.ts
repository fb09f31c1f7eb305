import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { AuditRecord } from './audit-record.js';

/** The prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256(prevHash + canonical JSON of the record without its hash), hex. */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { hash: _ignored, ...unsigned } = record as AuditRecord;
  return hash('sha256', record.prevHash + canonicalJson(unsigned), 'hex');
}

export { AuditLog, createAuditLog } from './audit-log.js';
export { auditActorOf, systemActor } from './audit-actor.js';
export { AuditEntryError } from './audit-entry-error.js';
export { GENESIS_HASH, hashAuditRecord } from './audit-hash.js';
export { canonicalJson } from './canonical-json.js';
export type { AuditActor, AuditEntry, AuditQuery, AuditRecord, AuditVerification } from './audit-record.js';

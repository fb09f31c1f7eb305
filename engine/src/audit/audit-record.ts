/** Who did it: a user, an API key, or the engine itself (timers, built-in workers). */
export interface AuditActor {
  kind: 'user' | 'apiKey' | 'system';
  id: string;
  name: string;
}

/** What a caller appends; seq, time and hashes are the log's to assign. */
export interface AuditEntry {
  actor: AuditActor;
  /** Dotted lower-case words, e.g. 'process-instance.create', 'user-task.complete'. */
  action: string;
  processInstanceKey?: string | number;
  userTaskKey?: string | number;
  /** What was acted on when it is not an instance or a task, e.g. 'user:3f2a…' or 'form:resident-request'. */
  target?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  seq: number;
  /** Epoch ms. */
  at: number;
  actor: AuditActor;
  action: string;
  processInstanceKey?: string;
  userTaskKey?: string;
  target?: string;
  details: Record<string, unknown>;
  /** The previous record's hash; 64 zeros for the first record. */
  prevHash: string;
  /** sha256(prevHash + canonical JSON of this record without `hash`), hex. */
  hash: string;
}

export interface AuditQuery {
  processInstanceKey?: string | number;
  userTaskKey?: string | number;
  actorId?: string;
  action?: string;
  /** Only records with a seq greater than this (paging: pass the last seq seen). */
  after?: number;
  /** At most this many, 1–1000; 100 when not given. */
  limit?: number;
}

export interface AuditVerification {
  ok: boolean;
  /** How many records were found intact: all of them when ok, those before brokenAt otherwise. */
  records: number;
  /** The seq of the first record that does not hold. */
  brokenAt?: number;
  /** Why it does not hold. */
  reason?: string;
}

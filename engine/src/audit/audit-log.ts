import { sql, type Kysely, type Transaction } from 'kysely';
import { SystemClock, type Clock } from '../clock/clock.js';
import { AuditEntryError } from './audit-entry-error.js';
import { GENESIS_HASH, hashAuditRecord } from './audit-hash.js';
import type { AuditActor, AuditEntry, AuditQuery, AuditRecord, AuditVerification } from './audit-record.js';
import { canonicalJson } from './canonical-json.js';
import { bulkInsert, type Column } from '../store/bulk-write.js';

/** Arbitrary but fixed: every process appending to one database must take the same advisory lock. */
const APPEND_LOCK_KEY = 0x677a_6175; // 'gzau'
const ACTION = /^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*$/;
const ENGINE_KEY = /^(?:0|[1-9][0-9]{0,18})$/;
const ACTOR_KINDS: readonly AuditActor['kind'][] = ['user', 'apiKey', 'system'];
const MAX_DETAILS_CHARS = 64 * 1024;
const VERIFY_PAGE = 500;

interface AuditRow {
  seq: number;
  at: number;
  actor_kind: AuditActor['kind'];
  actor_id: string;
  actor_name: string;
  action: string;
  process_instance_key: string | null;
  user_task_key: string | null;
  target: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function toRecord(row: AuditRow): AuditRecord {
  const record: AuditRecord = {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (row.process_instance_key !== null) record.processInstanceKey = row.process_instance_key;
  if (row.user_task_key !== null) record.userTaskKey = row.user_task_key;
  if (row.target !== null) record.target = row.target;
  return record;
}

function checkText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value === '') throw new AuditEntryError(`${field} must be a non-empty string`, field);
  if (value.length > maxLength) throw new AuditEntryError(`${field} must be at most ${maxLength} characters`, field);
  return value;
}

/** Engine keys arrive as numbers from the runtime and as strings from REST; the log keeps strings. */
function checkKey(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !ENGINE_KEY.test(text)) {
    throw new AuditEntryError(`${field} must be a non-negative integer key (a number or a string of digits)`, field);
  }
  return text;
}

function checkActor(actor: unknown): AuditActor {
  if (actor === null || typeof actor !== 'object') throw new AuditEntryError('actor must be { kind, id, name }', 'actor');
  const { kind, id, name } = actor as Record<string, unknown>;
  if (!(ACTOR_KINDS as readonly unknown[]).includes(kind)) {
    throw new AuditEntryError(`actor.kind must be one of ${ACTOR_KINDS.join(', ')}`, 'actor.kind');
  }
  return { kind: kind as AuditActor['kind'], id: checkText(id, 'actor.id', 200), name: checkText(name, 'actor.name', 200) };
}

/** Details as they will read back from jsonb: canonical text parsed again, so the hash covers what is stored. */
function checkDetails(details: unknown): Record<string, unknown> {
  if (details === undefined) return {};
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    throw new AuditEntryError('details must be a JSON object', 'details');
  }
  let text: string;
  try {
    text = canonicalJson(details);
  } catch (error) {
    throw new AuditEntryError(`details: ${(error as Error).message.replace(/^\$\.?/, '')}`, 'details');
  }
  if (text.length > MAX_DETAILS_CHARS) throw new AuditEntryError(`details must be at most ${MAX_DETAILS_CHARS} characters of JSON`, 'details');
  return JSON.parse(text) as Record<string, unknown>;
}

function checkLimit(limit: unknown): number {
  if (limit === undefined) return 100;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new AuditEntryError('limit must be an integer from 1 to 1000', 'limit');
  }
  return limit;
}

/** Runs work in a transaction and resolves once that transaction has committed. */
export type TransactionRunner = <T>(work: (trx: Transaction<any>) => Promise<T>) => Promise<T>;

/** An entry checked, with keys as the log keeps them. */
type CheckedEntry = Omit<AuditRecord, 'seq' | 'at' | 'prevHash' | 'hash'>;

function checkEntry(entry: AuditEntry): CheckedEntry {
  if (entry === null || typeof entry !== 'object') throw new AuditEntryError('an audit entry must be an object', 'entry');
  const actor = checkActor(entry.actor);
  const action = checkText(entry.action, 'action', 100);
  if (!ACTION.test(action)) {
    throw new AuditEntryError(`action ${action} must be dotted lower-case words, e.g. 'user-task.complete'`, 'action');
  }
  const processInstanceKey = checkKey(entry.processInstanceKey, 'processInstanceKey');
  const userTaskKey = checkKey(entry.userTaskKey, 'userTaskKey');
  const target = entry.target === undefined ? undefined : checkText(entry.target, 'target', 500);
  return { actor, action, processInstanceKey, userTaskKey, target, details: checkDetails(entry.details) };
}

/** An entry checked and waiting for its group's transaction; settles once that transaction has committed. */
interface PendingEntry extends CheckedEntry {
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

/** A group this size commits in milliseconds; the rows travel as one JSON parameter. */
const MAX_GROUP = 500;

const AUDIT_COLUMNS: Column[] = [
  { name: 'seq', type: 'int8' },
  { name: 'at', type: 'int8' },
  { name: 'actor_kind', type: 'text' },
  { name: 'actor_id', type: 'text' },
  { name: 'actor_name', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'process_instance_key', type: 'text' },
  { name: 'user_task_key', type: 'text' },
  { name: 'target', type: 'text' },
  { name: 'details', type: 'jsonb' },
  { name: 'prev_hash', type: 'text' },
  { name: 'hash', type: 'text' },
];

/**
 * The audit trail: append-only and hash-chained, so that changing, removing or inserting a record in the
 * middle shows in verify(). Appends are group-committed: entries that arrive in the same turn of the event loop, or
 * while a group is being written, go together in one transaction, in arrival order — one transaction per group instead of
 * one per entry, while append() still resolves only once its record has committed. Across processes a
 * PostgreSQL advisory lock is held while the last record is read and the group written; seq is the primary
 * key besides, so two writers could never both extend the same record.
 */
export class AuditLog {
  #pending: PendingEntry[] = [];
  #writing = false;
  #transact: TransactionRunner;

  constructor(
    private readonly db: Kysely<any>,
    private readonly clock: Clock = new SystemClock(),
  ) {
    this.#transact = (work) => db.transaction().execute(work);
  }

  /**
   * Writes groups inside another writer's transactions from now on — the embedded engine's batches, so that an
   * audit group costs no transaction of its own and does not queue for the one connection PGlite has between
   * two engine batches; `undefined` goes back to transactions of the log's own.
   */
  writeInside(runner: TransactionRunner | undefined): void {
    this.#transact = runner ?? ((work) => this.db.transaction().execute(work));
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    try {
      const checked = checkEntry(entry);
      return new Promise<AuditRecord>((resolve, reject) => {
        this.#pending.push({ ...checked, resolve, reject });
        if (!this.#writing) {
          this.#writing = true;
          // Wait for the rest of this turn of the event loop: requests answered by one engine batch append their
          // entries one microtask after another, and should share a transaction rather than send the first alone.
          setImmediate(() => void this.writeGroups());
        }
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Appends entries inside the caller's transaction: they commit, or roll back, with what the caller writes there.
   * The embedded engine records an instance's creation this way, in the batch that creates it.
   */
  async appendWithin(trx: Transaction<any>, entries: AuditEntry[]): Promise<AuditRecord[]> {
    return this.writeRecords(trx, entries.map(checkEntry));
  }

  /** Writes whatever is pending, group after group, until nothing is. */
  private async writeGroups(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#pending.length > 0) {
        const group = this.#pending.splice(0, MAX_GROUP);
        await this.writeGroup(group);
      }
    } finally {
      this.#writing = false;
    }
  }

  private async writeGroup(group: PendingEntry[]): Promise<void> {
    let records: AuditRecord[];
    try {
      records = await this.#transact((trx) => this.writeRecords(trx, group));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      // Find the entry at fault: write each alone, so that the others are still recorded.
      for (const entry of group) await this.writeGroup([entry]);
      return;
    }
    group.forEach((entry, i) => entry.resolve(records[i]));
  }

  /** Extends the chain by these records in trx, under the lock that makes the extension one writer's at a time. */
  private async writeRecords(trx: Transaction<any>, group: CheckedEntry[]): Promise<AuditRecord[]> {
    await sql`SELECT pg_advisory_xact_lock(${sql.lit(APPEND_LOCK_KEY)})`.execute(trx);
    const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    let seq = last === undefined ? 0 : (last.seq as number);
    let prevHash = last === undefined ? GENESIS_HASH : (last.hash as string);
    const at = this.clock.now();
    const written = group.map((entry) => {
      seq += 1;
      const unsigned: Omit<AuditRecord, 'hash'> = { seq, at, actor: entry.actor, action: entry.action, details: entry.details, prevHash };
      if (entry.processInstanceKey !== undefined) unsigned.processInstanceKey = entry.processInstanceKey;
      if (entry.userTaskKey !== undefined) unsigned.userTaskKey = entry.userTaskKey;
      if (entry.target !== undefined) unsigned.target = entry.target;
      const record: AuditRecord = { ...unsigned, hash: hashAuditRecord(unsigned) };
      prevHash = record.hash;
      return record;
    });
    await bulkInsert(
      trx,
      'audit_log',
      AUDIT_COLUMNS,
      written.map((record) => ({
        seq: record.seq,
        at: record.at,
        actor_kind: record.actor.kind,
        actor_id: record.actor.id,
        actor_name: record.actor.name,
        action: record.action,
        process_instance_key: record.processInstanceKey ?? null,
        user_task_key: record.userTaskKey ?? null,
        target: record.target ?? null,
        details: record.details,
        prev_hash: record.prevHash,
        hash: record.hash,
      })),
    );
    return written;
  }

  /** Records in seq order, filtered; page with `after` set to the last seq of the previous page. */
  async list(query: AuditQuery = {}): Promise<AuditRecord[]> {
    const limit = checkLimit(query.limit);
    let select = this.db.selectFrom('audit_log').selectAll().orderBy('seq').limit(limit);
    const pi = checkKey(query.processInstanceKey, 'processInstanceKey');
    if (pi !== undefined) select = select.where('process_instance_key', '=', pi);
    const task = checkKey(query.userTaskKey, 'userTaskKey');
    if (task !== undefined) select = select.where('user_task_key', '=', task);
    if (query.actorId !== undefined) select = select.where('actor_id', '=', checkText(query.actorId, 'actorId', 200));
    if (query.action !== undefined) select = select.where('action', '=', checkText(query.action, 'action', 100));
    if (query.after !== undefined) {
      if (!Number.isSafeInteger(query.after) || query.after < 0) throw new AuditEntryError('after must be a seq (a non-negative integer)', 'after');
      select = select.where('seq', '>', query.after);
    }
    return ((await select.execute()) as AuditRow[]).map(toRecord);
  }

  /** The latest record's seq and hash: keep it elsewhere to detect the newest records being cut off. */
  async head(): Promise<{ seq: number; hash: string } | undefined> {
    const last = await this.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return last === undefined ? undefined : { seq: last.seq as number, hash: last.hash as string };
  }

  /** Recomputes the whole chain from the first record: seq without gaps, each prevHash the hash before, each hash its content's. */
  async verify(): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const rows = (await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(VERIFY_PAGE)
        .execute()) as AuditRow[];
      for (const row of rows) {
        const intact = expectedSeq - 1;
        if (row.seq !== expectedSeq) {
          return { ok: false, records: intact, brokenAt: row.seq, reason: `record ${expectedSeq} is missing` };
        }
        const record = toRecord(row);
        if (record.prevHash !== prevHash) {
          return { ok: false, records: intact, brokenAt: row.seq, reason: `its prevHash is not the hash of record ${row.seq - 1}` };
        }
        if (hashAuditRecord(record) !== record.hash) {
          return { ok: false, records: intact, brokenAt: row.seq, reason: 'its content does not match its hash' };
        }
        prevHash = record.hash;
        expectedSeq += 1;
      }
      if (rows.length < VERIFY_PAGE) return { ok: true, records: expectedSeq - 1 };
    }
  }
}

export function createAuditLog(db: Kysely<any>, options: { clock?: Clock } = {}): AuditLog {
  return new AuditLog(db, options.clock);
}

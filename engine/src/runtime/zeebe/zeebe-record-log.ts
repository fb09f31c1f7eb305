/**
 * What the Zeebe runtime observes (its commands' answers, history listener jobs, user-task jobs, the incidents its
 * own failures cause), written as our EngineRecords through the same record store and projector as the embedded
 * engine, so the query module, the task list and the audit views work unchanged.
 */
import { CompiledQuery, type Transaction } from 'kysely';
import type { Store } from '../../store/store.js';
import type { Clock } from '../../clock/clock.js';
import type { EngineRecord, ValueType } from '../../records/record.js';
import type { RecordListener } from '../runtime-port.js';
import { appendRecords } from '../../records/record-store.js';
import { projectRecords } from '../embedded/projections/read-model-projector.js';
import { FIRST_KEY, Sequence } from '../embedded/keys.js';

export interface NewRecord {
  valueType: ValueType;
  intent: string;
  key: number;
  processInstanceKey: number | null;
  value: Record<string, unknown>;
}

/** State written beside the records in their transaction (incident rows, definitions), before the projector runs. */
export type StateWrite = (trx: Transaction<any>) => Promise<void>;

export class ZeebeRecordLog {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<RecordListener>();

  private constructor(
    readonly store: Store,
    private readonly clock: Clock,
    /** Keys of things only we have (forms, incidents we mirror): Zeebe's keys start at the same place on partition 1, ours count down from below it. */
    private readonly localKeys: Sequence,
    private readonly positions: Sequence,
  ) {}

  static async open(store: Store, clock: Clock): Promise<ZeebeRecordLog> {
    const meta = await store.db.executeQuery<{ name: string; value: number }>(CompiledQuery.raw('SELECT name, value FROM engine_meta'));
    const value = (name: string, fallback: number) => Number(meta.rows.find((r) => r.name === name)?.value ?? fallback);
    // Local keys stay below partition 1's first key so they can never equal a key the cluster hands out.
    return new ZeebeRecordLog(store, clock, new Sequence(value('local_key', Math.floor(FIRST_KEY / 2))), new Sequence(value('position', 0)));
  }

  nextLocalKey(): number {
    return this.localKeys.next();
  }

  subscribe(listener: RecordListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends records (and state) in one transaction, one write at a time so positions stay in commit order. */
  write(records: NewRecord[], state?: StateWrite): Promise<EngineRecord[]> {
    const run = this.tail.then(() => this.commit(records, state));
    this.tail = run.catch(() => {});
    return run;
  }

  private async commit(newRecords: NewRecord[], state?: StateWrite): Promise<EngineRecord[]> {
    const timestamp = this.clock.now();
    const startPosition = this.positions.current;
    const records: EngineRecord[] = newRecords.map((r, i) => ({ ...r, position: startPosition + i + 1, timestamp }));
    await this.store.db.transaction().execute(async (trx) => {
      if (state) await state(trx);
      if (records.length > 0) {
        await appendRecords(trx, records);
        await projectRecords(trx, records);
      }
      await trx.executeQuery(
        CompiledQuery.raw(
          `INSERT INTO engine_meta (name, value) VALUES ('position', $1), ('local_key', $2)
           ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
          [startPosition + records.length, this.localKeys.current],
        ),
      );
    });
    for (let i = 0; i < records.length; i++) this.positions.next();
    for (const listener of this.listeners) {
      try {
        if (records.length > 0) listener(records);
      } catch {
        // A listener's failure must not affect the runtime or other listeners.
      }
    }
    return records;
  }
}

import type { AuditEntry } from '../../audit/audit-record.js';
import type { Clock } from '../../clock/clock.js';
import { EngineState, type EngineCaches } from './state/engine-state.js';
import { RecordWriter } from './record-writer.js';
import type { Sequence } from './keys.js';
import type { Definitions } from './definitions.js';
import type { ProcessInstanceRecordValue } from '../../records/record.js';

/** Work the BPMN interpreter still has to do within the current command (processed FIFO, like Zeebe's follow-up commands). */
export type Step = { kind: 'activate'; key: number } | { kind: 'run'; run: () => Promise<void> };

/**
 * Everything one batch of commands works with: the state as the batch sees it, the records it
 * writes, and the follow-up steps of the command being processed. One batch = one transaction.
 */
export class Batch {
  readonly state: EngineState;
  readonly records: RecordWriter;
  readonly steps: Step[] = [];
  /** Job types that got activatable jobs (wakes long-polling activations after commit). */
  readonly activatableJobTypes = new Set<string>();
  /** Earliest due date of timers created in this batch. */
  earliestTimer = Infinity;
  /** Audit records the batch's commands bring along, written in its transaction. */
  readonly audit: AuditEntry[] = [];
  /** The value of each element instance's PROCESS_INSTANCE records, shared by its records in this batch. */
  readonly elementRecordValues = new Map<number, ProcessInstanceRecordValue>();
  /** Definition changes (deployments) applied to memory only once the batch commits. */
  readonly afterCommit: Array<() => void> = [];

  constructor(
    readonly keys: Sequence,
    positions: Sequence,
    readonly clock: Clock,
    readonly definitions: Definitions,
    caches?: EngineCaches,
  ) {
    this.state = new EngineState(caches);
    this.records = new RecordWriter(positions, () => clock.now());
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs queued steps until the command's consequences are all processed. */
  async drain(run: (step: Step) => Promise<void>): Promise<void> {
    // An index instead of shift(): a long-running loop without wait states must not be quadratic.
    let i = 0;
    while (i < this.steps.length) {
      const step = this.steps[i++];
      await run(step);
      if (i > 1024) {
        this.steps.splice(0, i);
        i = 0;
      }
    }
    this.steps.length = 0;
  }
}

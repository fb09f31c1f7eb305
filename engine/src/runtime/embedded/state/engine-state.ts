import type { Transaction } from 'kysely';
import { StateTable } from './state-table.js';
import { VariableState } from './variable-state.js';
import { RowCache } from './row-cache.js';
import type { ElementInstanceRow, JobRow } from './rows.js';
import {
  elementInstanceSpec,
  incidentSpec,
  jobSpec,
  messageCorrelationSpec,
  messageSpec,
  messageStartLockSpec,
  messageSubscriptionSpec,
  signalSubscriptionSpec,
  timerSpec,
} from './table-specs.js';

/** Committed rows the engine keeps between batches (the hot part of the runtime state). */
export class EngineCaches {
  readonly elementInstances = new RowCache<ElementInstanceRow>(50_000);
  readonly jobs = new RowCache<JobRow>(20_000);
  readonly variables = new RowCache<{ vars: Map<string, unknown>; pi?: number }>(50_000);
}

/** All runtime state as one batch of commands sees and changes it. */
export class EngineState {
  private transaction: Transaction<any> | undefined;
  private readonly trx = (): Transaction<any> => {
    if (!this.transaction) throw new Error('engine state used outside its batch');
    return this.transaction;
  };

  readonly elementInstances: StateTable<ElementInstanceRow>;
  readonly jobs: StateTable<JobRow>;
  readonly timers = new StateTable(this.trx, timerSpec);
  readonly messageSubscriptions = new StateTable(this.trx, messageSubscriptionSpec);
  readonly signalSubscriptions = new StateTable(this.trx, signalSubscriptionSpec);
  readonly messages = new StateTable(this.trx, messageSpec);
  readonly messageCorrelations = new StateTable(this.trx, messageCorrelationSpec);
  readonly messageStartLocks = new StateTable(this.trx, messageStartLockSpec);
  readonly incidents = new StateTable(this.trx, incidentSpec);
  readonly variables: VariableState;

  constructor(caches?: EngineCaches) {
    this.elementInstances = new StateTable(this.trx, elementInstanceSpec, caches?.elementInstances);
    this.jobs = new StateTable(this.trx, jobSpec, caches?.jobs);
    this.variables = new VariableState(this.trx, caches?.variables);
  }

  bind(transaction: Transaction<any>): void {
    this.transaction = transaction;
  }

  get db(): Transaction<any> {
    return this.trx();
  }

  /** Called once the batch's transaction committed. */
  committed(): void {
    this.elementInstances.committed();
    this.jobs.committed();
    this.variables.committed();
  }

  async flush(): Promise<void> {
    const trx = this.trx();
    // Order matters only for readability of failures; there are no foreign keys between runtime tables.
    await this.elementInstances.flush(trx);
    await this.jobs.flush(trx);
    await this.timers.flush(trx);
    await this.messageSubscriptions.flush(trx);
    await this.signalSubscriptions.flush(trx);
    await this.messages.flush(trx);
    await this.messageCorrelations.flush(trx);
    await this.messageStartLocks.flush(trx);
    await this.incidents.flush(trx);
  }
}

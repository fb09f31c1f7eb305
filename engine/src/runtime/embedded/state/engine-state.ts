import type { Transaction } from 'kysely';
import { StateTable } from './state-table.js';
import { VariableState } from './variable-state.js';
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

/** All runtime state as one batch of commands sees and changes it. */
export class EngineState {
  private transaction: Transaction<any> | undefined;
  private readonly trx = (): Transaction<any> => {
    if (!this.transaction) throw new Error('engine state used outside its batch');
    return this.transaction;
  };

  readonly elementInstances = new StateTable(this.trx, elementInstanceSpec);
  readonly jobs = new StateTable(this.trx, jobSpec);
  readonly timers = new StateTable(this.trx, timerSpec);
  readonly messageSubscriptions = new StateTable(this.trx, messageSubscriptionSpec);
  readonly signalSubscriptions = new StateTable(this.trx, signalSubscriptionSpec);
  readonly messages = new StateTable(this.trx, messageSpec);
  readonly messageCorrelations = new StateTable(this.trx, messageCorrelationSpec);
  readonly messageStartLocks = new StateTable(this.trx, messageStartLockSpec);
  readonly incidents = new StateTable(this.trx, incidentSpec);
  readonly variables = new VariableState(this.trx);

  bind(transaction: Transaction<any>): void {
    this.transaction = transaction;
  }

  get db(): Transaction<any> {
    return this.trx();
  }

  async flush(): Promise<void> {
    const trx = this.trx();
    // Order matters only for readability of failures; there are no foreign keys between runtime tables.
    await this.elementInstances.flush(trx);
    await this.variables.flush(trx);
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

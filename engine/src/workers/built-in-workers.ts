import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.js';
import { caseNumberWorker } from './case-number-worker.js';
import { deadlineWorker } from './deadline-worker.js';
import { electionTallyWorker } from './election-tally-worker.js';
import type { JobWorker } from './job-worker.js';
import { notifyWorker } from './notify-worker.js';

export interface BuiltInWorkerDependencies {
  db: Kysely<any>;
  clock: Clock;
}

/**
 * Every built-in worker (task types `gongzhi.*`), as the server and the simulator run them. Their time is the
 * worker context's (the engine clock), so `clock` is not needed by any of them yet.
 */
export function builtInWorkers(deps: BuiltInWorkerDependencies): JobWorker[] {
  const { db } = deps;
  return [deadlineWorker({ db }), electionTallyWorker(), caseNumberWorker({ db }), notifyWorker({ db })];
}

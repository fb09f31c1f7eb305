import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.js';
import type { JobWorker } from './job-worker.js';

export interface BuiltInWorkerDependencies {
  db: Kysely<any>;
  clock: Clock;
}

/**
 * Every built-in worker (task types `gongzhi.*`), as the server and the simulator run them.
 * The workers themselves are being added (deadline, election tally, case number, notify).
 */
export function builtInWorkers(_deps: BuiltInWorkerDependencies): JobWorker[] {
  return [];
}

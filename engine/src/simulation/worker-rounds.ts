import type { ActivatedJob, Runtime } from '../runtime/runtime-port.js';
import { runJob, type JobWorker, type WorkerContext } from '../workers/job-worker.js';
import type { CaseTracker } from './case-tracker.js';

const WORKER_NAME = 'gongzhi-simulator';
/** Jobs are ended in the round that activated them; the lock only has to outlast that round of virtual time. */
const LOCK_MS = 24 * 3_600_000;
const MAX_ACTIVATE = 1000;
const MAX_ROUNDS = 10_000;

/**
 * Runs the workers (built-in and mocked) until no job of theirs is left. Each round activates every job of
 * the types that may have some, then handles them one at a time in job-key order (so handlers with side
 * effects run in a fixed order); their completions are queued to the engine together and commit as one batch.
 * Returns how many jobs were handled.
 */
export async function runWorkersUntilIdle(
  runtime: Runtime,
  workers: ReadonlyMap<string, JobWorker>,
  tracker: CaseTracker,
  context: WorkerContext,
): Promise<number> {
  let handled = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const types = tracker.takeTypesToPoll().filter((type) => workers.has(type));
    if (types.length === 0) return handled;
    const work: Array<{ job: ActivatedJob; worker: JobWorker }> = [];
    // All types are asked at once, so that their activations commit in one batch of the engine.
    await Promise.all(
      types.map(async (type) => {
        const worker = workers.get(type)!;
        for (;;) {
          const jobs = await runtime.activateJobs({ type, worker: WORKER_NAME, timeout: LOCK_MS, maxJobsToActivate: MAX_ACTIVATE, fetchVariables: worker.fetchVariables });
          for (const job of jobs) work.push({ job, worker });
          if (jobs.length < MAX_ACTIVATE) break;
        }
      }),
    );
    work.sort((a, b) => a.job.key - b.job.key);
    const outcomes = new QueuedJobOutcomes(runtime);
    for (const { job, worker } of work) await runJob(outcomes.runtime, worker, job, context);
    await outcomes.settle();
    handled += work.length;
  }
  throw new Error(`workers did not settle after ${MAX_ROUNDS} rounds: the process loops through worker tasks without waiting for anything`);
}

/**
 * The runtime as runJob sees it, except that completing, failing and throwing are queued on the engine
 * without waiting for each commit; settle() waits for all of them and rethrows the first refusal.
 */
class QueuedJobOutcomes {
  private readonly pending: Array<Promise<void>> = [];
  readonly runtime: Runtime;

  constructor(target: Runtime) {
    const queue = (command: Promise<void>): Promise<void> => {
      this.pending.push(command);
      return Promise.resolve();
    };
    this.runtime = new Proxy(target, {
      get(runtime, property) {
        if (property === 'completeJob') return (key: number, variables?: Record<string, unknown>) => queue(runtime.completeJob(key, variables));
        if (property === 'failJob') return (key: number, failure: Parameters<Runtime['failJob']>[1]) => queue(runtime.failJob(key, failure));
        if (property === 'throwError') {
          return (key: number, code: string, message?: string, variables?: Record<string, unknown>) => queue(runtime.throwError(key, code, message, variables));
        }
        const value = Reflect.get(runtime, property);
        return typeof value === 'function' ? value.bind(runtime) : value;
      },
    });
  }

  async settle(): Promise<void> {
    const results = await Promise.allSettled(this.pending);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (refused) throw refused.reason;
  }
}

import type { ActivatedJob, Runtime } from '../runtime/runtime-port.js';

/** What a worker's handler may end a job with, besides completing it. */
export class JobBpmnError extends Error {
  constructor(
    readonly errorCode: string,
    message = '',
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message || errorCode);
    this.name = 'JobBpmnError';
  }
}

export interface WorkerContext {
  /** The engine's time (virtual in simulations). */
  now(): number;
}

/**
 * A job worker that runs inside the server (built-in behaviour of task types `gongzhi.*`).
 * The handler returns the variables to complete with; a JobBpmnError throws a BPMN error;
 * anything else fails the job (retries − 1, with the message).
 */
export interface JobWorker {
  type: string;
  /** Variables to fetch (all when omitted). */
  fetchVariables?: string[];
  handle(job: ActivatedJob, context: WorkerContext): Promise<Record<string, unknown> | void> | Record<string, unknown> | void;
}

/** Ends one activated job according to what its handler did. */
export async function runJob(runtime: Runtime, worker: JobWorker, job: ActivatedJob, context: WorkerContext): Promise<void> {
  try {
    const variables = (await worker.handle(job, context)) ?? {};
    await runtime.completeJob(job.key, variables);
  } catch (error) {
    if (error instanceof JobBpmnError) {
      await runtime.throwError(job.key, error.errorCode, error.message, error.variables);
    } else {
      // An error may say how many retries are left: bad input (a modelling error) gives 0, an incident at once.
      const stated = (error as { retries?: unknown })?.retries;
      const retries = typeof stated === 'number' && Number.isInteger(stated) && stated >= 0 ? stated : Math.max(0, job.retries - 1);
      await runtime.failJob(job.key, { retries, errorMessage: error instanceof Error ? error.message : String(error) });
    }
  }
}

/**
 * Works every activatable job of the given workers until none is left (used where time is virtual:
 * simulations and tests). Returns how many jobs were handled.
 */
export async function drainWorkers(runtime: Runtime, workers: JobWorker[], context: WorkerContext, workerName = 'gongzhi'): Promise<number> {
  let handled = 0;
  for (let round = 0; round < 10_000; round++) {
    let progress = 0;
    for (const worker of workers) {
      const jobs = await runtime.activateJobs({ type: worker.type, worker: workerName, timeout: 300_000, maxJobsToActivate: 100, fetchVariables: worker.fetchVariables });
      for (const job of jobs) await runJob(runtime, worker, job, context);
      progress += jobs.length;
    }
    handled += progress;
    if (progress === 0) return handled;
  }
  throw new Error('built-in workers did not settle after 10,000 rounds (a process loops through worker tasks without waiting)');
}

/** Runs workers continuously with long polling (the server). Returns a function that stops them. */
export function startWorkers(runtime: Runtime, workers: JobWorker[], context: WorkerContext, workerName = 'gongzhi'): () => Promise<void> {
  let running = true;
  const loops = workers.map(async (worker) => {
    while (running) {
      try {
        const jobs = await runtime.activateJobs({
          type: worker.type,
          worker: workerName,
          timeout: 300_000,
          maxJobsToActivate: 32,
          fetchVariables: worker.fetchVariables,
          requestTimeout: 1000,
        });
        for (const job of jobs) await runJob(runtime, worker, job, context);
      } catch {
        if (!running) return;
        await new Promise((r) => setTimeout(r, 500)); // the engine is closing or busy: try again shortly
      }
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

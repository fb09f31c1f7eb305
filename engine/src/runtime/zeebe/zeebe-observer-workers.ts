/**
 * The workers that keep our read model in step with a Zeebe cluster: the history workers complete the history
 * listener jobs after recording them, and the task inbox activates job-based user tasks with a long timeout (again
 * after it runs out) so that each becomes one task in our store until the form completes the job.
 */
import { startWorkers, type JobWorker } from '../../workers/job-worker.js';
import { USER_TASK_JOB_TYPE } from '../embedded/bpmn/behaviours/job-behaviour.js';
import { HISTORY_END_JOB_TYPE, HISTORY_START_JOB_TYPE } from './history-listeners.js';
import type { ZeebeRuntime } from './zeebe-runtime.js';

export const TASK_INBOX_WORKER = 'gongzhi-tasklist';

/** Default lock on user-task jobs: long, since a person works on them; a lapsed lock is taken again, matched by key. */
export const DEFAULT_USER_TASK_JOB_TIMEOUT = 60 * 60 * 1000;

export function historyWorkers(runtime: ZeebeRuntime): JobWorker[] {
  return [
    { type: HISTORY_START_JOB_TYPE, handle: async (job) => void (await runtime.recordHistory(job, 'start')) },
    { type: HISTORY_END_JOB_TYPE, handle: async (job) => void (await runtime.recordHistory(job, 'end')) },
  ];
}

export interface ObserverOptions {
  userTaskJobTimeout?: number;
  /** How long one activation call waits for jobs (long polling). */
  pollTimeout?: number;
}

/** Starts the history workers and the task inbox; returns a function that stops them. */
export function startZeebeObservers(runtime: ZeebeRuntime, options: ObserverOptions = {}): () => Promise<void> {
  const stopHistory = startWorkers(runtime, historyWorkers(runtime), { now: () => runtime.clock.now() }, 'gongzhi-history');
  let running = true;
  const controller = new AbortController();
  const inbox = (async () => {
    while (running) {
      try {
        // Activating is what records the tasks (ZeebeRuntime.activateJobs); nothing else is done with them here.
        await runtime.activateJobs({
          type: USER_TASK_JOB_TYPE,
          worker: TASK_INBOX_WORKER,
          timeout: options.userTaskJobTimeout ?? DEFAULT_USER_TASK_JOB_TIMEOUT,
          maxJobsToActivate: 32,
          requestTimeout: options.pollTimeout ?? 1000,
          signal: controller.signal,
        });
      } catch {
        if (!running) return;
        await new Promise((r) => setTimeout(r, 500)); // the cluster is unreachable or closing: try again shortly
      }
    }
  })();
  return async () => {
    running = false;
    controller.abort();
    await Promise.all([stopHistory(), inbox]);
  };
}

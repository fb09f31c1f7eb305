/**
 * The workers that keep our read model in step with a Zeebe cluster: the history workers record the history
 * listener jobs (completing them on the way), and the task inbox activates job-based user tasks with a long timeout (again
 * after it runs out) so that each becomes one task in our store until the form completes the job.
 */
import { USER_TASK_JOB_TYPE } from '../embedded/bpmn/behaviours/job-behaviour.js';
import { HISTORY_END_JOB_TYPE, HISTORY_START_JOB_TYPE } from './history-listeners.js';
import type { ZeebeRuntime } from './zeebe-runtime.js';

export const TASK_INBOX_WORKER = 'gongzhi-tasklist';
export const HISTORY_WORKER = 'gongzhi-history';

/** Default lock on user-task jobs: long, since a person works on them; a lapsed lock is taken again, matched by key. */
export const DEFAULT_USER_TASK_JOB_TIMEOUT = 60 * 60 * 1000;

export interface ObserverOptions {
  userTaskJobTimeout?: number;
  /** How long one activation call waits for jobs (long polling). */
  pollTimeout?: number;
}

/** Starts the history workers and the task inbox; returns a function that stops them. */
export function startZeebeObservers(runtime: ZeebeRuntime, options: ObserverOptions = {}): () => Promise<void> {
  let running = true;
  const controller = new AbortController();
  const history = (['start', 'end'] as const).map(async (event) => {
    const type = event === 'start' ? HISTORY_START_JOB_TYPE : HISTORY_END_JOB_TYPE;
    while (running) {
      try {
        const jobs = await runtime.activateJobs({ type, worker: HISTORY_WORKER, timeout: 60_000, maxJobsToActivate: 32, requestTimeout: options.pollTimeout ?? 1000, signal: controller.signal });
        for (const job of jobs) {
          try {
            // recordHistory completes the job itself, between what was true before and what its completion makes true.
            await runtime.recordHistory(job, event);
          } catch (error) {
            await runtime.failJob(job.key, { retries: Math.max(0, job.retries - 1), errorMessage: error instanceof Error ? error.message : String(error) }).catch(() => {});
          }
        }
      } catch {
        if (!running) return;
        await new Promise((r) => setTimeout(r, 500)); // the cluster is unreachable or closing: try again shortly
      }
    }
  });
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
    await Promise.all([...history, inbox]);
  };
}

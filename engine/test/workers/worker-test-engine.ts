import { VirtualClock } from '../../src/clock/clock.js';
import { builtInWorkers } from '../../src/workers/built-in-workers.js';
import { drainWorkers, type JobWorker } from '../../src/workers/job-worker.js';
import { chain, end, escape, processXml, serviceTask, start } from '../support/bpmn-xml.js';
import { TestEngine } from '../support/test-engine.js';
import type { TestStore } from '../support/test-stores.js';

/** A test engine on a virtual clock with the built-in workers, worked off with drainWorkers. */
export interface WorkerTestEngine {
  t: TestEngine;
  workers: JobWorker[];
  /** Works every job of the built-in workers until none is left. */
  drain(): Promise<number>;
  worker(type: string): JobWorker;
  context: { now(): number };
}

export async function startWorkerEngine(testStore: TestStore, startAt?: number): Promise<WorkerTestEngine> {
  const t = await TestEngine.start(testStore, startAt === undefined ? new VirtualClock() : new VirtualClock(startAt));
  const workers = builtInWorkers({ db: t.store.db, clock: t.clock });
  const context = { now: () => t.clock.now() };
  return {
    t,
    workers,
    context,
    drain: () => drainWorkers(t.engine, workers, context),
    worker(type) {
      const found = workers.find((w) => w.type === type);
      if (!found) throw new Error(`no built-in worker for ${type}`);
      return found;
    },
  };
}

export function taskHeaders(headers: Record<string, string>): string {
  const entries = Object.entries(headers).map(([key, value]) => `<zeebe:header key="${escape(key)}" value="${escape(value)}" />`);
  return `<zeebe:taskHeaders>${entries.join('')}</zeebe:taskHeaders>`;
}

/** China time (UTC+8) wall-clock → epoch ms. */
export function chinaTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour - 8, minute, second);
}

/**
 * Starts a store and an engine once and runs a job through a worker, so that the first start (PGlite compiling
 * its WebAssembly, the BPMN parser loading) is paid in a beforeAll hook, whose time limit is longer than a test's.
 */
export async function warmUp(testStore: TestStore): Promise<void> {
  const w = await startWorkerEngine(testStore);
  try {
    await w.t.deploy(processXml('warm-up', [start(), serviceTask('tell', 'gongzhi.notify'), end(), chain('start', 'tell', 'end')].join('')));
    await w.t.start('warm-up', { notifyTo: 'nobody' });
    await w.t.activate('gongzhi.notify');
  } finally {
    await w.t.close();
  }
}

import { VirtualClock } from '../clock/clock.js';
import { createEngine, type EmbeddedEngine } from '../runtime/embedded/embedded-engine.js';
import type { DeployResource } from '../runtime/runtime-port.js';
import type { Store } from '../store/store.js';
import { addDuration, parseIsoDuration } from '../timer/index.js';
import { builtInWorkers } from '../workers/built-in-workers.js';
import type { JobWorker, WorkerContext } from '../workers/job-worker.js';
import { CaseTracker } from './case-tracker.js';
import { mockJobWorker } from './mock-job-worker.js';
import type { MockJob } from './scenario-file.js';
import type { SeededRandom } from './seeded-random.js';
import { runWorkersUntilIdle } from './worker-rounds.js';

export interface SessionOptions {
  /** An empty, migrated store (ScenarioStore hands them out); the session does not close it. */
  store: Store;
  resources: DeployResource[];
  /** Epoch ms the virtual clock starts at. */
  startTime: number;
  mockJobs: Record<string, MockJob>;
  /** What-if runs: draws mocked outcomes and values. */
  random?: SeededRandom;
}

/**
 * One isolated world for a simulation: an empty in-memory store, an embedded engine on a virtual clock with
 * every resource deployed, the built-in workers as production runs them (mocks for other job types, and
 * over built-in ones they name), and the record stream followed by a CaseTracker.
 */
export class SimulationSession {
  private constructor(
    readonly engine: EmbeddedEngine,
    readonly store: Store,
    readonly clock: VirtualClock,
    readonly tracker: CaseTracker,
    private readonly workers: ReadonlyMap<string, JobWorker>,
  ) {}

  static async open(options: SessionOptions): Promise<SimulationSession> {
    const { store } = options;
    const clock = new VirtualClock(options.startTime);
    const engine = await createEngine({ store, clock });
    const tracker = new CaseTracker();
    engine.subscribe(tracker.consume);
    const workers = new Map<string, JobWorker>();
    for (const worker of builtInWorkers({ db: store.db, clock })) workers.set(worker.type, worker);
    for (const [type, mock] of Object.entries(options.mockJobs)) workers.set(type, mockJobWorker(type, mock, options.random));
    const session = new SimulationSession(engine, store, clock, tracker, workers);
    try {
      if (options.resources.length > 0) await engine.deploy(options.resources);
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  get now(): number {
    return this.clock.now();
  }

  /** Fires what is due now and lets the workers do everything they can, until nothing is left at this time. */
  async settle(): Promise<void> {
    const context: WorkerContext = { now: () => this.clock.now() };
    for (let round = 0; round < 10_000; round++) {
      // A virtual clock schedules nothing by itself: timers due at this very moment (PT0S, a past date) fire here.
      const dueBefore = this.tracker.nextDue();
      if (dueBefore <= this.clock.now()) await this.engine.runDueWork();
      const handled = await runWorkersUntilIdle(this.engine, this.workers, this.tracker, context);
      const dueAfter = this.tracker.nextDue();
      if (handled === 0 && (dueAfter > this.clock.now() || dueAfter === dueBefore)) return;
    }
    throw new Error('the simulation does not settle: timers and jobs keep falling due at the same moment');
  }

  /**
   * Moves virtual time to `target`, stopping at every moment something falls due on the way (timers, job
   * back-offs) so that it fires at its own time and the workers act on it then, before time moves on.
   */
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      const due = this.tracker.nextDue();
      if (due > target) break;
      if (due > this.clock.now()) await this.engine.advanceTime(due - this.clock.now());
      await this.settle();
      if (this.tracker.nextDue() <= this.clock.now()) break; // nothing more can fire at this moment
    }
    if (target > this.clock.now()) await this.engine.advanceTime(target - this.clock.now());
    await this.settle();
  }

  /**
   * Moves the clock to `time`, which must not lie beyond the engine's next due moment (nextDue); what falls
   * due exactly then fires. Cheaper than advanceTo: no settling, and no store queries when nothing is due.
   */
  async advanceToNextDue(time: number): Promise<void> {
    const due = this.tracker.nextDue();
    if (due < time) throw new Error(`cannot skip past ${new Date(due).toISOString()}, when something falls due`);
    if (due === time) await this.engine.advanceTime(time - this.clock.now());
    else this.clock.set(time);
  }

  /** advanceTo after an ISO 8601 duration, counted in calendar terms (P1M is a month) in China time. */
  async advanceBy(duration: string): Promise<void> {
    await this.advanceTo(addDuration(this.clock.now(), parseIsoDuration(duration)));
  }

  /** Stops the engine; the store stays open for the next scenario. */
  async close(): Promise<void> {
    await this.engine.close();
  }
}

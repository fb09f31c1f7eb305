import { CompiledQuery, type Transaction } from 'kysely';
import type { Store } from '../../store/store.js';
import type { Clock } from '../../clock/clock.js';
import { SystemClock } from '../../clock/clock.js';
import type { EngineRecord } from '../../records/record.js';
import type {
  ActivateJobsRequest,
  AuditWriter,
  CreatedProcessInstance,
  CreateProcessInstance,
  PublishMessageCommand,
  RecordListener,
  Runtime,
} from '../runtime-port.js';
import { EngineRejection, invalidArgument, notFound } from '../engine-rejection.js';
import { Batch, type Step } from './batch.js';
import { Definitions } from './definitions.js';
import { EngineCaches } from './state/engine-state.js';
import { RuntimeTableVacuum } from './state/runtime-table-vacuum.js';
import { FIRST_KEY, SEQUENCE_BLOCK, Sequence } from './keys.js';
import { runActivation } from './bpmn/element-lifecycle.js';
import { assertSafeVariables } from './bpmn/behaviours/variable-behaviour.js';
import { projectRecords } from './projections/read-model-projector.js';
import { appendEncodedRecords, encodeRecordBatch, readRecords } from '../../records/record-store.js';
import { compileResources, deployCompiled, type DeployResource, type DeploymentResult } from './commands/deployment.js';
import { cancelProcessInstance, startProcessInstance } from './commands/process-instance-commands.js';
import { expireMessages, publishMessage } from './commands/message-correlation.js';
import { broadcastSignalInBatch } from './commands/signal-broadcast.js';
import {
  activateJobs,
  assignUserTask,
  completeJob,
  failJob,
  releaseDueJobs,
  throwJobError,
  updateJobRetries,
  updateJobTimeout,
  type ActivatedJob,
  type FailJob,
} from './commands/job-commands.js';
import { setVariables } from './commands/variable-commands.js';
import { resolveIncident } from './commands/incident-commands.js';
import { triggerTimer } from './commands/timer-commands.js';
import { modifyProcessInstance, type ProcessInstanceModification } from './commands/process-instance-modification.js';
import { deleteResource } from './commands/resource-deletion.js';
import { evaluateDeployedDecision, type DecisionEvaluationResult, type EvaluateDecisionCommand } from './commands/decision-commands.js';

export interface EngineOptions {
  store: Store;
  clock?: Clock;
  /** Most commands written in one transaction (group commit). */
  maxBatchSize?: number;
  /** How often (ms of real time) a real-clock engine looks for timed-out jobs, back-offs and expired messages. */
  pollInterval?: number;
  /** Where commands' audit records go (commands that bring one are refused without it). */
  audit?: AuditWriter;
}

interface QueuedCommand {
  run: (b: Batch) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Runs in a batch of its own (deployments change definitions in memory after commit). */
  exclusive: boolean;
}

/**
 * The embedded engine: commands are queued and processed one at a time (so commands on an
 * instance are serialised), in batches that each commit as one transaction (so commits are
 * batched). State lives in the store; nothing is acknowledged before it is committed.
 */
export class EmbeddedEngine implements Runtime {
  private readonly queue: QueuedCommand[] = [];
  private draining = false;
  private readonly listeners = new Set<RecordListener>();
  private readonly jobWaiters = new Map<string, Set<() => void>>();
  /** Commits that made jobs of a type activatable, counted: an activation compares it before and after its batch. */
  private readonly activatableCommits = new Map<string, number>();
  private dueTimer: NodeJS.Timeout | undefined;
  private dueTimerAt = Infinity;
  private poller: NodeJS.Timeout | undefined;
  private closed = false;
  private dueWorkRunning: Promise<void> | undefined;
  private readonly caches = new EngineCaches();
  private readonly vacuum: RuntimeTableVacuum;
  /** The key and position saved in engine_meta: those up to them may be used without saving again. */
  private reserved: { key: number; position: number };

  private constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly definitions: Definitions,
    private readonly keys: Sequence,
    private readonly positions: Sequence,
    private readonly maxBatchSize: number,
    private readonly audit: AuditWriter | undefined,
  ) {
    this.reserved = { key: keys.current, position: positions.current };
    this.vacuum = new RuntimeTableVacuum(store);
  }

  static async create(options: EngineOptions): Promise<EmbeddedEngine> {
    const { store } = options;
    const clock = options.clock ?? new SystemClock();
    const meta = await store.db.executeQuery<{ name: string; value: number }>(CompiledQuery.raw('SELECT name, value FROM engine_meta'));
    const value = (name: string, fallback: number): number => Number(meta.rows.find((r) => r.name === name)?.value ?? fallback);
    const definitions = await Definitions.load(store.db);
    const engine = new EmbeddedEngine(
      store,
      clock,
      definitions,
      new Sequence(value('key', FIRST_KEY - 1)),
      new Sequence(value('position', 0)),
      options.maxBatchSize ?? 500,
      options.audit,
    );
    if (!clock.virtual) {
      // Timers that fell due while the engine was down fire now, once.
      await engine.runDueWork();
      engine.poller = setInterval(() => void engine.runDueWork().catch(() => {}), options.pollInterval ?? 1000);
      engine.poller.unref();
      await engine.scheduleNextTimer();
    }
    return engine;
  }

  // --- the command loop ------------------------------------------------------------------------

  private enqueue<T>(run: (b: Batch) => Promise<T>, exclusive = false): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the engine is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject, exclusive });
      if (!this.draining) void this.drain();
    });
  }

  /**
   * Runs other writes (audit groups) in the next batch's transaction: they commit with the batch's commands and
   * cost no transaction of their own. If work throws, the batch is retried command by command, as for any failure.
   */
  withinBatch<T>(work: (trx: Transaction<any>) => Promise<T>): Promise<T> {
    return this.enqueue((b) => work(b.state.db));
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch: QueuedCommand[] = [];
        while (this.queue.length > 0 && batch.length < this.maxBatchSize) {
          if (this.queue[0].exclusive && batch.length > 0) break;
          const command = this.queue.shift()!;
          batch.push(command);
          if (command.exclusive) break;
        }
        await this.execute(batch);
        if (this.vacuum.due) {
          // Maintenance must not stop the engine: a failed vacuum is tried again after the next stretch of work.
          await this.vacuum.run().catch(() => {});
        }
        // PGlite answers within microtasks: without this, a steady stream of commands would starve
        // timers, sockets and everything else that waits for the event loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }

  private async execute(commands: QueuedCommand[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    let batch!: Batch;
    let reservation: { key: number; position: number } | undefined;
    try {
      await this.store.db.transaction().execute(async (trx) => {
        batch = new Batch(this.keys, this.positions, this.clock, this.definitions, this.caches);
        batch.state.bind(trx);
        for (const command of commands) {
          const auditMark = batch.audit.length;
          try {
            const value = await command.run(batch);
            await batch.drain((step) => this.runStep(batch, step));
            outcomes.push({ ok: true, value });
          } catch (error) {
            // A rejection is decided before a command changes anything; anything else spoils the batch.
            if (!(error instanceof EngineRejection)) throw error;
            batch.steps.length = 0;
            batch.audit.length = auditMark;
            outcomes.push({ ok: false, error });
          }
        }
        // Deflated on the thread pool while this thread writes the batch's state.
        const encodedRecords = encodeRecordBatch(batch.records.written);
        encodedRecords.catch(() => {}); // Awaited below; the flush may throw first.
        await batch.state.flush();
        if (batch.audit.length > 0) await this.audit!.appendWithin(trx, batch.audit);
        if (batch.records.written.length > 0) {
          await appendEncodedRecords(trx, await encodedRecords);
          await projectRecords(trx, batch.records.written, { activationsAreNew: true });
        }
        reservation = await this.reserveSequences(trx);
      });
    } catch (error) {
      if (commands.length > 1) {
        // Find the command at fault: run each alone, so the others still go through.
        for (const command of commands) await this.execute([command]);
      } else {
        commands[0].reject(error);
      }
      return;
    }
    if (reservation) this.reserved = reservation;
    this.vacuum.noteRecords(batch.records.written.length);
    batch.state.committed();
    for (const apply of batch.afterCommit) apply();
    commands.forEach((command, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) command.resolve(outcome.value);
      else command.reject(outcome.error);
    });
    this.afterCommit(batch);
  }

  /**
   * Keys and positions are saved ahead, a block at a time, not with every batch: a restart continues after the
   * saved block (a gap, which keys and positions may have), and most batches write one statement fewer.
   */
  private async reserveSequences(trx: Transaction<any>): Promise<{ key: number; position: number } | undefined> {
    if (this.keys.current <= this.reserved.key && this.positions.current <= this.reserved.position) return undefined;
    const reservation = { key: this.keys.current + SEQUENCE_BLOCK, position: this.positions.current + SEQUENCE_BLOCK };
    await trx.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO engine_meta (name, value) VALUES ('key', $1), ('position', $2)
         ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
        [reservation.key, reservation.position],
      ),
    );
    return reservation;
  }

  private async runStep(b: Batch, step: Step): Promise<void> {
    if (step.kind === 'activate') await runActivation(b, step.key);
    else await step.run();
  }

  private afterCommit(b: Batch): void {
    if (b.records.written.length > 0) {
      for (const listener of this.listeners) {
        try {
          listener(b.records.written);
        } catch {
          // A listener's failure must not affect the engine or other listeners.
        }
      }
    }
    for (const type of b.activatableJobTypes) {
      this.activatableCommits.set(type, (this.activatableCommits.get(type) ?? 0) + 1);
      const waiters = this.jobWaiters.get(type);
      if (!waiters) continue;
      this.jobWaiters.delete(type);
      for (const wake of waiters) wake();
    }
    if (b.earliestTimer < Infinity) this.scheduleTimerAt(b.earliestTimer);
  }

  // --- timers and other due work ---------------------------------------------------------------

  private scheduleTimerAt(at: number): void {
    if (this.clock.virtual || this.closed || at >= this.dueTimerAt) return;
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueTimerAt = at;
    const delay = Math.max(0, Math.min(at - this.clock.now(), 2 ** 31 - 1));
    this.dueTimer = setTimeout(() => {
      this.dueTimerAt = Infinity;
      this.dueTimer = undefined;
      void this.runDueWork()
        .then(() => this.scheduleNextTimer())
        .catch(() => {});
    }, delay);
    this.dueTimer.unref();
  }

  private async scheduleNextTimer(): Promise<void> {
    const next = await this.store.db.executeQuery<{ due: number | null }>(CompiledQuery.raw('SELECT min(due_date) AS due FROM timers'));
    const due = next.rows[0]?.due;
    if (due !== null && due !== undefined) this.scheduleTimerAt(Number(due));
  }

  /** Fires due timers in due order, releases timed-out and backed-off jobs, expires buffered messages. */
  runDueWork(): Promise<void> {
    if (!this.dueWorkRunning) {
      this.dueWorkRunning = this.dueWork().finally(() => (this.dueWorkRunning = undefined));
    }
    return this.dueWorkRunning;
  }

  private async dueWork(): Promise<void> {
    if (this.closed) return;
    const now = this.clock.now();
    const db = this.store.db;
    for (;;) {
      const due = await db.executeQuery<{ key: number }>(
        CompiledQuery.raw('SELECT key FROM timers WHERE due_date <= $1 ORDER BY due_date, key LIMIT 500', [now]),
      );
      if (due.rows.length === 0) break;
      await Promise.all(due.rows.map((r) => this.enqueue((b) => triggerTimer(b, Number(r.key)))));
    }
    const jobs = await db.executeQuery<{ n: number }>(
      CompiledQuery.raw(
        `SELECT count(*)::int AS n FROM jobs WHERE (state = 'ACTIVATED' AND deadline <= $1) OR (state = 'FAILED' AND recur_at <= $1)`,
        [now],
      ),
    );
    if (Number(jobs.rows[0]?.n) > 0) await this.enqueue((b) => releaseDueJobs(b));
    const messages = await db.executeQuery<{ n: number }>(
      CompiledQuery.raw('SELECT count(*)::int AS n FROM messages WHERE deadline <= $1', [now]),
    );
    if (Number(messages.rows[0]?.n) > 0) await this.enqueue((b) => expireMessages(b));
  }

  /**
   * Virtual time: moves the clock forward, firing everything that falls due on the way in order,
   * each at its own due time.
   */
  async advanceTime(ms: number): Promise<void> {
    const clock = this.clock as Clock & { set?: (t: number) => void };
    if (!this.clock.virtual || !clock.set) throw new Error('advanceTime needs a virtual clock');
    const target = this.clock.now() + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      const next = await this.store.db.executeQuery<{ due: number | null }>(
        CompiledQuery.raw(
          `SELECT min(t) AS due FROM (
             SELECT min(due_date) AS t FROM timers WHERE due_date <= $1
             UNION ALL SELECT min(deadline) FROM jobs WHERE state = 'ACTIVATED' AND deadline <= $1
             UNION ALL SELECT min(recur_at) FROM jobs WHERE state = 'FAILED' AND recur_at <= $1
             UNION ALL SELECT min(deadline) FROM messages WHERE deadline <= $1) AS d`,
          [target],
        ),
      );
      const due = next.rows[0]?.due;
      if (due === null || due === undefined) break;
      clock.set(Math.max(this.clock.now(), Number(due)));
      await this.runDueWork();
    }
    clock.set(target);
    await this.runDueWork();
  }

  // --- the Runtime port --------------------------------------------------------------------------

  async deploy(resources: DeployResource[]): Promise<DeploymentResult> {
    const compiled = await compileResources(resources);
    return this.enqueue((b) => deployCompiled(b, compiled), true);
  }

  /** Deletes a process definition, decision requirements graph or form by its key (Zeebe's DeleteResource). */
  async deleteResource(resourceKey: number): Promise<void> {
    if (!Number.isSafeInteger(resourceKey) || resourceKey <= 0) throw invalidArgument(`Expected a resource key (a positive whole number), but got '${resourceKey}'`);
    // A batch of its own: the definitions in memory change once it commits, before the next command runs.
    return this.enqueue((b) => deleteResource(b, resourceKey), true);
  }

  async createProcessInstance(command: CreateProcessInstance): Promise<CreatedProcessInstance> {
    const variables = safe(command.variables);
    if (command.audit && !this.audit) throw new Error('this engine has no audit log to record the creation in');
    return this.enqueue(async (b) => {
      const process = this.findProcess(command);
      const root = await startProcessInstance(b, process, {
        variables,
        startAt: command.startInstructions?.map((s) => s.elementId),
      });
      const created: CreatedProcessInstance = {
        processInstanceKey: root.key,
        bpmnProcessId: process.bpmnProcessId,
        version: process.version,
        processDefinitionKey: process.key,
      };
      if (command.audit) b.audit.push(command.audit(created));
      return created;
    });
  }

  private findProcess(command: CreateProcessInstance) {
    if (command.processDefinitionKey !== undefined) {
      const process = this.definitions.process(command.processDefinitionKey);
      if (!process || process.deleted) {
        throw notFound(`Expected to find process definition with key '${command.processDefinitionKey}', but none found`);
      }
      return process;
    }
    if (!command.bpmnProcessId) throw invalidArgument('Expected either a bpmnProcessId or a processDefinitionKey, but none given');
    const process =
      command.version !== undefined && command.version !== -1
        ? this.definitions.processVersion(command.bpmnProcessId, command.version)
        : this.definitions.latestProcess(command.bpmnProcessId);
    if (!process) {
      const version = command.version !== undefined && command.version !== -1 ? ` and version '${command.version}'` : '';
      throw notFound(`Expected to find process definition with process ID '${command.bpmnProcessId}'${version}, but none found`);
    }
    return process;
  }

  async cancelProcessInstance(processInstanceKey: number): Promise<void> {
    return this.enqueue((b) => cancelProcessInstance(b, processInstanceKey));
  }

  async publishMessage(command: PublishMessageCommand): Promise<{ messageKey: number }> {
    if (!command.name) throw invalidArgument('Expected a message name, but none given');
    const ttl = command.timeToLive ?? 0;
    if (!Number.isFinite(ttl) || ttl < 0) throw invalidArgument(`timeToLive must be ≥ 0 milliseconds, but was ${ttl}`);
    const variables = safe(command.variables);
    return this.enqueue((b) =>
      publishMessage(b, {
        name: command.name,
        correlationKey: command.correlationKey ?? '',
        timeToLive: ttl,
        messageId: command.messageId || undefined,
        variables,
      }),
    );
  }

  async broadcastSignal(signalName: string, variables?: Record<string, unknown>): Promise<{ signalKey: number }> {
    if (!signalName) throw invalidArgument('Expected a signal name, but none given');
    const vars = safe(variables);
    return this.enqueue((b) => broadcastSignalInBatch(b, signalName, vars));
  }

  async activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    if (!request.type) throw invalidArgument('Expected a job type, but none given');
    if (!Number.isInteger(request.maxJobsToActivate) || request.maxJobsToActivate < 1) {
      throw invalidArgument(`maxJobsToActivate must be a whole number ≥ 1, but was ${request.maxJobsToActivate}`);
    }
    if (!Number.isFinite(request.timeout) || request.timeout < 1) throw invalidArgument(`timeout must be ≥ 1 millisecond, but was ${request.timeout}`);
    const waitUntil = Date.now() + Math.max(0, request.requestTimeout ?? 0);
    const { signal } = request;
    for (;;) {
      if (signal?.aborted) return [];
      const commitsBefore = this.activatableCommits.get(request.type);
      const jobs = await this.enqueue((b) => (signal?.aborted ? Promise.resolve([]) : activateJobs(b, request)));
      const remaining = waitUntil - Date.now();
      if (jobs.length > 0 || remaining <= 0 || this.closed || signal?.aborted) return jobs;
      // A command later in the same batch (or a batch since) made jobs of the type activatable: its wake-up came
      // before this waiter could listen, so look again instead of waiting for the next one.
      if (this.activatableCommits.get(request.type) !== commitsBefore) continue;
      await this.waitForJobs(request.type, remaining, signal);
    }
  }

  private waitForJobs(type: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.jobWaiters.get(type) ?? new Set();
      this.jobWaiters.set(type, waiters);
      const wake = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      waiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  async completeJob(jobKey: number, variables?: Record<string, unknown>): Promise<void> {
    const vars = safe(variables);
    return this.enqueue((b) => completeJob(b, jobKey, vars));
  }

  async failJob(jobKey: number, failure: FailJob): Promise<void> {
    const vars = safe(failure.variables);
    return this.enqueue((b) => failJob(b, jobKey, { ...failure, variables: vars }));
  }

  async throwError(jobKey: number, errorCode: string, errorMessage = '', variables?: Record<string, unknown>): Promise<void> {
    const vars = safe(variables);
    return this.enqueue((b) => throwJobError(b, jobKey, errorCode, errorMessage, vars));
  }

  async updateJobRetries(jobKey: number, retries: number): Promise<void> {
    return this.enqueue((b) => updateJobRetries(b, jobKey, retries));
  }

  async updateJobTimeout(jobKey: number, timeout: number): Promise<void> {
    return this.enqueue((b) => updateJobTimeout(b, jobKey, timeout));
  }

  /** Assigns a user task to someone (or nobody: null). */
  async assignUserTask(userTaskKey: number, assignee: string | null): Promise<void> {
    return this.enqueue((b) => assignUserTask(b, userTaskKey, assignee));
  }

  async setVariables(elementInstanceKey: number, variables: Record<string, unknown>, local = false): Promise<{ key: number }> {
    const vars = safe(variables);
    return this.enqueue((b) => setVariables(b, elementInstanceKey, vars, local));
  }

  async resolveIncident(incidentKey: number): Promise<void> {
    return this.enqueue((b) => resolveIncident(b, incidentKey));
  }

  /** Activates and terminates elements of a running instance (Zeebe's ModifyProcessInstance, within the limits its command names). */
  async modifyProcessInstance(processInstanceKey: number, modification: ProcessInstanceModification): Promise<void> {
    const checked: ProcessInstanceModification = {
      terminateInstructions: modification.terminateInstructions,
      activateInstructions: modification.activateInstructions.map((a) => ({
        ...a,
        variableInstructions: a.variableInstructions?.map((v) => ({ scopeId: v.scopeId, variables: safe(v.variables) })),
      })),
    };
    return this.enqueue((b) => modifyProcessInstance(b, processInstanceKey, checked));
  }

  /** Evaluates a deployed decision on its own (Zeebe's EvaluateDecision); a failed evaluation is a result too. */
  async evaluateDecision(command: Omit<EvaluateDecisionCommand, 'variables'> & { variables?: Record<string, unknown> }): Promise<DecisionEvaluationResult> {
    const variables = safe(command.variables);
    return this.enqueue(async (b) => evaluateDeployedDecision(b, { ...command, variables }));
  }

  subscribe(listener: RecordListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records of one process instance (or all), in order, from the store. */
  async records(processInstanceKey?: number): Promise<EngineRecord[]> {
    return readRecords(this.store.db, { processInstanceKey });
  }

  /** Waits for queued commands to finish, then stops timers and polling. The store stays open (its owner closes it). */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.draining || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    await this.dueWorkRunning;
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    if (this.dueTimer) clearTimeout(this.dueTimer);
    for (const waiters of this.jobWaiters.values()) for (const wake of waiters) wake();
  }
}

function safe(variables: Record<string, unknown> | undefined): Record<string, unknown> {
  try {
    return assertSafeVariables(variables);
  } catch (error) {
    throw invalidArgument((error as Error).message);
  }
}

export async function createEngine(options: EngineOptions): Promise<EmbeddedEngine> {
  return EmbeddedEngine.create(options);
}

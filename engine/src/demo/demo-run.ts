import type { EngineRecord } from '../records/record.js';
import type { DeployResource } from '../runtime/runtime-port.js';
import type { JobView } from '../simulation/case-tracker.js';
import { USER_TASK_JOB_TYPE } from '../simulation/scripted-scenario-run.js';
import { SimulationSession } from '../simulation/simulation-session.js';
import { checkTaskForm } from '../simulation/task-form-check.js';
import { TimeAgenda } from '../simulation/time-agenda.js';
import type { Store } from '../store/store.js';
import type { DemoActor, DemoMessage, DemoPlan, DemoTask, DemoWait, DemoWorld } from './demo-actor.js';
import { onGrid } from './demo-timing.js';

/** A case that arrives at a moment, for one actor's process. */
export interface DemoArrival {
  actor: DemoActor;
  at: number;
}

export interface DemoRunOptions {
  /** A migrated store; the run opens an engine of its own on it (no other engine may run on it meanwhile). */
  store: Store;
  resources: DeployResource[];
  actors: ReadonlyArray<{ actor: DemoActor; world: DemoWorld }>;
  arrivals: readonly DemoArrival[];
  /** Epoch ms the virtual clock starts and stops at. */
  start: number;
  end: number;
  log?: (line: string) => void;
}

export interface DemoRunReport {
  /** Cases started, by process id. */
  cases: Record<string, number>;
  tasksCompleted: number;
  messagesPublished: number;
  /** Moments of virtual time the run stopped at (each costs a few engine batches; fewer is faster). */
  moments: number;
  /** What went wrong (a form refusing a planned submission, an incident, a step no actor knows). Empty when all went to plan. */
  problems: string[];
}

type Planned =
  | { kind: 'start'; arrival: DemoArrival }
  | { kind: 'complete'; job: JobView; caseKey: number; complete: (at: number) => Record<string, unknown> }
  | { kind: 'publish'; caseKey: number; publish: (at: number) => DemoMessage[] };

/**
 * The grid the run stops on for timers (minutes). Timers themselves fire at their own times (advanceTime); only
 * what they hand to workers (a reminder's notification) waits for the next stop.
 */
const TIMER_GRID_MINUTES = 240;
/** Tasks created in the last BACKLOG_DAYS are left open with probability BACKLOG_SHARE (work not done yet). */
const BACKLOG_DAYS = 30;
const BACKLOG_SHARE = 0.3;
/** Element types a case waits at for the outside world. */
const WAITS = new Set(['RECEIVE_TASK', 'INTERMEDIATE_CATCH_EVENT', 'EVENT_BASED_GATEWAY']);
const MAX_PROBLEMS = 50;

/**
 * Drives demo cases through the real engine on a virtual clock: cases arrive at their moments, actors plan what
 * people do at each user task and wait, and the plans are carried out in time order; timers fire at their own
 * times and the built-in workers (deadlines, case numbers, notifications, the tally) run as in production.
 * What is planned for one moment is issued together, so that it commits in one batch.
 */
export async function runDemo(options: DemoRunOptions): Promise<DemoRunReport> {
  const report: DemoRunReport = { cases: {}, tasksCompleted: 0, messagesPublished: 0, moments: 0, problems: [] };
  const problem = (text: string) => {
    if (report.problems.length < MAX_PROBLEMS) report.problems.push(text);
  };
  const session = await SimulationSession.open({ store: options.store, resources: options.resources, startTime: options.start, mockJobs: {} });
  const scopes = new ScopeIndex();
  const unsubscribe = session.engine.subscribe(scopes.consume);
  try {
    const worldOf = new Map(options.actors.map((a) => [a.actor, a.world]));
    for (const { actor } of options.actors) {
      if (!session.engine.definitions.latestProcess(actor.processId)) throw new Error(`the demo needs the process ${actor.processId}, which is not deployed`);
    }
    const stories = new Map<number, { actor: DemoActor; story: unknown }>();
    const handledWaits = new Set<number>();
    const agenda = new TimeAgenda<Planned>();
    for (const arrival of [...options.arrivals].sort((a, b) => a.at - b.at)) agenda.add(arrival.at, { kind: 'start', arrival });

    const schedule = (plans: DemoPlan[] | DemoPlan | undefined, caseKey: number, job?: JobView, world?: DemoWorld) => {
      for (const plan of plans === undefined ? [] : Array.isArray(plans) ? plans : [plans]) {
        const at = Math.max(plan.at, session.now);
        if (at > options.end) continue; // after "now": the step is still to be done
        if ('complete' in plan) {
          if (!job) throw new Error('a completion was planned for something that is not a task');
          // Recent work still in someone's inbox: the task stays open (overdue once its due date passes).
          if (world && job.createdAt > options.end - BACKLOG_DAYS * 86_400_000 && world.dice.chance(BACKLOG_SHARE)) continue;
          agenda.add(at, { kind: 'complete', job, caseKey, complete: plan.complete });
        } else {
          agenda.add(at, { kind: 'publish', caseKey, publish: plan.publish });
        }
      }
    };

    const react = () => {
      for (const job of session.tracker.takeCreatedJobs()) {
        if (job.type !== USER_TASK_JOB_TYPE || job.state !== 'OPEN') continue;
        const view = session.tracker.caseOf(job.processInstanceKey);
        const entry = view && stories.get(view.rootKey);
        if (!view || !entry) continue;
        if (!entry.actor.handles.has(job.elementId)) {
          problem(`${entry.actor.processId}: no demo behaviour for the user task ${job.elementId}`);
          continue;
        }
        const dueAt = job.dueDate ? Date.parse(job.dueDate) : undefined;
        const task: DemoTask = {
          elementId: job.elementId,
          jobKey: job.key,
          createdAt: job.createdAt,
          ...(dueAt !== undefined && Number.isFinite(dueAt) ? { dueAt } : {}),
          locals: scopes.localsOf(job.elementInstanceKey, job.processInstanceKey),
        };
        const world = worldOf.get(entry.actor)!;
        schedule(entry.actor.onTask(task, entry.story, view, world), view.rootKey, job, world);
      }
      for (const rootKey of scopes.takeTouched()) {
        const view = session.tracker.caseOf(rootKey);
        const entry = view && stories.get(view.rootKey);
        if (!view || !entry || view.state !== 'ACTIVE') continue;
        for (const element of view.active.values()) {
          if (!WAITS.has(element.bpmnElementType) || handledWaits.has(element.key)) continue;
          handledWaits.add(element.key);
          const wait: DemoWait = {
            elementId: element.elementId,
            elementInstanceKey: element.key,
            since: session.now,
            locals: scopes.localsOf(element.key, element.processInstanceKey),
          };
          schedule(entry.actor.onWait(wait, entry.story, view, worldOf.get(entry.actor)!), view.rootKey);
        }
      }
    };

    const carryOut = async (items: Planned[]) => {
      const commands: Array<Promise<unknown>> = [];
      const created: Array<Promise<number>> = [];
      const starts: Array<{ arrival: DemoArrival; story: unknown; key?: Promise<number> }> = [];
      const before = session.tracker.allCases().length;
      for (const item of items) {
        if (item.kind === 'start') {
          const { actor } = item.arrival;
          const { story, start } = actor.newCase(session.now, worldOf.get(actor)!);
          if (start.kind === 'create') {
            const key = session.engine.createProcessInstance({ bpmnProcessId: actor.processId, variables: start.variables }).then((c) => c.processInstanceKey);
            starts.push({ arrival: item.arrival, story, key });
            created.push(key);
            commands.push(key);
          } else {
            starts.push({ arrival: item.arrival, story });
            commands.push(session.engine.publishMessage({ name: start.name, correlationKey: start.correlationKey, variables: start.variables }));
            report.messagesPublished++;
          }
        } else if (item.kind === 'complete') {
          if (item.job.state !== 'OPEN') continue; // ended meanwhile (a boundary event, the case closed)
          const variables = item.complete(session.now);
          const rejection = checkTaskForm(session.engine.definitions, item.job.formKey, variables);
          if (rejection) {
            problem(`${item.job.elementId}: the form ${rejection.formId} refused ${JSON.stringify(variables)}: ${rejection.errors.map((e) => `${e.field || '/'} ${e.message}`).join('; ')}`);
            continue;
          }
          report.tasksCompleted++;
          commands.push(session.engine.completeJob(item.job.key, variables));
        } else {
          const view = session.tracker.caseOf(item.caseKey);
          if (!view || view.state !== 'ACTIVE') continue;
          for (const message of item.publish(session.now)) {
            report.messagesPublished++;
            commands.push(session.engine.publishMessage(message));
          }
        }
      }
      const results = await Promise.allSettled(commands);
      for (const r of results) if (r.status === 'rejected') problem(`the engine refused a demo step: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
      // The engine runs queued commands in order, so the instances start messages made appear in the order
      // the messages were published; those a create made are known by their key.
      const createdKeys = new Set((await Promise.allSettled(created)).flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
      const startedByMessage = new Map<string, number[]>();
      for (const view of session.tracker.allCases().slice(before)) {
        if (createdKeys.has(view.rootKey)) continue;
        const list = startedByMessage.get(view.bpmnProcessId) ?? [];
        list.push(view.rootKey);
        startedByMessage.set(view.bpmnProcessId, list);
      }
      for (const s of starts) {
        const key = s.key ? await s.key.catch(() => undefined) : startedByMessage.get(s.arrival.actor.processId)?.shift();
        if (key !== undefined) register(s.arrival.actor, s.story, key);
        else problem(`a demo case of ${s.arrival.actor.processId} did not start`);
      }
    };
    const register = (actor: DemoActor, story: unknown, key: number) => {
      stories.set(key, { actor, story });
      scopes.touch(key);
      report.cases[actor.processId] = (report.cases[actor.processId] ?? 0) + 1;
    };

    let lastReported = 0;
    let stalls = 0;
    for (;;) {
      // Timers fire at their own times inside advanceTime; the run stops for them on a grid, so that what they
      // start (notifications, new tasks) is worked together with what else falls due then.
      const due = session.tracker.nextDue();
      const next = Math.min(agenda.nextAt(), due === Infinity ? Infinity : onGrid(due, TIMER_GRID_MINUTES));
      if (next > options.end) break;
      stalls = next <= session.now && agenda.nextAt() > session.now ? stalls + 1 : 0;
      if (stalls > 100) throw new Error(`the demo run is stuck at ${new Date(session.now).toISOString()}: something stays due and never fires`);
      if (next > session.now) await session.engine.advanceTime(next - session.now);
      report.moments++;
      await carryOut(agenda.takeDue(session.now));
      await session.settle();
      react();
      if (options.log && session.now - lastReported > 30 * 86_400_000) {
        lastReported = session.now;
        options.log(`demo: ${new Date(session.now).toISOString().slice(0, 10)}, ${stories.size} cases so far`);
      }
    }
    await session.advanceTo(options.end);
    for (const view of session.tracker.allCases()) {
      for (const incident of view.openIncidents.values()) problem(`${view.bpmnProcessId} ${view.rootKey}: incident at ${incident.elementId}: ${incident.errorMessage}`);
    }
    return report;
  } finally {
    unsubscribe();
    await session.close();
  }
}

/**
 * Follows the record stream for what the case tracker does not keep: the flow scope of each live element
 * instance and the variables local to scopes below the process, so that an actor sees the department of a
 * multi-instance call or the unit of a parallel task; and which cases changed since the last look.
 */
class ScopeIndex {
  private readonly flowScope = new Map<number, number>();
  private readonly locals = new Map<number, Map<string, unknown>>();
  private touched = new Set<number>();

  readonly consume = (records: EngineRecord[]): void => {
    for (const r of records) {
      const v = r.value as Record<string, any>;
      if (r.processInstanceKey !== null) this.touched.add(r.processInstanceKey);
      if (r.valueType === 'PROCESS_INSTANCE') {
        if (r.intent === 'ELEMENT_ACTIVATING') {
          this.flowScope.set(r.key, Number(v.flowScopeKey));
        } else if (r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED') {
          this.flowScope.delete(r.key);
          this.locals.delete(r.key);
        }
      } else if (r.valueType === 'VARIABLE') {
        const scope = Number(v.scopeKey);
        if (scope === Number(v.processInstanceKey)) continue; // root variables: the case tracker has them
        let vars = this.locals.get(scope);
        if (!vars) this.locals.set(scope, (vars = new Map()));
        vars.set(String(v.name), v.value);
      }
    }
  };

  touch(processInstanceKey: number): void {
    this.touched.add(processInstanceKey);
  }

  /** Instances with new records since the last call. */
  takeTouched(): number[] {
    const out = [...this.touched];
    this.touched = new Set();
    return out;
  }

  /** The variables local to an element instance and its enclosing scopes up to (not including) the process. */
  localsOf(elementInstanceKey: number, processInstanceKey: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let key: number | undefined = elementInstanceKey;
    for (let depth = 0; key !== undefined && key !== processInstanceKey && key > 0 && depth < 50; depth++) {
      for (const [name, value] of this.locals.get(key) ?? []) if (!(name in out)) out[name] = value;
      key = this.flowScope.get(key);
    }
    return out;
  }
}

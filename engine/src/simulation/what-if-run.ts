import type { ExecutableProcess } from '../model/executable-process.js';
import type { DeployResource } from '../runtime/runtime-port.js';
import type { Store } from '../store/store.js';
import type { CaseView, CoveredIds, JobView } from './case-tracker.js';
import { fixedDurationMs } from './fixed-duration.js';
import type { JsonObject, WhatIfScenario } from './scenario-file.js';
import { USER_TASK_JOB_TYPE, type ScenarioOutcome } from './scripted-scenario-run.js';
import { SeededRandom } from './seeded-random.js';
import { SimulationSession } from './simulation-session.js';
import { checkTaskForm } from './task-form-check.js';
import { TimeAgenda } from './time-agenda.js';
import { generate } from './value-generator.js';
import { summarizeWhatIf } from './what-if-summary.js';

type Planned = { kind: 'start'; index: number; variables: JsonObject } | { kind: 'complete'; job: JobView; variables: JsonObject };

/** Progress of a what-if run: cases finished so far. */
export type WhatIfProgress = (finished: number, runs: number) => void;

class WhatIfStop extends Error {}

/**
 * Runs a what-if scenario: `runs` cases of one process on ONE store and engine, on virtual time. Values are
 * drawn from the scenario's generators with a seeded random (the same seed gives the same report). Case starts
 * and user-task completions fall on a grid of `resolution` from the start time, so that what happens at one
 * moment commits in one batch — that is what makes a thousand cases take seconds. Timers fire at their own
 * times; built-in workers and mocks act at once. The run ends when nothing is planned or due any more, or
 * `horizon` after the last start.
 */
export async function runWhatIf(
  scenario: WhatIfScenario,
  file: string,
  process: ExecutableProcess,
  resources: DeployResource[],
  store: Store,
  progress?: WhatIfProgress,
): Promise<ScenarioOutcome> {
  const random = new SeededRandom(scenario.seed);
  const session = await SimulationSession.open({ store, resources, startTime: scenario.startTime, mockJobs: scenario.mockJobs, random });
  const cases: CaseView[] = [];
  const fail = (message: string) => ({
    report: { name: scenario.name, file, passed: false, path: [], failure: { step: 0, action: 'whatIf', message } },
    coverage: mergedCoverage(cases),
  });
  try {
    const origin = scenario.startTime;
    const onGrid = (t: number) => origin + Math.ceil((t - origin) / scenario.resolution) * scenario.resolution;
    const agenda = new TimeAgenda<Planned>();
    // Start values are drawn in case order before anything runs, so they do not depend on how cases interleave.
    for (let index = 0; index < scenario.runs; index++) {
      agenda.add(onGrid(origin + index * scenario.startEvery), { kind: 'start', index, variables: generate(scenario.start.variables, random) as JsonObject });
    }
    const stopAt = onGrid(origin + (scenario.runs - 1) * scenario.startEvery) + scenario.horizon;
    let reported = 0;
    let stalls = 0;
    let last = { next: NaN, now: NaN };

    for (;;) {
      const next = Math.min(agenda.nextAt(), session.tracker.nextDue());
      if (next === Infinity || next > stopAt) break;
      // Something due that neither the engine nor the plan clears would loop here for ever.
      stalls = next === last.next && session.now === last.now ? stalls + 1 : 0;
      if (stalls > 100) throw new WhatIfStop(`the run is stuck at ${new Date(session.now).toISOString()}: something stays due and never fires`);
      last = { next, now: session.now };
      if (next > session.now) await session.advanceToNextDue(next);
      await carryOut(agenda.takeDue(session.now), scenario, process.bpmnProcessId, session, cases);
      await session.settle();
      for (const job of session.tracker.takeCreatedJobs()) {
        if (job.type !== USER_TASK_JOB_TYPE || job.state !== 'OPEN') continue;
        const behaviour = scenario.userTasks[job.elementId] ?? scenario.userTasks['*'];
        if (!behaviour) throw new WhatIfStop(`user task ${job.elementId} was reached, but userTasks says nothing of it: give its duration (or a '*' entry for all tasks)`);
        const drawn = generate(behaviour.duration, random);
        let duration: number;
        try {
          duration = fixedDurationMs(String(drawn));
        } catch (error) {
          throw new WhatIfStop(`userTasks.${job.elementId}.duration drew ${JSON.stringify(drawn)}: ${(error as Error).message}`);
        }
        agenda.add(onGrid(job.createdAt + duration), { kind: 'complete', job, variables: generate(behaviour.variables, random) as JsonObject });
      }
      const finished = cases.filter((c) => c.state !== 'ACTIVE').length;
      if (progress && finished !== reported) {
        reported = finished;
        progress(finished, scenario.runs);
      }
    }

    const whatIf = summarizeWhatIf({
      runs: scenario.runs,
      seed: scenario.seed,
      cases,
      stoppedAt: session.now,
      process,
      cycleTimeLimits: scenario.deadlines,
    });
    return { report: { name: scenario.name, file, passed: true, path: [], whatIf }, coverage: mergedCoverage(cases) };
  } catch (error) {
    if (error instanceof WhatIfStop) return fail(error.message);
    return fail(`the run stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await session.close();
  }
}

/** Issues everything planned for this moment together (one batch), in plan order. */
async function carryOut(planned: Planned[], scenario: WhatIfScenario, bpmnProcessId: string, session: SimulationSession, cases: CaseView[]): Promise<void> {
  if (planned.length === 0) return;
  const engine = session.engine;
  const before = session.tracker.allCases().length;
  const commands: Array<Promise<unknown>> = [];
  const created: Array<Promise<number>> = [];
  let messages = 0;
  for (const item of planned) {
    if (item.kind === 'start') {
      const start = scenario.start;
      if (start.kind === 'variables') {
        const command = engine.createProcessInstance({ bpmnProcessId, variables: item.variables }).then((c) => c.processInstanceKey);
        created.push(command);
        commands.push(command);
      } else {
        // Message start events allow one open instance per correlation key: each case gets a key of its own.
        const correlationKey = start.correlationKey === undefined ? undefined : `${start.correlationKey}-${item.index + 1}`;
        commands.push(engine.publishMessage({ name: start.name, correlationKey, variables: item.variables }));
        messages++;
      }
      continue;
    }
    const { job } = item;
    if (job.state !== 'OPEN') continue; // ended meanwhile: a boundary event interrupted the task
    const rejection = checkTaskForm(engine.definitions, job.formKey, item.variables);
    if (rejection) {
      throw new WhatIfStop(
        `completing ${job.elementId} with ${JSON.stringify(item.variables)} was rejected by its form ${rejection.formId}: ${rejection.errors.map((e) => `${e.field || '/'}: ${e.message}`).join('; ')}`,
      );
    }
    commands.push(engine.completeJob(job.key, item.variables));
  }
  const results = await Promise.allSettled(commands);
  const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (refused) throw new WhatIfStop(refused.reason instanceof Error ? refused.reason.message : String(refused.reason));
  for (const key of await Promise.all(created)) cases.push(session.tracker.caseOf(key)!);
  if (messages > 0) {
    const started = session.tracker.allCases().slice(before).filter((c) => c.bpmnProcessId === bpmnProcessId);
    if (started.length < messages) {
      throw new WhatIfStop(`${messages - started.length} of ${messages} start messages '${scenario.start.kind === 'message' ? scenario.start.name : ''}' started no instance of ${bpmnProcessId}`);
    }
    cases.push(...started);
  }
}

function mergedCoverage(cases: readonly CaseView[]): Map<string, CoveredIds> {
  const merged = new Map<string, CoveredIds>();
  for (const c of cases) {
    for (const [id, covered] of c.coverage) {
      const into = merged.get(id) ?? { elements: new Set<string>(), flows: new Set<string>() };
      merged.set(id, into);
      for (const e of covered.elements) into.elements.add(e);
      for (const f of covered.flows) into.flows.add(f);
    }
  }
  return merged;
}

import type { DeployResource } from '../runtime/runtime-port.js';
import type { Store } from '../store/store.js';
import type { CaseView, CoveredIds, JobView } from './case-tracker.js';
import { checkExpectation } from './expectation-check.js';
import type { ScenarioStep, ScriptedScenario, StartSpec } from './scenario-file.js';
import type { ScenarioFailure, ScenarioReport } from './simulation-report.js';
import { SimulationSession } from './simulation-session.js';
import { checkTaskForm } from './task-form-check.js';

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

/** A scenario's report together with what it covered, by bpmnProcessId (for the process's coverage). */
export interface ScenarioOutcome {
  report: ScenarioReport;
  coverage: ReadonlyMap<string, CoveredIds>;
}

/** Ends a scenario at the step that failed. */
class StepFailure extends Error {
  constructor(readonly failure: ScenarioFailure) {
    super(failure.message);
  }
}

/**
 * Runs a scripted scenario in a session of its own (an empty store: nothing of another scenario is visible):
 * starts the instance, runs the steps in order with the workers settling after each, and stops at the first
 * step that fails. Unless the scenario expects incidents somewhere, an incident fails the step that raised it.
 */
export async function runScriptedScenario(
  scenario: ScriptedScenario,
  file: string,
  bpmnProcessId: string,
  resources: DeployResource[],
  store: Store,
): Promise<ScenarioOutcome> {
  const session = await SimulationSession.open({ store, resources, startTime: scenario.startTime, mockJobs: scenario.mockJobs });
  const watchIncidents = !scenario.steps.some((s) => s.action === 'expect' && s.expect.incidents !== undefined);
  let view: CaseView | undefined;
  const outcome = (failure?: ScenarioFailure): ScenarioOutcome => ({
    report: { name: scenario.name, file, passed: failure === undefined, path: [...(view?.path ?? [])], ...(failure ? { failure } : {}) },
    coverage: view?.coverage ?? new Map(),
  });
  try {
    view = await attempt(0, 'start', async () => {
      const started = await start(session, scenario.start, bpmnProcessId);
      await session.settle();
      return started;
    });
    if (watchIncidents) checkNoIncident(view, 0, 'start');
    for (let i = 0; i < scenario.steps.length; i++) {
      const step = scenario.steps[i];
      await attempt(i + 1, step.action, async () => {
        await runStep(session, view!, step, i + 1);
        await session.settle();
      });
      if (watchIncidents) checkNoIncident(view, i + 1, step.action);
    }
    return outcome();
  } catch (error) {
    if (error instanceof StepFailure) return outcome(error.failure);
    throw error;
  } finally {
    await session.close();
  }
}

/** Runs a step's work; whatever goes wrong in it (the engine refusing a command, a worker crashing) fails that step. */
async function attempt<T>(step: number, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    throw new StepFailure({ step, action, message: error instanceof Error ? error.message : String(error) });
  }
}

async function start(session: SimulationSession, spec: StartSpec, bpmnProcessId: string): Promise<CaseView> {
  if (spec.kind === 'variables') {
    const created = await session.engine.createProcessInstance({ bpmnProcessId, variables: spec.variables });
    return session.tracker.caseOf(created.processInstanceKey)!;
  }
  const before = session.tracker.allCases().length;
  await session.engine.publishMessage({ name: spec.name, correlationKey: spec.correlationKey, variables: spec.variables });
  const started = session.tracker.allCases().slice(before).find((c) => c.bpmnProcessId === bpmnProcessId);
  if (!started) {
    throw new StepFailure({
      step: 0,
      action: 'start',
      message: `the message '${spec.name}'${spec.correlationKey ? ` (correlation key '${spec.correlationKey}')` : ''} started no instance of ${bpmnProcessId}: it has no message start event of that name`,
    });
  }
  return started;
}

function checkNoIncident(view: CaseView, step: number, action: string): void {
  if (view.openIncidents.size === 0) return;
  const incidents = [...view.openIncidents.values()].map((i) => ({ elementId: i.elementId, errorType: i.errorType, errorMessage: i.errorMessage }));
  throw new StepFailure({
    step,
    action,
    message: `unexpected incident${incidents.length > 1 ? 's' : ''}: ${incidents.map((i) => `at ${i.elementId} (${i.errorType}): ${i.errorMessage}`).join('; ')} — add expect: { incidents: ${incidents.length} } if this is intended`,
    expected: { incidents: 0 },
    found: { incidents },
  });
}

async function runStep(session: SimulationSession, view: CaseView, step: ScenarioStep, index: number): Promise<void> {
  const engine = session.engine;
  const fail = (message: string, expected?: unknown, found?: unknown): never => {
    throw new StepFailure({ step: index, action: step.action, message, ...(expected !== undefined ? { expected, found } : {}) });
  };
  switch (step.action) {
    case 'expect': {
      const mismatch = checkExpectation(step.expect, view);
      if (mismatch) fail(mismatch.message, mismatch.expected, mismatch.found);
      return;
    }
    case 'completeTask': {
      const job = openJob(view, USER_TASK_JOB_TYPE, step.element) ?? fail(`no user task is open at ${step.element}; the instance waits at ${ids(view.activeElementIds())}`);
      const rejection = checkTaskForm(engine.definitions, job.formKey, step.variables);
      if (rejection) {
        const fields = rejection.errors.map((e) => `${e.field || '/'}: ${e.message}`).join('; ');
        fail(`completing ${step.element} was rejected by its form ${rejection.formId}: ${fields}`, { form: rejection.formId }, { errors: rejection.errors });
      }
      await engine.completeJob(job.key, step.variables);
      return;
    }
    case 'completeJob': {
      const job = openJob(view, step.type, step.element) ?? fail(noJob(view, step.type, step.element));
      await engine.completeJob(job.key, step.variables);
      return;
    }
    case 'throwError': {
      const job = openJob(view, step.type, step.element) ?? fail(noJob(view, step.type, step.element));
      await engine.throwError(job.key, step.errorCode, step.errorMessage ?? '', step.variables);
      return;
    }
    case 'failJob': {
      const job = openJob(view, step.type, step.element) ?? fail(noJob(view, step.type, step.element));
      await engine.failJob(job.key, { retries: step.retries, errorMessage: step.errorMessage });
      return;
    }
    case 'publishMessage':
      await engine.publishMessage({ name: step.name, correlationKey: step.correlationKey, timeToLive: step.timeToLive, variables: step.variables });
      return;
    case 'broadcastSignal':
      await engine.broadcastSignal(step.name, step.variables);
      return;
    case 'advanceTime':
      await session.advanceBy(step.duration);
      return;
  }
}

/** The open job of a type (at an element), lowest key first: with several (multi-instance), the oldest. */
function openJob(view: CaseView, type: string, elementId: string | undefined): JobView | undefined {
  return view.openJobs().find((j) => j.type === type && (elementId === undefined || j.elementId === elementId));
}

function noJob(view: CaseView, type: string, elementId: string | undefined): string {
  const open = view.openJobs().map((j) => `${j.type} at ${j.elementId}`);
  return `no job of type ${type}${elementId ? ` is open at ${elementId}` : ' is open'}; open jobs: ${open.length ? open.join(', ') : '(none)'}`;
}

function ids(list: string[]): string {
  return list.length ? `[${list.join(', ')}]` : '(nothing)';
}

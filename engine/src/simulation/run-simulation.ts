import type { ExecutableProcess, FlowNode } from '../model/executable-process.js';
import { EngineRejection } from '../runtime/engine-rejection.js';
import { compileResources } from '../runtime/embedded/commands/deployment.js';
import type { DeploymentProblem } from '../deployment/deployment-problem.js';
import type { DeployResource } from '../runtime/runtime-port.js';
import type { CoveredIds } from './case-tracker.js';
import { processCoverage } from './process-coverage.js';
import { parseScenarioFile, type Scenario, type ScenarioFile } from './scenario-file.js';
import { runScriptedScenario, type ScenarioOutcome } from './scripted-scenario-run.js';
import { SimulationInputError, type InputProblem } from './simulation-input-error.js';
import type { ProcessReport, ScenarioReport, SimulationReport } from './simulation-report.js';
import { runWhatIf } from './what-if-run.js';
import { ScenarioStore } from './scenario-store.js';

/** A file by name and content: a .bpmn, .dmn or .form.json resource, or a scenario file. */
export interface SimulationResource {
  name: string;
  content: string | Uint8Array;
}

export interface SimulationRequest {
  /** Every BPMN, DMN and form the scenarios need; all are deployed into each scenario's fresh store. */
  resources?: SimulationResource[];
  /** Scenario files (YAML, or JSON when the name ends in .json). */
  scenarioFiles: SimulationResource[];
  onProgress?: (event: SimulationProgress) => void;
}

export type SimulationProgress =
  | { kind: 'scenario-started'; bpmnProcessId: string; file: string; scenario: string; index: number; total: number }
  | { kind: 'scenario-finished'; bpmnProcessId: string; index: number; total: number; report: ScenarioReport }
  | { kind: 'what-if-cases'; bpmnProcessId: string; scenario: string; finished: number; runs: number };

/**
 * Runs every scenario of the given files and reports per process: each scenario passed or failed (with the
 * step, what was expected and found, and the path taken), element and sequence-flow coverage over the
 * process's scenarios, and the distributions of what-if runs. Scenarios run one after another, each in an
 * in-memory store emptied for it and an engine of its own. Throws SimulationInputError, listing every problem,
 * when a file does not parse, a resource does not deploy or a scenario names a process or element that does
 * not exist.
 */
export async function runSimulation(request: SimulationRequest): Promise<SimulationReport> {
  checkRequest(request);
  const resources: DeployResource[] = (request.resources ?? []).map((r) => ({ name: r.name, content: r.content }));
  const processes = await compiledProcesses(resources);

  const problems: InputProblem[] = [];
  const files: ScenarioFile[] = [];
  for (const file of request.scenarioFiles) {
    try {
      files.push(parseScenarioFile(file.name, file.content));
    } catch (error) {
      if (!(error instanceof SimulationInputError)) throw error;
      problems.push(...error.problems);
    }
  }
  for (const file of files) problems.push(...referenceProblems(file, processes));
  if (problems.length > 0) throw new SimulationInputError(problems);

  // One entry per process, in the order the files name them.
  const byProcess = new Map<string, Array<{ file: string; scenario: Scenario }>>();
  for (const file of files) {
    const list = byProcess.get(file.process) ?? [];
    byProcess.set(file.process, list);
    for (const scenario of file.scenarios) list.push({ file: file.name, scenario });
  }
  const total = [...byProcess.values()].reduce((n, list) => n + list.length, 0);
  const progress = request.onProgress ?? (() => {});
  let index = 0;

  const store = new ScenarioStore();
  const runProcess = async (bpmnProcessId: string, scenarios: Array<{ file: string; scenario: Scenario }>): Promise<ProcessReport> => {
    const process = processes.get(bpmnProcessId)!;
    const reports: ScenarioReport[] = [];
    const covered: CoveredIds[] = [];
    for (const { file, scenario } of scenarios) {
      index++;
      progress({ kind: 'scenario-started', bpmnProcessId, file, scenario: scenario.name, index, total });
      const outcome: ScenarioOutcome =
        scenario.kind === 'scripted'
          ? await runScriptedScenario(scenario, file, bpmnProcessId, resources, await store.take())
          : await runWhatIf(scenario, file, process, resources, await store.take(), (finished, runs) =>
              progress({ kind: 'what-if-cases', bpmnProcessId, scenario: scenario.name, finished, runs }),
            );
      reports.push(outcome.report);
      const ids = outcome.coverage.get(bpmnProcessId);
      if (ids) covered.push(ids);
      progress({ kind: 'scenario-finished', bpmnProcessId, index, total, report: outcome.report });
    }
    const passed = reports.filter((r) => r.passed).length;
    return { bpmnProcessId, passed, failed: reports.length - passed, ...processCoverage(process, covered), scenarios: reports };
  };

  const report: SimulationReport = { processes: [] };
  try {
    for (const [bpmnProcessId, scenarios] of byProcess) report.processes.push(await runProcess(bpmnProcessId, scenarios));
  } finally {
    await store.close();
  }
  return report;
}

function checkRequest(request: SimulationRequest): void {
  const problems: InputProblem[] = [];
  const checkFiles = (list: unknown, what: string, required: boolean) => {
    if (list === undefined && !required) return;
    if (!Array.isArray(list) || (required && list.length === 0)) {
      problems.push({ file: '(request)', path: what, message: required ? 'expected a list of at least one { name, content }' : 'expected a list of { name, content }' });
      return;
    }
    list.forEach((file, i) => {
      const ok = typeof file === 'object' && file !== null && typeof file.name === 'string' && file.name !== '' && (typeof file.content === 'string' || file.content instanceof Uint8Array);
      if (!ok) problems.push({ file: '(request)', path: `${what}[${i}]`, message: 'expected { name: a non-empty text, content: text or bytes }' });
    });
  };
  if (typeof request !== 'object' || request === null) {
    throw new SimulationInputError([{ file: '(request)', path: '', message: 'expected { resources?, scenarioFiles }' }]);
  }
  checkFiles(request.scenarioFiles, 'scenarioFiles', true);
  checkFiles(request.resources, 'resources', false);
  if (problems.length > 0) throw new SimulationInputError(problems);
}

/** Compiles the resources as deployment will (so a broken one is reported before anything runs); the processes by id. */
async function compiledProcesses(resources: DeployResource[]): Promise<Map<string, ExecutableProcess>> {
  const processes = new Map<string, ExecutableProcess>();
  if (resources.length === 0) return processes;
  try {
    for (const compiled of await compileResources(resources)) {
      if (compiled.kind === 'bpmn') for (const process of compiled.processes) processes.set(process.bpmnProcessId, process);
    }
  } catch (error) {
    if (!(error instanceof EngineRejection)) throw error;
    const details = Array.isArray(error.details) ? (error.details as DeploymentProblem[]) : [];
    throw new SimulationInputError(
      details.length > 0
        ? details.map((p) => ({
            file: p.resourceName,
            path: [p.elementId && `element ${p.elementId}`, p.line && `line ${p.line}${p.column ? `, column ${p.column}` : ''}`].filter(Boolean).join(' '),
            message: p.message,
          }))
        : [{ file: '(resources)', path: '', message: error.message }],
    );
  }
  return processes;
}

/** Ids a scenario file names that no given process has: a typo there would make an expectation pass or fail for the wrong reason. */
function referenceProblems(file: ScenarioFile, processes: Map<string, ExecutableProcess>): InputProblem[] {
  const problems: InputProblem[] = [];
  const report = (path: string, message: string) => problems.push({ file: file.name, path, message });
  if (!processes.has(file.process)) {
    const known = [...processes.keys()];
    report('process', `no given resource defines a process '${file.process}'${known.length ? `; processes given: ${known.join(', ')}` : '; no BPMN resources were given'}`);
    return problems;
  }
  const elements = new Map<string, FlowNode>();
  for (const process of processes.values()) for (const element of process.elements.values()) if (element.kind !== 'process') elements.set(element.id, element);
  const element = (id: string, path: string, kind?: FlowNode['kind']) => {
    const found = elements.get(id);
    if (!found) report(path, `no element '${id}' in ${file.process} or the other processes given`);
    else if (kind && found.kind !== kind) report(path, `'${id}' is a ${found.kind}, not a ${kind}`);
  };
  file.scenarios.forEach((scenario, s) => {
    const at = `scenarios[${s}]`;
    if (scenario.kind === 'whatIf') {
      for (const id of Object.keys(scenario.userTasks)) if (id !== '*') element(id, `${at}.userTasks.${id}`, 'userTask');
      return;
    }
    scenario.steps.forEach((step, i) => {
      const path = `${at}.steps[${i}].${step.action}`;
      if (step.action === 'completeTask') element(step.element, `${path}.element`, 'userTask');
      else if ((step.action === 'completeJob' || step.action === 'throwError' || step.action === 'failJob') && step.element) element(step.element, `${path}.element`);
      else if (step.action === 'expect') {
        for (const key of ['waitingAt', 'passed', 'notPassed'] as const) step.expect[key]?.forEach((id, k) => element(id, `${path}.${key}[${k}]`));
        if (step.expect.endEvent) element(step.expect.endEvent, `${path}.endEvent`, 'endEvent');
      }
    });
  });
  return problems;
}

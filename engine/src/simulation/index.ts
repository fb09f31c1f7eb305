/**
 * Process simulation for testers: scenario files run on the embedded engine with a virtual clock, each in an
 * isolated in-memory store, with assertions, coverage and what-if runs. The CLI (engine/bin/simulate.ts), the
 * REST route and the designer's 模拟 page all call runSimulation.
 */
export { runSimulation, type SimulationRequest, type SimulationResource, type SimulationProgress } from './run-simulation.js';
export type {
  SimulationReport,
  ProcessReport,
  ScenarioReport,
  ScenarioFailure,
  WhatIfReport,
  CycleTimeSummary,
  DeadlineBreaches,
} from './simulation-report.js';
export { SimulationInputError, type InputProblem } from './simulation-input-error.js';
export {
  parseScenarioFile,
  DEFAULT_START_TIME,
  type ScenarioFile,
  type Scenario,
  type ScriptedScenario,
  type WhatIfScenario,
  type ScenarioStep,
  type Expectation,
  type MockJob,
} from './scenario-file.js';
export { collectSimulationFiles, isScenarioFileName, type SimulationFiles } from './simulation-files.js';
export { latestDeployedResources } from './deployed-resources.js';

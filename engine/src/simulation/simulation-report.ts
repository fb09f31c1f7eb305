/**
 * The report a simulation gives back — printed by the CLI (`--json`: as its last line), returned by the REST
 * route and drawn by the designer's 模拟 page. Everything in it follows from the inputs: two runs of the same
 * files give the same report.
 */
export interface SimulationReport {
  processes: ProcessReport[];
}

export interface ProcessReport {
  bpmnProcessId: string;
  /** Scenarios that passed and failed. */
  passed: number;
  failed: number;
  /** Share (0..1) of the process's flow nodes entered by at least one scenario; boundary events and event sub-process starts count. */
  elementCoverage: number;
  /** Share (0..1) of its sequence flows taken by at least one scenario. */
  flowCoverage: number;
  takenElements: string[];
  untakenElements: string[];
  takenFlows: string[];
  untakenFlows: string[];
  scenarios: ScenarioReport[];
}

export interface ScenarioReport {
  name: string;
  /** The scenario file it came from. */
  file: string;
  passed: boolean;
  /** Element ids as entered and sequence flow ids as taken in the process instance, in order (empty for what-if runs). */
  path: string[];
  failure?: ScenarioFailure;
  whatIf?: WhatIfReport;
}

export interface ScenarioFailure {
  /** 1-based index of the failing step; 0 is the start (and a what-if run as a whole). */
  step: number;
  /** The step's action (expect, completeTask …), start, or whatIf for a what-if run that could not go on. */
  action: string;
  message: string;
  expected?: unknown;
  found?: unknown;
}

export interface WhatIfReport {
  runs: number;
  seed: number;
  /** Cases that reached an end of the process, and those still open when the run stopped. */
  completed: number;
  notCompleted: number;
  /** Cases with an open incident when the run stopped. */
  withIncidents: number;
  /** How the cases ended, most frequent first; `(not completed)` counts those still open. */
  endEvents: Array<{ endEvent: string; cases: number; share: number }>;
  /** Where the open cases wait when the run stopped (cases per element), most frequent first. */
  waitingAt: Array<{ elementId: string; cases: number }>;
  /** Start to end of the completed cases; null when none completed. */
  cycleTime: CycleTimeSummary | null;
  /** Each deadline and the share of all cases that breached it. */
  deadlines: DeadlineBreaches[];
}

export interface CycleTimeSummary {
  p50: string;
  p90: string;
  mean: string;
  max: string;
  p50Ms: number;
  p90Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface DeadlineBreaches {
  /** The user task, timer boundary event or named limit. */
  id: string;
  /**
   * userTaskDueDate: the task was still open after its zeebe:taskSchedule due date;
   * timer: the timer (a boundary event or an event sub-process start) fired;
   * cycleTime: the case took longer than the scenario's `deadlines` limit (or was still open past it).
   */
  kind: 'userTaskDueDate' | 'timer' | 'cycleTime';
  breached: number;
  share: number;
}

import { parse as parseYaml, YAMLParseError } from 'yaml';
import { parseIsoDateTime, parseIsoDuration } from '../timer/index.js';
import { fixedDurationMs } from './fixed-duration.js';
import { SimulationInputError, type InputProblem } from './simulation-input-error.js';
import { checkGenerated, isGenerator } from './value-generator.js';

/**
 * The scenario file format (`*.scenarios.yaml`, or the same as JSON): one process, its scenarios. The README's
 * "Process simulation" section documents it; this module turns a file into checked, typed scenarios or lists
 * everything wrong with it.
 */

/** Every scenario's virtual clock starts here unless the file or the scenario says otherwise: a Monday morning in China. */
export const DEFAULT_START_TIME = '2026-03-02T09:00:00+08:00';

export type JsonObject = Record<string, unknown>;

export type StartSpec =
  | { kind: 'variables'; variables: JsonObject }
  | { kind: 'message'; name: string; correlationKey?: string; variables: JsonObject };

/** How jobs of a type without a built-in worker end. In what-if runs their values may hold generators. */
export type MockJob =
  | { kind: 'complete'; variables: JsonObject }
  | { kind: 'error'; errorCode: string; errorMessage?: string; variables: JsonObject }
  | { kind: 'fail'; errorMessage: string }
  /** What-if runs only: one of several outcomes, drawn per job. */
  | { kind: 'choice'; options: Array<{ weight: number; mock: MockJob }> };

export interface Expectation {
  /** These elements have an active instance (others may too). */
  waitingAt?: string[];
  /** These elements completed at least once. */
  passed?: string[];
  /** These elements never completed. */
  notPassed?: string[];
  /** The process instance's own variables have these values. */
  variables?: JsonObject;
  /** This many incidents are open. */
  incidents?: number;
  /** The process instance has (or has not) completed. */
  completed?: boolean;
  /** The instance completed at this end event. */
  endEvent?: string;
}

export type ScenarioStep =
  | { action: 'expect'; expect: Expectation }
  | { action: 'completeTask'; element: string; variables: JsonObject }
  | { action: 'completeJob'; type: string; element?: string; variables: JsonObject }
  | { action: 'throwError'; type: string; element?: string; errorCode: string; errorMessage?: string; variables: JsonObject }
  | { action: 'failJob'; type: string; element?: string; retries: number; errorMessage: string }
  | { action: 'publishMessage'; name: string; correlationKey?: string; timeToLive?: number; variables: JsonObject }
  | { action: 'broadcastSignal'; name: string; variables: JsonObject }
  | { action: 'advanceTime'; duration: string };

export type StepAction = ScenarioStep['action'];

interface ScenarioCommon {
  name: string;
  /** Epoch ms the virtual clock starts at. */
  startTime: number;
  start: StartSpec;
  /** By job type; the file's mockJobs with the scenario's own on top. */
  mockJobs: Record<string, MockJob>;
}

export interface ScriptedScenario extends ScenarioCommon {
  kind: 'scripted';
  steps: ScenarioStep[];
}

/** How a user task goes in a what-if run: how long it takes and what it is completed with (both may be generators). */
export interface UserTaskBehaviour {
  duration: unknown;
  variables: JsonObject;
}

export interface WhatIfScenario extends ScenarioCommon {
  kind: 'whatIf';
  runs: number;
  seed: number;
  /** Ms between case starts (0: all start at once). */
  startEvery: number;
  /** Ms: user-task completions and case starts fall on this grid from the start time, so they commit together. */
  resolution: number;
  /** Ms after the last case start when the run stops even if timers are still pending (repeating timers). */
  horizon: number;
  /** By user task element id; `*` for every user task not named. */
  userTasks: Record<string, UserTaskBehaviour>;
  /** Named limits on the cycle time, in ms. */
  deadlines: Record<string, number>;
}

export type Scenario = ScriptedScenario | WhatIfScenario;

export interface ScenarioFile {
  /** The file name as given (reports and messages name it). */
  name: string;
  /** The bpmnProcessId the scenarios start. */
  process: string;
  scenarios: Scenario[];
}

export const DEFAULT_WHAT_IF_RESOLUTION = 'PT15M';
export const DEFAULT_WHAT_IF_HORIZON = 'P365D';

const stepActions: StepAction[] = ['expect', 'completeTask', 'completeJob', 'throwError', 'failJob', 'publishMessage', 'broadcastSignal', 'advanceTime'];

/** Parses and checks a scenario file (YAML, or JSON when the name ends in .json); throws SimulationInputError listing every problem. */
export function parseScenarioFile(name: string, content: string | Uint8Array): ScenarioFile {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  let data: unknown;
  try {
    data = name.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    const message = error instanceof YAMLParseError ? error.message.split('\n')[0] : (error as Error).message;
    throw new SimulationInputError([{ file: name, path: where, message: `not valid ${name.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML'}: ${message}` }]);
  }
  const problems: InputProblem[] = [];
  const file = new ScenarioFileReader(name, problems).read(data);
  if (problems.length > 0 || !file) throw new SimulationInputError(problems);
  return file;
}

class ScenarioFileReader {
  constructor(
    private readonly file: string,
    private readonly problems: InputProblem[],
  ) {}

  private report(path: string, message: string): void {
    this.problems.push({ file: this.file, path, message });
  }

  read(data: unknown): ScenarioFile | undefined {
    const root = this.object(data, '', ['process', 'startTime', 'mockJobs', 'scenarios']);
    if (!root) return undefined;
    const process = this.string(root.process, 'process', true);
    const fileStart = root.startTime === undefined ? parseIsoDateTime(DEFAULT_START_TIME).epochMs : this.dateTime(root.startTime, 'startTime');
    const list = root.scenarios;
    if (!Array.isArray(list) || list.length === 0) {
      this.report('scenarios', 'expected a list of at least one scenario');
      return undefined;
    }
    // Read once with generators allowed; scripted scenarios refuse the generated ones below.
    const fileMocks = this.mockJobs(root.mockJobs, 'mockJobs', true);
    const names = new Set<string>();
    const scenarios: Scenario[] = [];
    list.forEach((raw, i) => {
      const path = `scenarios[${i}]`;
      const whatIf = typeof raw === 'object' && raw !== null && 'runs' in raw;
      if (!whatIf) {
        for (const [type, mock] of Object.entries(fileMocks)) {
          if (mockHasGenerators(mock)) this.report(`mockJobs.${type}`, `draws values with generators, which only what-if scenarios (with runs: N) can; ${path} is scripted`);
        }
      }
      // Names are checked even in scenarios with other problems, so that one run reports both.
      const name = typeof raw === 'object' && raw !== null ? (raw as JsonObject).name : undefined;
      if (typeof name === 'string') {
        if (names.has(name)) this.report(`${path}.name`, `the name '${name}' is used by an earlier scenario`);
        names.add(name);
      }
      const scenario = whatIf ? this.whatIf(raw, path, fileStart ?? 0, fileMocks) : this.scripted(raw, path, fileStart ?? 0, fileMocks);
      if (scenario) scenarios.push(scenario);
    });
    if (process === undefined) return undefined;
    return { name: this.file, process, scenarios };
  }

  private common(raw: JsonObject, path: string, fileStart: number, fileMocks: Record<string, MockJob>, whatIf: boolean) {
    const name = this.string(raw.name, `${path}.name`, true);
    const startTime = raw.startTime === undefined ? fileStart : this.dateTime(raw.startTime, `${path}.startTime`);
    const start = this.start(raw.start, `${path}.start`, whatIf);
    const mockJobs = { ...fileMocks, ...this.mockJobs(raw.mockJobs, `${path}.mockJobs`, whatIf) };
    if (name === undefined || startTime === undefined || start === undefined) return undefined;
    return { name, startTime, start, mockJobs };
  }

  private scripted(value: unknown, path: string, fileStart: number, fileMocks: Record<string, MockJob>): ScriptedScenario | undefined {
    const raw = this.object(value, path, ['name', 'startTime', 'start', 'mockJobs', 'steps']);
    if (!raw) return undefined;
    const common = this.common(raw, path, fileStart, fileMocks, false);
    if (!Array.isArray(raw.steps)) {
      this.report(`${path}.steps`, 'expected a list of steps (or runs: N for a what-if run)');
      return undefined;
    }
    const steps = raw.steps.map((step, i) => this.step(step, `${path}.steps[${i}]`));
    if (!common || steps.some((s) => s === undefined)) return undefined;
    return { kind: 'scripted', ...common, steps: steps as ScenarioStep[] };
  }

  private whatIf(value: unknown, path: string, fileStart: number, fileMocks: Record<string, MockJob>): WhatIfScenario | undefined {
    const raw = this.object(value, path, ['name', 'startTime', 'start', 'mockJobs', 'runs', 'seed', 'startEvery', 'resolution', 'horizon', 'userTasks', 'deadlines']);
    if (!raw) return undefined;
    const common = this.common(raw, path, fileStart, fileMocks, true);
    const runs = this.wholeNumber(raw.runs, `${path}.runs`, 1, 1_000_000);
    const seed = raw.seed === undefined ? 1 : this.wholeNumber(raw.seed, `${path}.seed`, 0, Number.MAX_SAFE_INTEGER);
    const startEvery = raw.startEvery === undefined ? 0 : this.fixedDuration(raw.startEvery, `${path}.startEvery`, true);
    const resolution = this.fixedDuration(raw.resolution ?? DEFAULT_WHAT_IF_RESOLUTION, `${path}.resolution`, false);
    const horizon = this.fixedDuration(raw.horizon ?? DEFAULT_WHAT_IF_HORIZON, `${path}.horizon`, false);
    const userTasks: Record<string, UserTaskBehaviour> = {};
    const tasks = raw.userTasks === undefined ? {} : this.object(raw.userTasks, `${path}.userTasks`);
    for (const [id, task] of Object.entries(tasks ?? {})) {
      const at = `${path}.userTasks.${id}`;
      const behaviour = this.object(task, at, ['duration', 'variables']);
      if (!behaviour) continue;
      if (behaviour.duration === undefined) this.report(`${at}.duration`, 'expected how long the task takes: an ISO duration or a generator of them');
      else this.durationTemplate(behaviour.duration, `${at}.duration`);
      const variables = this.variables(behaviour.variables, `${at}.variables`, true) ?? {};
      userTasks[id] = { duration: behaviour.duration, variables };
    }
    const deadlines: Record<string, number> = {};
    const limits = raw.deadlines === undefined ? {} : this.object(raw.deadlines, `${path}.deadlines`);
    for (const [id, limit] of Object.entries(limits ?? {})) {
      const ms = this.fixedDuration(limit, `${path}.deadlines.${id}`, false);
      if (ms !== undefined) deadlines[id] = ms;
    }
    if (!common || runs === undefined || seed === undefined || startEvery === undefined || resolution === undefined || horizon === undefined) return undefined;
    return { kind: 'whatIf', ...common, runs, seed, startEvery, resolution, horizon, userTasks, deadlines };
  }

  private start(value: unknown, path: string, whatIf: boolean): StartSpec | undefined {
    const raw = this.object(value, path, ['variables', 'message']);
    if (!raw) return undefined;
    if (raw.message !== undefined && raw.variables !== undefined) {
      this.report(path, 'give either variables (start the process) or message (publish a start message), not both');
      return undefined;
    }
    if (raw.message !== undefined) {
      const message = this.object(raw.message, `${path}.message`, ['name', 'correlationKey', 'variables']);
      if (!message) return undefined;
      const name = this.string(message.name, `${path}.message.name`, true);
      const correlationKey = this.correlationKey(message.correlationKey, `${path}.message.correlationKey`);
      const variables = this.variables(message.variables, `${path}.message.variables`, whatIf);
      if (name === undefined || variables === undefined) return undefined;
      return { kind: 'message', name, correlationKey, variables };
    }
    const variables = this.variables(raw.variables, `${path}.variables`, whatIf);
    return variables === undefined ? undefined : { kind: 'variables', variables };
  }

  private mockJobs(value: unknown, path: string, whatIf: boolean): Record<string, MockJob> {
    if (value === undefined) return {};
    const raw = this.object(value, path);
    const mocks: Record<string, MockJob> = {};
    for (const [type, spec] of Object.entries(raw ?? {})) {
      if (type === 'io.camunda.zeebe:userTask') {
        this.report(`${path}.${type}`, 'user tasks are completed by completeTask steps (or userTasks in a what-if run), not mocked');
        continue;
      }
      const mock = this.mockJob(spec, `${path}.${type}`, whatIf);
      if (mock) mocks[type] = mock;
    }
    return mocks;
  }

  private mockJob(value: unknown, path: string, whatIf: boolean): MockJob | undefined {
    if (whatIf && isGenerator(value) && '$enum' in value && Object.keys(value).length === 1) {
      // A choice of outcomes: check the weights with the generator rules, then each outcome as a mock.
      checkGenerated(value, path, (at, message) => this.report(at, message));
      const argument = value.$enum;
      const options: Array<{ weight: number; raw: unknown }> = Array.isArray(argument)
        ? argument.every((o) => typeof o === 'object' && o !== null && 'value' in o && 'weight' in o)
          ? argument.map((o) => ({ raw: o.value, weight: Number(o.weight) }))
          : argument.map((raw) => ({ raw, weight: 1 }))
        : [];
      if (!Array.isArray(argument)) {
        this.report(`${path}.$enum`, 'a choice of job outcomes is a list: [{ value: { variables: … }, weight: 3 }, …]');
        return undefined;
      }
      const parsed = options.map((o, i) => ({ weight: o.weight, mock: this.mockJob(o.raw, `${path}.$enum[${i}]`, whatIf) }));
      if (parsed.some((o) => !o.mock)) return undefined;
      return { kind: 'choice', options: parsed as Array<{ weight: number; mock: MockJob }> };
    }
    const raw = this.object(value, path, ['variables', 'error', 'fail']);
    if (!raw) return undefined;
    const given = ['variables', 'error', 'fail'].filter((k) => raw[k] !== undefined);
    if (given.length > 1) {
      this.report(path, `give one outcome: variables (complete), error (throw a BPMN error) or fail; not ${given.join(' and ')}`);
      return undefined;
    }
    if (raw.error !== undefined) {
      const error = this.object(raw.error, `${path}.error`, ['errorCode', 'errorMessage', 'variables']);
      if (!error) return undefined;
      const errorCode = this.string(error.errorCode, `${path}.error.errorCode`, true);
      const errorMessage = this.string(error.errorMessage, `${path}.error.errorMessage`, false);
      const variables = this.variables(error.variables, `${path}.error.variables`, whatIf);
      if (errorCode === undefined || variables === undefined) return undefined;
      return { kind: 'error', errorCode, errorMessage, variables };
    }
    if (raw.fail !== undefined) {
      const fail = this.object(raw.fail, `${path}.fail`, ['errorMessage']);
      if (!fail) return undefined;
      const errorMessage = this.string(fail.errorMessage, `${path}.fail.errorMessage`, false) ?? 'failed by the simulation';
      return { kind: 'fail', errorMessage };
    }
    const variables = this.variables(raw.variables, `${path}.variables`, whatIf);
    return variables === undefined ? undefined : { kind: 'complete', variables };
  }

  private step(value: unknown, path: string): ScenarioStep | undefined {
    const raw = this.object(value, path);
    if (!raw) return undefined;
    const keys = Object.keys(raw);
    if (keys.length !== 1 || !(stepActions as string[]).includes(keys[0])) {
      this.report(path, `a step is one of ${stepActions.join(', ')}, e.g. { completeTask: { element: accept } }; found ${keys.length ? keys.join(', ') : 'nothing'}`);
      return undefined;
    }
    const action = keys[0] as StepAction;
    const arg = raw[action];
    const at = `${path}.${action}`;
    switch (action) {
      case 'expect':
        return this.expectation(arg, at);
      case 'advanceTime': {
        if (typeof arg !== 'string') {
          this.report(at, 'expected an ISO 8601 duration such as PT2H or P3D');
          return undefined;
        }
        try {
          parseIsoDuration(arg);
        } catch (error) {
          this.report(at, (error as Error).message);
          return undefined;
        }
        return { action, duration: arg };
      }
      case 'completeTask': {
        const o = this.object(arg, at, ['element', 'variables']);
        if (!o) return undefined;
        const element = this.string(o.element, `${at}.element`, true);
        const variables = this.variables(o.variables, `${at}.variables`, false);
        return element === undefined || variables === undefined ? undefined : { action, element, variables };
      }
      case 'completeJob': {
        const o = this.object(arg, at, ['type', 'element', 'variables']);
        if (!o) return undefined;
        const type = this.string(o.type, `${at}.type`, true);
        const element = this.string(o.element, `${at}.element`, false);
        const variables = this.variables(o.variables, `${at}.variables`, false);
        return type === undefined || variables === undefined ? undefined : { action, type, element, variables };
      }
      case 'throwError': {
        const o = this.object(arg, at, ['type', 'element', 'errorCode', 'errorMessage', 'variables']);
        if (!o) return undefined;
        const type = this.string(o.type, `${at}.type`, true);
        const element = this.string(o.element, `${at}.element`, false);
        const errorCode = this.string(o.errorCode, `${at}.errorCode`, true);
        const errorMessage = this.string(o.errorMessage, `${at}.errorMessage`, false);
        const variables = this.variables(o.variables, `${at}.variables`, false);
        if (type === undefined || errorCode === undefined || variables === undefined) return undefined;
        return { action, type, element, errorCode, errorMessage, variables };
      }
      case 'failJob': {
        const o = this.object(arg, at, ['type', 'element', 'retries', 'errorMessage']);
        if (!o) return undefined;
        const type = this.string(o.type, `${at}.type`, true);
        const element = this.string(o.element, `${at}.element`, false);
        const retries = o.retries === undefined ? 0 : this.wholeNumber(o.retries, `${at}.retries`, 0, 1000);
        const errorMessage = this.string(o.errorMessage, `${at}.errorMessage`, false) ?? 'failed by the simulation';
        if (type === undefined || retries === undefined) return undefined;
        return { action, type, element, retries, errorMessage };
      }
      case 'publishMessage': {
        const o = this.object(arg, at, ['name', 'correlationKey', 'timeToLive', 'variables']);
        if (!o) return undefined;
        const name = this.string(o.name, `${at}.name`, true);
        const correlationKey = this.correlationKey(o.correlationKey, `${at}.correlationKey`);
        const timeToLive = o.timeToLive === undefined ? undefined : this.fixedDuration(o.timeToLive, `${at}.timeToLive`, true);
        const variables = this.variables(o.variables, `${at}.variables`, false);
        if (name === undefined || variables === undefined) return undefined;
        return { action, name, correlationKey, timeToLive, variables };
      }
      case 'broadcastSignal': {
        const o = this.object(arg, at, ['name', 'variables']);
        if (!o) return undefined;
        const name = this.string(o.name, `${at}.name`, true);
        const variables = this.variables(o.variables, `${at}.variables`, false);
        return name === undefined || variables === undefined ? undefined : { action, name, variables };
      }
    }
  }

  private expectation(value: unknown, path: string): ScenarioStep | undefined {
    const keys = ['waitingAt', 'passed', 'notPassed', 'variables', 'incidents', 'completed', 'endEvent'];
    const raw = this.object(value, path, keys);
    if (!raw) return undefined;
    if (Object.keys(raw).length === 0) {
      this.report(path, `expects nothing: give at least one of ${keys.join(', ')}`);
      return undefined;
    }
    const expect: Expectation = {};
    let ok = true;
    for (const key of ['waitingAt', 'passed', 'notPassed'] as const) {
      if (raw[key] === undefined) continue;
      const ids = this.idList(raw[key], `${path}.${key}`);
      if (ids) expect[key] = ids;
      else ok = false;
    }
    if (raw.variables !== undefined) {
      const variables = this.variables(raw.variables, `${path}.variables`, false);
      if (variables) expect.variables = variables;
      else ok = false;
    }
    if (raw.incidents !== undefined) {
      const count = this.wholeNumber(raw.incidents, `${path}.incidents`, 0, 1_000_000);
      if (count === undefined) ok = false;
      else expect.incidents = count;
    }
    if (raw.completed !== undefined) {
      if (typeof raw.completed !== 'boolean') {
        this.report(`${path}.completed`, 'expected true or false');
        ok = false;
      } else expect.completed = raw.completed;
    }
    if (raw.endEvent !== undefined) {
      const id = this.string(raw.endEvent, `${path}.endEvent`, true);
      if (id === undefined) ok = false;
      else expect.endEvent = id;
    }
    return ok ? { action: 'expect', expect } : undefined;
  }

  // --- value readers: each reports what is wrong and returns undefined ---------------------------

  private object(value: unknown, path: string, allowed?: string[]): JsonObject | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(path, `expected a mapping${allowed ? ` with ${allowed.join(', ')}` : ''}, not ${describe(value)}`);
      return undefined;
    }
    if (allowed) {
      for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) this.report(path ? `${path}.${key}` : key, `unknown key '${key}': expected one of ${allowed.join(', ')}`);
      }
    }
    return value as JsonObject;
  }

  private string(value: unknown, path: string, required: boolean): string | undefined {
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(path, `expected a non-empty text, not ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  private correlationKey(value: unknown, path: string): string | undefined {
    if (value === undefined) return undefined;
    // YAML reads BM-1 as text but 2026001 as a number; both are the same key to a tester.
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return this.string(value, path, true);
  }

  private idList(value: unknown, path: string): string[] | undefined {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0 || list.some((id) => typeof id !== 'string' || id === '')) {
      this.report(path, `expected a list of element ids, not ${describe(value)}`);
      return undefined;
    }
    return list as string[];
  }

  private variables(value: unknown, path: string, generatorsAllowed: boolean): JsonObject | undefined {
    if (value === undefined || value === null) return {};
    const object = this.object(value, path);
    if (!object) return undefined;
    if (generatorsAllowed) {
      const before = this.problems.length;
      checkGenerated(object, path, (at, message) => this.report(at, message));
      return this.problems.length === before ? object : undefined;
    }
    const generator = findGenerator(object, path);
    if (generator) {
      this.report(generator, 'generators ($enum, $range, $triangular) are for what-if scenarios (with runs: N); give a fixed value here');
      return undefined;
    }
    return object;
  }

  private wholeNumber(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.report(path, `expected a whole number from ${min} to ${max}, not ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  private dateTime(value: unknown, path: string): number | undefined {
    if (typeof value !== 'string') {
      this.report(path, `expected an ISO 8601 date and time such as ${DEFAULT_START_TIME}, not ${describe(value)}`);
      return undefined;
    }
    try {
      return parseIsoDateTime(value).epochMs;
    } catch (error) {
      this.report(path, (error as Error).message);
      return undefined;
    }
  }

  private fixedDuration(value: unknown, path: string, zeroAllowed: boolean): number | undefined {
    if (typeof value !== 'string') {
      this.report(path, `expected an ISO 8601 duration such as PT30M, not ${describe(value)}`);
      return undefined;
    }
    try {
      const ms = fixedDurationMs(value);
      if (ms === 0 && !zeroAllowed) {
        this.report(path, `must be longer than zero, not ${value}`);
        return undefined;
      }
      return ms;
    } catch (error) {
      this.report(path, (error as Error).message);
      return undefined;
    }
  }

  private durationTemplate(value: unknown, path: string): void {
    if (typeof value === 'string') {
      this.fixedDuration(value, path, true);
      return;
    }
    if (!isGenerator(value)) {
      this.report(path, `expected an ISO duration such as PT30M or a generator like { $range: [PT10M, PT2H] }, not ${describe(value)}`);
      return;
    }
    checkGenerated(value, path, (at, message) => this.report(at, message));
  }
}

function mockHasGenerators(mock: MockJob): boolean {
  if (mock.kind === 'choice') return true;
  return mock.kind !== 'fail' && findGenerator(mock.variables, '') !== undefined;
}

function findGenerator(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findGenerator(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (isGenerator(value)) return path;
  for (const [key, item] of Object.entries(value)) {
    const found = findGenerator(item, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'string' ? 'the text' : typeof value} ${JSON.stringify(value)}`;
}

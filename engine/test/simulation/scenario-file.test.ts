import { describe, expect, it } from 'vitest';
import { parseScenarioFile, SimulationInputError, DEFAULT_START_TIME } from '../../src/simulation/index.js';
import type { InputProblem } from '../../src/simulation/index.js';

const yaml = `
process: service-item
startTime: 2026-03-02T09:00:00+08:00
mockJobs:
  sms.send: { variables: { sent: true } }
scenarios:
  - name: 即办件当场办结
    start:
      variables: { itemCode: YL-001 }
    mockJobs:
      dept.result: { error: { errorCode: REFUSED } }
    steps:
      - expect: { waitingAt: [accept] }
      - completeTask: { element: accept, variables: { acceptDecision: 受理 } }
      - publishMessage: { name: supplement-submitted, correlationKey: BM-1, variables: {} }
      - advanceTime: P3D
      - completeJob: { type: dept.result, variables: { approved: true } }
      - throwError: { type: dept.result, errorCode: REFUSED }
      - expect: { passed: [a, b], notPassed: [c], variables: { x: 1 }, incidents: 0 }
      - expect: { completed: true, endEvent: done }
  - name: 消息启动
    startTime: 2026-03-09T09:00:00+08:00
    start: { message: { name: apply, correlationKey: 2026001, variables: { a: 1 } } }
    steps: []
`;

function problemsOf(name: string, content: string): InputProblem[] {
  try {
    parseScenarioFile(name, content);
  } catch (error) {
    expect(error).toBeInstanceOf(SimulationInputError);
    return [...(error as SimulationInputError).problems];
  }
  throw new Error('the file was accepted');
}

describe('scenario files', () => {
  it('reads the format of the issue: start, mocks merged over the file, every step kind', () => {
    const file = parseScenarioFile('s.scenarios.yaml', yaml);
    expect(file.process).toBe('service-item');
    expect(file.scenarios).toHaveLength(2);
    const [first, second] = file.scenarios;
    if (first.kind !== 'scripted' || second.kind !== 'scripted') throw new Error('expected scripted scenarios');
    expect(first.startTime).toBe(Date.parse('2026-03-02T01:00:00Z'));
    expect(first.start).toEqual({ kind: 'variables', variables: { itemCode: 'YL-001' } });
    expect(first.mockJobs).toEqual({
      'sms.send': { kind: 'complete', variables: { sent: true } },
      'dept.result': { kind: 'error', errorCode: 'REFUSED', errorMessage: undefined, variables: {} },
    });
    expect(first.steps.map((s) => s.action)).toEqual([
      'expect',
      'completeTask',
      'publishMessage',
      'advanceTime',
      'completeJob',
      'throwError',
      'expect',
      'expect',
    ]);
    expect(first.steps[1]).toEqual({ action: 'completeTask', element: 'accept', variables: { acceptDecision: '受理' } });
    expect(first.steps[2]).toMatchObject({ action: 'publishMessage', name: 'supplement-submitted', correlationKey: 'BM-1' });
    expect(first.steps[3]).toEqual({ action: 'advanceTime', duration: 'P3D' });
    expect(first.steps[6]).toEqual({ action: 'expect', expect: { passed: ['a', 'b'], notPassed: ['c'], variables: { x: 1 }, incidents: 0 } });
    // A numeric correlation key is the same key as text.
    expect(second.start).toEqual({ kind: 'message', name: 'apply', correlationKey: '2026001', variables: { a: 1 } });
    expect(second.startTime).toBe(Date.parse('2026-03-09T01:00:00Z'));
    expect(second.mockJobs).toEqual({ 'sms.send': { kind: 'complete', variables: { sent: true } } });
  });

  it('reads the same scenarios from JSON', () => {
    const json = JSON.stringify({
      process: 'service-item',
      scenarios: [
        {
          name: 'json',
          start: { variables: { itemCode: 'YL-001' } },
          steps: [{ completeTask: { element: 'accept', variables: { acceptDecision: '受理' } } }, { expect: { completed: true } }],
        },
      ],
    });
    const fromJson = parseScenarioFile('s.scenarios.json', json);
    const fromYaml = parseScenarioFile(
      's.scenarios.yaml',
      `process: service-item
scenarios:
  - name: json
    start: { variables: { itemCode: YL-001 } }
    steps:
      - completeTask: { element: accept, variables: { acceptDecision: 受理 } }
      - expect: { completed: true }
`,
    );
    expect(fromJson.scenarios).toEqual(fromYaml.scenarios);
    // Without a startTime the clock starts on Monday 2 March 2026, 09:00 China time.
    expect(fromJson.scenarios[0].startTime).toBe(Date.parse(DEFAULT_START_TIME));
  });

  it('names the line of a YAML syntax error and the file of a JSON one', () => {
    const [yamlProblem] = problemsOf('bad.scenarios.yaml', 'process: x\nscenarios: [\n  - name: a\n');
    expect(yamlProblem.file).toBe('bad.scenarios.yaml');
    expect(yamlProblem.path).toMatch(/^line \d+, column \d+$/);
    expect(yamlProblem.message).toMatch(/^not valid YAML/);
    const [jsonProblem] = problemsOf('bad.scenarios.json', '{"process": ');
    expect(jsonProblem.message).toMatch(/^not valid JSON/);
  });

  it('lists every problem with the path to it', () => {
    const problems = problemsOf(
      'p.scenarios.yaml',
      `process: p
scenarios:
  - name: one
    start: { variables: { a: 1 }, message: { name: m } }
    steps:
      - wait: PT1H
      - completeTask: { variables: {} }
      - advanceTime: 3 days
      - expect: { wiatingAt: [a] }
      - expect: {}
      - completeJob: { type: x, variables: { v: { $range: [1, 2] } } }
  - name: one
    start: { variables: {} }
    steps: []
    mockJobs:
      io.camunda.zeebe:userTask: {}
      x: { variables: {}, fail: {} }
`,
    );
    const at = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message);
    expect(at('scenarios[0].start')[0]).toMatch(/either variables .* or message/);
    expect(at('scenarios[0].steps[0]')[0]).toMatch(/a step is one of expect, completeTask/);
    expect(at('scenarios[0].steps[1].completeTask.element')[0]).toMatch(/expected a non-empty text, not nothing/);
    expect(at('scenarios[0].steps[2].advanceTime')[0]).toMatch(/invalid duration '3 days'/);
    expect(at('scenarios[0].steps[3].expect.wiatingAt')[0]).toMatch(/unknown key 'wiatingAt'/);
    expect(at('scenarios[0].steps[4].expect')[0]).toMatch(/expects nothing/);
    expect(at('scenarios[0].steps[5].completeJob.variables.v')[0]).toMatch(/generators .* are for what-if scenarios/);
    expect(at('scenarios[1].name')[0]).toMatch(/used by an earlier scenario/);
    expect(at('scenarios[1].mockJobs.io.camunda.zeebe:userTask')[0]).toMatch(/completed by completeTask steps/);
    expect(at('scenarios[1].mockJobs.x')[0]).toMatch(/give one outcome/);
    expect(problems.every((p) => p.file === 'p.scenarios.yaml')).toBe(true);
  });

  it('requires a process, scenarios and a start', () => {
    const problems = problemsOf('e.scenarios.yaml', 'scenarios:\n  - name: x\n    steps: []\n');
    expect(problems.map((p) => p.path).sort()).toEqual(['process', 'scenarios[0].start']);
    expect(problemsOf('e.scenarios.yaml', 'process: x\nscenarios: []\n')[0]).toMatchObject({ path: 'scenarios', message: expect.stringMatching(/at least one scenario/) });
    expect(problemsOf('e.scenarios.yaml', '- a\n- b\n')[0].message).toMatch(/expected a mapping with process/);
  });

  it('reads what-if scenarios with generators, and checks them', () => {
    const file = parseScenarioFile(
      'w.scenarios.yaml',
      `process: p
scenarios:
  - name: 一千件
    runs: 1000
    seed: 7
    startEvery: PT5M
    start: { variables: { itemCode: { $enum: { YL-001: 3, YL-002: 1 } }, n: { $range: [1, 5] } } }
    userTasks:
      accept: { duration: { $triangular: [PT10M, PT30M, PT2H] }, variables: { ok: { $enum: [true, false] } } }
      '*': { duration: PT1H }
    mockJobs:
      dept.result: { $enum: [{ value: { variables: { approved: true } }, weight: 9 }, { value: { error: { errorCode: REFUSED } }, weight: 1 }] }
    deadlines: { 承诺时限: P5D }
`,
    );
    const scenario = file.scenarios[0];
    if (scenario.kind !== 'whatIf') throw new Error('expected a what-if scenario');
    expect(scenario).toMatchObject({ runs: 1000, seed: 7, startEvery: 300_000, resolution: 900_000, horizon: 365 * 86_400_000, deadlines: { 承诺时限: 5 * 86_400_000 } });
    expect(scenario.userTasks['*']).toEqual({ duration: 'PT1H', variables: {} });
    expect(scenario.mockJobs['dept.result']).toEqual({
      kind: 'choice',
      options: [
        { weight: 9, mock: { kind: 'complete', variables: { approved: true } } },
        { weight: 1, mock: { kind: 'error', errorCode: 'REFUSED', errorMessage: undefined, variables: {} } },
      ],
    });

    const problems = problemsOf(
      'w.scenarios.yaml',
      `process: p
scenarios:
  - name: bad
    runs: 0
    resolution: PT0S
    start: { variables: { a: { $normal: [1, 2] }, b: { $range: [5, 1] }, c: { $enum: { x: 0 } } } }
    userTasks:
      accept: { variables: {} }
      handle: { duration: P1M }
    deadlines: { limit: soon }
`,
    );
    const messages = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(messages['scenarios[0].runs']).toMatch(/whole number from 1/);
    expect(messages['scenarios[0].resolution']).toMatch(/longer than zero/);
    expect(messages['scenarios[0].start.variables.a']).toMatch(/unknown generator '\$normal'/);
    expect(messages['scenarios[0].start.variables.b.$range']).toMatch(/out of order/);
    expect(messages['scenarios[0].start.variables.c.$enum[0]']).toMatch(/weight must be a number above 0/);
    expect(messages['scenarios[0].userTasks.accept.duration']).toMatch(/how long the task takes/);
    expect(messages['scenarios[0].userTasks.handle.duration']).toMatch(/months or years/);
    expect(messages['scenarios[0].deadlines.limit']).toMatch(/invalid duration 'soon'/);
  });

  it('refuses generated file-level mocks in a scripted scenario', () => {
    const problems = problemsOf(
      'm.scenarios.yaml',
      `process: p
mockJobs:
  x: { variables: { n: { $range: [1, 3] } } }
scenarios:
  - name: scripted
    start: { variables: {} }
    steps: []
`,
    );
    expect(problems).toEqual([{ file: 'm.scenarios.yaml', path: 'mockJobs.x', message: expect.stringMatching(/only what-if scenarios .* scenarios\[0\] is scripted/) }]);
  });
});

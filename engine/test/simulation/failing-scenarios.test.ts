import { beforeAll, describe, expect, it } from 'vitest';
import { runSimulation, SimulationInputError, type ProcessReport, type ScenarioReport } from '../../src/simulation/index.js';
import { complaintResources } from './simulation-fixtures.js';

const scenarios = `
process: complaint
mockJobs:
  dept.escalate: {}
scenarios:
  - name: wrong waitingAt
    start: { variables: { caseNo: F-1 } }
    steps:
      - expect: { waitingAt: [handle] }

  - name: wrong variables
    start: { variables: { caseNo: F-2 } }
    steps:
      - completeTask: { element: register, variables: { category: noise, urgent: false } }
      - expect: { variables: { caseNo: F-2, category: light, missing: 1 } }

  - name: completion rejected by the form
    start: { variables: { caseNo: F-3 } }
    steps:
      - completeTask: { element: register, variables: { category: 噪音 } }

  - name: unexpected incident
    mockJobs: { dept.result: { error: { errorCode: UNKNOWN } } }
    start: { variables: { caseNo: F-4 } }
    steps:
      - completeTask: { element: register, variables: { category: road, urgent: false } }
      - completeTask: { element: handle }
      - expect: { completed: true }

  - name: an expected incident
    mockJobs: { dept.result: { error: { errorCode: UNKNOWN } } }
    start: { variables: { caseNo: F-5 } }
    steps:
      - completeTask: { element: register, variables: { category: road, urgent: false } }
      - completeTask: { element: handle }
      - expect: { incidents: 1, waitingAt: [check] }

  - name: a failing job raises an incident once its retries are used up
    mockJobs: { dept.result: { fail: { errorMessage: 部门接口超时 } } }
    start: { variables: { caseNo: F-6 } }
    steps:
      - completeTask: { element: register, variables: { category: road, urgent: false } }
      - completeTask: { element: handle }

  - name: the refusal is caught by the boundary event
    mockJobs: { dept.result: { error: { errorCode: REFUSED } } }
    start: { variables: { caseNo: F-7 } }
    steps:
      - completeTask: { element: register, variables: { category: light, urgent: true } }
      - completeTask: { element: handle }
      - expect: { completed: true, endEvent: refusedEnd, passed: [escalate, refused], notPassed: [done] }

  - name: wrong end event
    start: { variables: { caseNo: F-8 } }
    steps:
      - completeTask: { element: register, variables: { category: light, urgent: false } }
      - completeTask: { element: handle }
      - throwError: { type: dept.result, errorCode: REFUSED }
      - expect: { endEvent: done }

  - name: steps drive jobs without mocks
    start: { variables: { caseNo: F-9 } }
    steps:
      - completeTask: { element: register, variables: { category: light, urgent: false } }
      - completeTask: { element: handle }
      - expect: { waitingAt: [check] }
      - completeJob: { type: dept.result, variables: { resolved: true } }
      - expect: { completed: true, endEvent: done, variables: { resolved: true } }

  - name: a job that is not there
    start: { variables: { caseNo: F-10 } }
    steps:
      - completeJob: { type: dept.result }
`;

describe('scenarios that must fail (and their passing twins)', () => {
  let process: ProcessReport;
  const scenario = (name: string): ScenarioReport => {
    const found = process.scenarios.find((s) => s.name === name);
    if (!found) throw new Error(`no scenario ${name}`);
    return found;
  };

  beforeAll(async () => {
    const report = await runSimulation({ resources: complaintResources, scenarioFiles: [{ name: 'complaint.scenarios.yaml', content: scenarios }] });
    process = report.processes[0];
  }, 600_000);

  it('a wrong waitingAt names what was expected and what is active', () => {
    const r = scenario('wrong waitingAt');
    expect(r.passed).toBe(false);
    expect(r.failure).toEqual({
      step: 1,
      action: 'expect',
      message: 'expected the instance to wait at [handle], but [handle] is not active; active: [register]',
      expected: { waitingAt: ['handle'] },
      found: { waitingAt: ['register'] },
    });
    expect(r.path).toEqual(['start', 'f_start_register', 'register']);
  });

  it('wrong variables list each difference', () => {
    const r = scenario('wrong variables');
    expect(r.failure).toMatchObject({
      step: 2,
      action: 'expect',
      expected: { variables: { category: 'light', missing: 1 } },
      found: { variables: { category: 'noise', missing: null } },
    });
    expect(r.failure!.message).toBe('variables differ: category = "light" expected, "noise" found; missing = 1 expected, not set');
  });

  it('a task completion the form rejects fails, naming the fields, and the task stays open', () => {
    const r = scenario('completion rejected by the form');
    expect(r.failure).toMatchObject({ step: 1, action: 'completeTask', expected: { form: 'register' } });
    expect(r.failure!.message).toMatch(/^completing register was rejected by its form register: /);
    const errors = (r.failure!.found as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort();
    expect(errors).toEqual(['/category', '/urgent']);
    expect(r.failure!.message).toContain('/category');
    expect(r.failure!.message).toContain('/urgent');
    expect(r.path.at(-1)).toBe('register');
  });

  it('an incident nobody expected fails the step that raised it', () => {
    const r = scenario('unexpected incident');
    expect(r.failure).toMatchObject({ step: 2, action: 'completeTask', expected: { incidents: 0 } });
    expect(r.failure!.message).toMatch(/^unexpected incident: at check \(UNHANDLED_ERROR_EVENT\): .*'UNKNOWN'.* — add expect: \{ incidents: 1 \} if this is intended$/);
  });

  it('an incident the scenario expects is no failure', () => {
    expect(scenario('an expected incident').failure).toBeUndefined();
  });

  it('a failing mocked job costs its retries, then raises an incident', () => {
    const r = scenario('a failing job raises an incident once its retries are used up');
    expect(r.failure).toMatchObject({ step: 2, action: 'completeTask' });
    expect(r.failure!.message).toMatch(/^unexpected incident: at check \(JOB_NO_RETRIES\): 部门接口超时/);
  });

  it('a mocked BPMN error is caught by the boundary event', () => {
    const r = scenario('the refusal is caught by the boundary event');
    expect(r.failure).toBeUndefined();
    expect(r.path.slice(-3)).toEqual(['refused', 'f_refused_refusedEnd', 'refusedEnd']);
  });

  it('a wrong end event names the one reached', () => {
    expect(scenario('wrong end event').failure).toMatchObject({
      step: 4,
      message: 'expected the instance to end at done, but it ended at refusedEnd',
      expected: { endEvent: 'done' },
      found: { endEvent: 'refusedEnd', state: 'COMPLETED' },
    });
  });

  it('steps complete jobs of types nobody works', () => {
    expect(scenario('steps drive jobs without mocks').failure).toBeUndefined();
  });

  it('completing a job that is not there names the open ones', () => {
    expect(scenario('a job that is not there').failure).toEqual({
      step: 1,
      action: 'completeJob',
      message: 'no job of type dept.result is open; open jobs: io.camunda.zeebe:userTask at register',
    });
  });

  it('counts passes and failures', () => {
    expect([process.passed, process.failed]).toEqual([3, 7]);
  });
});

describe('scenario input that cannot run', () => {
  it('names unknown processes and elements before running anything', async () => {
    const error = await runSimulation({
      resources: complaintResources,
      scenarioFiles: [
        {
          name: 'typos.scenarios.yaml',
          content: `process: complaint
scenarios:
  - name: typos
    start: { variables: {} }
    steps:
      - expect: { waitingAt: [regster], endEvent: handle }
      - completeTask: { element: check }
`,
        },
        { name: 'other.scenarios.yaml', content: 'process: complain\nscenarios:\n  - name: x\n    start: { variables: {} }\n    steps: []\n' },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationInputError);
    expect((error as SimulationInputError).problems).toEqual([
      { file: 'typos.scenarios.yaml', path: 'scenarios[0].steps[0].expect.waitingAt[0]', message: "no element 'regster' in complaint or the other processes given" },
      { file: 'typos.scenarios.yaml', path: 'scenarios[0].steps[0].expect.endEvent', message: "'handle' is a userTask, not a endEvent" },
      { file: 'typos.scenarios.yaml', path: 'scenarios[0].steps[1].completeTask.element', message: "'check' is a serviceTask, not a userTask" },
      { file: 'other.scenarios.yaml', path: 'process', message: "no given resource defines a process 'complain'; processes given: complaint" },
    ]);
  });

  it('reports resources that do not deploy, by resource and element', async () => {
    const broken = complaintResources[0].content.toString().replace('<zeebe:taskDefinition type="dept.escalate" />', '');
    const error = await runSimulation({
      resources: [{ name: 'complaint.bpmn', content: broken }],
      scenarioFiles: [{ name: 'c.scenarios.yaml', content: 'process: complaint\nscenarios:\n  - name: x\n    start: { variables: {} }\n    steps: []\n' }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationInputError);
    const [problem] = (error as SimulationInputError).problems;
    expect(problem.file).toBe('complaint.bpmn');
    expect(problem.path).toMatch(/^element escalate/);
  });

  it('refuses a request without scenario files', async () => {
    await expect(runSimulation({ scenarioFiles: [] })).rejects.toThrow(/scenarioFiles: expected a list of at least one/);
  });
});

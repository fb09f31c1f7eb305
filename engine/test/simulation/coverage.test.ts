import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/simulation/index.js';
import { complaintResources } from './simulation-fixtures.js';

const normal = `
  - name: 普通投诉
    mockJobs: { dept.result: { variables: { resolved: true } } }
    start: { variables: { caseNo: T-1 } }
    steps:
      - completeTask: { element: register, variables: { category: noise, urgent: false } }
      - completeTask: { element: handle }
      - expect: { completed: true, endEvent: done }
`;
const urgent = `
  - name: 紧急投诉
    mockJobs: { dept.escalate: {}, dept.result: { variables: { resolved: true } } }
    start: { variables: { caseNo: T-2 } }
    steps:
      - completeTask: { element: register, variables: { category: road, urgent: true } }
      - expect: { passed: [escalate], waitingAt: [handle] }
      - completeTask: { element: handle }
      - expect: { completed: true, endEvent: done }
`;

describe('coverage', () => {
  it('counts the flow nodes and sequence flows entered, and lists the untaken ones in model order', async () => {
    const report = await runSimulation({ resources: complaintResources, scenarioFiles: [{ name: 'c.scenarios.yaml', content: `process: complaint\nscenarios:${normal}` }] });
    const [p] = report.processes;
    expect(p.scenarios.map((s) => [s.name, s.passed])).toEqual([['普通投诉', true]]);
    // 9 elements: start, register, triage, escalate, handle, check, refused (boundary), done, refusedEnd.
    expect(p.takenElements).toEqual(['start', 'register', 'triage', 'handle', 'check', 'done']);
    expect(p.untakenElements).toEqual(['escalate', 'refused', 'refusedEnd']);
    expect(p.elementCoverage).toBe(0.6667);
    expect(p.takenFlows).toEqual(['f_start_register', 'f_register_triage', 'normal', 'f_handle_check', 'f_check_done']);
    expect(p.untakenFlows).toEqual(['urgent', 'f_escalate_handle', 'f_refused_refusedEnd']);
    expect(p.flowCoverage).toBe(0.625);
    expect(p.scenarios[0].path).toEqual(['start', 'f_start_register', 'register', 'f_register_triage', 'triage', 'normal', 'handle', 'f_handle_check', 'check', 'f_check_done', 'done']);
  }, 600_000);

  it('adds up over the scenarios of a process, across scenario files', async () => {
    const report = await runSimulation({
      resources: complaintResources,
      scenarioFiles: [
        { name: 'a.scenarios.yaml', content: `process: complaint\nscenarios:${normal}` },
        { name: 'b.scenarios.yaml', content: `process: complaint\nscenarios:${urgent}` },
      ],
    });
    expect(report.processes).toHaveLength(1);
    const [p] = report.processes;
    expect(p.scenarios.map((s) => [s.file, s.name, s.passed])).toEqual([
      ['a.scenarios.yaml', '普通投诉', true],
      ['b.scenarios.yaml', '紧急投诉', true],
    ]);
    expect(p.untakenElements).toEqual(['refused', 'refusedEnd']);
    expect(p.elementCoverage).toBe(0.7778);
    expect(p.untakenFlows).toEqual(['f_refused_refusedEnd']);
    expect(p.flowCoverage).toBe(0.875);
  }, 600_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, serviceTask, start, userTask } from '../support/bpmn-xml.js';
import { runSimulation, type ProcessReport, type WhatIfReport } from '../../src/simulation/index.js';
import { ACCEPT_FORM, SERVICE_ITEM_BPMN, serviceItemWhatIf } from '../../bench/service-item-what-if.js';

/**
 * 许可 (permit): a review due four hours after the start with a five-hour reminder beside it, then issue,
 * deny, or wait for documents that never come.
 */
const PERMIT_BPMN = processXml(
  'permit',
  [
    start(),
    userTask('review', '<zeebe:taskSchedule dueDate="=reviewDue" />', 'name="审查"'),
    '<bpmn:boundaryEvent id="reviewSlow" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT5H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
    serviceTask('nudge', 'permit.nudge'),
    end('endNudged'),
    '<bpmn:exclusiveGateway id="decide" default="deny" />',
    serviceTask('issue', 'permit.issue'),
    end('endIssued'),
    end('endDenied'),
    '<bpmn:intermediateCatchEvent id="docs"><bpmn:messageEventDefinition messageRef="docsMessage" /></bpmn:intermediateCatchEvent>',
    flow('f1', 'start', 'review'),
    flow('f2', 'reviewSlow', 'nudge'),
    flow('f3', 'nudge', 'endNudged'),
    flow('f4', 'review', 'decide'),
    flow('approve', 'decide', 'issue', 'decision = "approve"'),
    flow('wait', 'decide', 'docs', 'decision = "wait"'),
    flow('deny', 'decide', 'endDenied'),
    flow('f5', 'issue', 'endIssued'),
    flow('f6', 'docs', 'endIssued'),
  ].join('\n'),
  '<bpmn:message id="docsMessage" name="docs"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNo" /></bpmn:extensionElements></bpmn:message>',
);

const whatIf = (name: string, seed: number) => `
process: permit
scenarios:
  - name: ${name}
    runs: 120
    seed: ${seed}
    resolution: PT1M
    start: { variables: { caseNo: P, reviewDue: "2026-03-02T13:00:00+08:00" } }
    userTasks:
      review:
        duration: { $enum: { PT2H: 3, PT6H: 1 } }
        variables: { decision: { $enum: { approve: 7, deny: 2, wait: 1 } } }
    mockJobs:
      permit.nudge: {}
      permit.issue: { $enum: [{ value: { variables: { issued: true } }, weight: 9 }, { value: { error: { errorCode: NO_LICENCE } }, weight: 1 }] }
    deadlines: { 四小时: PT4H }
`;

describe('what-if runs', () => {
  let process: ProcessReport;
  let first: WhatIfReport;

  beforeAll(async () => {
    const report = await runSimulation({
      resources: [{ name: 'permit.bpmn', content: PERMIT_BPMN }],
      scenarioFiles: [
        { name: 'a.scenarios.yaml', content: whatIf('种子七', 7) },
        { name: 'b.scenarios.yaml', content: whatIf('种子七再来', 7) },
        { name: 'c.scenarios.yaml', content: whatIf('种子八', 8) },
      ],
    });
    process = report.processes[0];
    expect(process.scenarios.map((s) => [s.name, s.passed, s.failure?.message])).toEqual([
      ['种子七', true, undefined],
      ['种子七再来', true, undefined],
      ['种子八', true, undefined],
    ]);
    first = process.scenarios[0].whatIf!;
  }, 600_000);

  it('reports how the cases ended, each case once', () => {
    expect(first.runs).toBe(120);
    expect(first.seed).toBe(7);
    expect(first.completed + first.notCompleted).toBe(120);
    expect(first.endEvents.reduce((n, e) => n + e.cases, 0)).toBe(120);
    expect(first.endEvents.reduce((n, e) => n + e.share, 0)).toBeCloseTo(1, 3);
    const ends = Object.fromEntries(first.endEvents.map((e) => [e.endEvent, e]));
    expect(Object.keys(ends).sort()).toEqual(['(not completed)', 'endDenied', 'endIssued']);
    expect(ends['(not completed)'].cases).toBe(first.notCompleted);
    // 70 % approve (of which a tenth end in an uncaught error), 20 % deny, 10 % wait for ever.
    expect(ends.endIssued.share).toBeGreaterThan(0.45);
    expect(ends.endIssued.share).toBeLessThan(0.8);
    expect(ends.endDenied.share).toBeGreaterThan(0.08);
    expect(ends.endDenied.share).toBeLessThan(0.35);
    // Open cases wait for the documents or sit on the incident of their failed issue job.
    const waiting = Object.fromEntries(first.waitingAt.map((w) => [w.elementId, w.cases]));
    expect(Object.keys(waiting).sort()).toEqual(['docs', 'issue']);
    expect(waiting.docs + waiting.issue).toBe(first.notCompleted);
    expect(first.withIncidents).toBe(waiting.issue);
  });

  it('reports cycle times from the drawn task durations', () => {
    // Cases take 2 h (three in four) or 6 h: the median is 2 h, the 90th percentile 6 h.
    expect(first.cycleTime).toMatchObject({ p50: 'PT2H', p90: 'PT6H', max: 'PT6H', p50Ms: 7_200_000, p90Ms: 21_600_000, maxMs: 21_600_000 });
    expect(first.cycleTime!.meanMs).toBeGreaterThan(7_200_000);
    expect(first.cycleTime!.meanMs).toBeLessThan(21_600_000);
  });

  it('reports the share of cases breaching each deadline', () => {
    const deadline = Object.fromEntries(first.deadlines.map((d) => [d.id, d]));
    expect(first.deadlines.map((d) => [d.id, d.kind])).toEqual([
      ['review', 'userTaskDueDate'],
      ['reviewSlow', 'timer'],
      ['四小时', 'cycleTime'],
    ]);
    // Due four hours in, reminded after five: exactly the six-hour reviews breach both.
    expect(deadline.review.breached).toBe(deadline.reviewSlow.breached);
    expect(deadline.review.share).toBeGreaterThan(0.13);
    expect(deadline.review.share).toBeLessThan(0.37);
    expect(deadline.review.share).toBe(Math.round((deadline.review.breached / 120) * 10_000) / 10_000);
    // Over four hours: every six-hour review, and open cases measured to the end of the run.
    expect(deadline['四小时'].breached).toBeGreaterThanOrEqual(deadline.review.breached);
    expect(deadline['四小时'].breached).toBeLessThanOrEqual(deadline.review.breached + first.notCompleted);
  });

  it('gives the same report for the same seed, and another for another seed', () => {
    expect(process.scenarios[1].whatIf).toEqual(first);
    expect(process.scenarios[2].whatIf).not.toEqual({ ...first, seed: 8 });
  });

  it('counts the cases towards the coverage of the process', () => {
    expect(process.untakenElements).toEqual([]);
    // The documents never come, so no case leaves docs.
    expect(process.untakenFlows).toEqual(['f6']);
    expect(process.scenarios[0].path).toEqual([]);
  });

  it('stops a run when a user task has no behaviour, saying which', async () => {
    const report = await runSimulation({
      resources: [{ name: 'permit.bpmn', content: PERMIT_BPMN }],
      scenarioFiles: [{ name: 'x.scenarios.yaml', content: 'process: permit\nscenarios:\n  - name: no tasks\n    runs: 3\n    start: { variables: { caseNo: X } }\n' }],
    });
    expect(report.processes[0].scenarios[0]).toMatchObject({
      passed: false,
      failure: { step: 0, action: 'whatIf', message: "user task review was reached, but userTasks says nothing of it: give its duration (or a '*' entry for all tasks)" },
    });
  }, 600_000);

  it('runs the benchmark service-item what-if on a few cases, with its form checking the drawn values', async () => {
    const report = await runSimulation({
      resources: [
        { name: 'service-item.bpmn', content: SERVICE_ITEM_BPMN },
        { name: 'accept.form.json', content: ACCEPT_FORM },
      ],
      scenarioFiles: [
        { name: 'service-item.scenarios.yaml', content: serviceItemWhatIf(30) },
        { name: 'bad.scenarios.yaml', content: serviceItemWhatIf(5).replace('一个月的申请', '填错表').replace('受理: 9, 不予受理: 1', '同意: 1') },
      ],
    });
    const [good, bad] = report.processes[0].scenarios;
    expect(good.passed).toBe(true);
    expect(good.whatIf!.completed).toBe(30);
    expect(bad.passed).toBe(false);
    expect(bad.failure!.message).toMatch(/^completing accept with .* was rejected by its form accept: \/acceptDecision: /);
  }, 600_000);
});

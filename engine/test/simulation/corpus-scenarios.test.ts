import { beforeAll, describe, expect, it } from 'vitest';
import { runSimulation, type ProcessReport, type ScenarioReport } from '../../src/simulation/index.js';
import { prCreatedResources } from './simulation-fixtures.js';

/**
 * The zeebe-process-test corpus's pr-created process, as its upstream tests drive it: a PR message starts it,
 * a review message correlated on prId approves it, automated tests run in a called process, merge and deploy
 * follow. With one day passing before the review, the timer reminds the reviewer first.
 */
const scenarios = `
process: prCreatedProcess
mockJobs:
  runTests: { variables: { testsPassed: true } }
  deploySnapshot: {}
  remindReviewer: {}
scenarios:
  - name: review arrives within the day
    start: { message: { name: prCreated, variables: { prId: PR-1 } } }
    steps:
      - expect: { waitingAt: [requestReview], passed: [runTests, triggerTests] }
      - completeTask: { element: requestReview }
      - advanceTime: PT23H
      - expect: { waitingAt: [Gateway_1wymgxc], notPassed: [remindReviewerTimer] }
      - publishMessage: { name: reviewReceived, correlationKey: PR-1, variables: { reviewResult: approved } }
      - expect: { waitingAt: [mergeCode], variables: { reviewResult: approved, prId: PR-1 } }
      - completeTask: { element: mergeCode }
      - expect: { completed: true, endEvent: Event_12sbcc5, passed: [requestReview, reviewReceived, mergeCode, deploySnapshot], notPassed: [remindReviewer, makeChanges] }

  - name: a day passes before the review
    start: { message: { name: prCreated, variables: { prId: PR-2 } } }
    steps:
      - completeTask: { element: requestReview }
      - advanceTime: P1D
      - expect: { passed: [remindReviewerTimer, remindReviewer], waitingAt: [Gateway_1wymgxc] }
      - publishMessage: { name: reviewReceived, correlationKey: PR-2, variables: { reviewResult: approved } }
      - completeTask: { element: mergeCode }
      - expect: { completed: true, endEvent: Event_12sbcc5, notPassed: [makeChanges] }

  - name: merge expected before the review (must fail)
    start: { message: { name: prCreated, variables: { prId: PR-3 } } }
    steps:
      - completeTask: { element: requestReview }
      - expect: { waitingAt: [mergeCode] }

  - name: a review for another PR does not correlate (must fail)
    start: { message: { name: prCreated, variables: { prId: PR-4 } } }
    steps:
      - completeTask: { element: requestReview }
      - publishMessage: { name: reviewReceived, correlationKey: PR-9, variables: { reviewResult: approved } }
      - completeTask: { element: mergeCode }
`;

describe('scenarios on the zeebe-process-test corpus (pr-created)', () => {
  let process: ProcessReport;
  const scenario = (name: string): ScenarioReport => {
    const found = process.scenarios.find((s) => s.name === name);
    if (!found) throw new Error(`no scenario ${name}`);
    return found;
  };

  beforeAll(async () => {
    const report = await runSimulation({ resources: prCreatedResources(), scenarioFiles: [{ name: 'pr-created.scenarios.yaml', content: scenarios }] });
    expect(report.processes.map((p) => p.bpmnProcessId)).toEqual(['prCreatedProcess']);
    process = report.processes[0];
  }, 600_000);

  it('passes the path without the timer, and the timer stays untouched before a day is over', () => {
    const r = scenario('review arrives within the day');
    expect(r.failure).toBeUndefined();
    expect(r.passed).toBe(true);
    expect(r.path.slice(0, 3)).toEqual(['prCreated', 'Flow_08fzhxf', 'Gateway_0lfyniu']);
    expect(r.path).not.toContain('remindReviewerTimer');
    expect(r.path.slice(-5)).toEqual(['mergeCode', 'Flow_0z95e7o', 'deploySnapshot', 'Flow_1noo0lv', 'Event_12sbcc5']);
  });

  it('passes the path through the one-day timer, which reminds the reviewer first', () => {
    const r = scenario('a day passes before the review');
    expect(r.failure).toBeUndefined();
    const timer = r.path.indexOf('remindReviewerTimer');
    expect(timer).toBeGreaterThan(r.path.indexOf('requestReview'));
    expect(r.path.indexOf('remindReviewer')).toBeGreaterThan(timer);
    expect(r.path.indexOf('reviewReceived')).toBeGreaterThan(r.path.indexOf('remindReviewer'));
    expect(r.path.at(-1)).toBe('Event_12sbcc5');
  });

  it('fails a wrong expectation with the step, what was expected and found, and the path so far', () => {
    const r = scenario('merge expected before the review (must fail)');
    expect(r.passed).toBe(false);
    expect(r.failure).toMatchObject({
      step: 2,
      action: 'expect',
      expected: { waitingAt: ['mergeCode'] },
      found: { waitingAt: ['Gateway_1wymgxc'] },
    });
    expect(r.failure!.message).toMatch(/expected the instance to wait at \[mergeCode\].*active: \[Gateway_1wymgxc\]/);
    expect(r.path.at(-1)).toBe('Gateway_1wymgxc');
  });

  it('fails completing a task that is not open, naming where the instance waits', () => {
    const r = scenario('a review for another PR does not correlate (must fail)');
    expect(r.failure).toMatchObject({ step: 3, action: 'completeTask' });
    expect(r.failure!.message).toBe('no user task is open at mergeCode; the instance waits at [Gateway_1wymgxc]');
  });

  it('reports the coverage over all four scenarios: only the rejection loop is untaken', () => {
    expect(process.passed).toBe(2);
    expect(process.failed).toBe(2);
    expect(process.untakenElements).toEqual(['makeChanges']);
    expect(process.untakenFlows.sort()).toEqual(['Flow_027ii8w', 'Flow_127uj0e']);
    expect(process.elementCoverage).toBe(Math.round((13 / 14) * 10_000) / 10_000);
    expect(process.flowCoverage).toBe(14 / 16);
  });
});

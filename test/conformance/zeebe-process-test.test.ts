import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStores } from '../../engine/test/support/test-stores.js';
import { TestEngine } from '../../engine/test/support/test-engine.js';

/** The executable examples of camunda/zeebe-process-test, run as its README says (../shared/corpora). */
const corpus = new URL('../../../shared/corpora/zeebe-process-test/', import.meta.url);
const files = readdirSync(corpus).filter((f) => f.endsWith('.bpmn'));
const read = (name: string) => ({ name, content: readFileSync(new URL(name, corpus)) });
const DAY = 24 * 3600 * 1000;

describe.each(testStores)('zeebe-process-test corpus on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  it('every file deploys', async () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
    for (const file of files) {
      const result = await t.engine.deploy([read(file)]);
      expect(result.processes.length, file).toBeGreaterThan(0);
    }
  });

  it('start-end and alternate-start-end complete', async () => {
    await t.engine.deploy([read('start-end.bpmn'), read('alternate-start-end.bpmn')]);
    for (const id of ['start-end', 'alternate-start-end']) expect(await t.state(await t.start(id))).toBe('COMPLETED');
  });

  it('multiple-tasks: three service-task jobs, then the instance completes', async () => {
    await t.engine.deploy([read('multiple-tasks.bpmn')]);
    const pi = await t.start('multiple-tasks');
    let total = 0;
    for (let i = 0; i < 5 && (await t.state(pi)) === 'ACTIVE'; i++) total += await t.completeJobs('test');
    expect(total).toBe(3);
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('looping-servicetask: the loop runs while its condition holds', async () => {
    await t.engine.deploy([read('looping-servicetask.bpmn')]);
    const pi = await t.start('looping-servicetask', { totalLoops: 4 });
    let runs = 0;
    while ((await t.state(pi)) === 'ACTIVE' && runs < 20) runs += await t.completeJobs('test');
    expect(runs).toBe(4);
    expect(await t.variables(pi)).toMatchObject({ loopAmount: 4 });
  });

  it('call-activity and multiple-call-activity call their children by process id', async () => {
    await t.engine.deploy([read('start-end.bpmn'), read('alternate-start-end.bpmn'), read('call-activity.bpmn'), read('multiple-call-activity.bpmn')]);
    const pi = await t.start('multiple-call-activity');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toEqual(expect.arrayContaining(['callactivityOne', 'callactivityTwo']));
  });

  it('message-event correlates with its correlation key; message-start-event starts an instance', async () => {
    await t.engine.deploy([read('message-event.bpmn'), read('message-start-event.bpmn')]);
    const pi = await t.start('message-event', { correlationKey: 'k-1' });
    expect(await t.state(pi)).toBe('ACTIVE');
    await t.engine.publishMessage({ name: 'message', correlationKey: 'k-1' });
    expect(await t.state(pi)).toBe('COMPLETED');
    await t.engine.publishMessage({ name: 'start-message', correlationKey: '' });
    const started = (await t.records()).filter((r) => r.valueType === 'PROCESS_INSTANCE' && (r.value as any).bpmnProcessId === 'message-start-event' && r.intent === 'ELEMENT_COMPLETED' && (r.value as any).bpmnElementType === 'PROCESS');
    expect(started).toHaveLength(1);
  });

  it('test_timer_events: the one-second flow ends at its terminate end event and cancels the 30-day timer', async () => {
    await t.engine.deploy([read('test_timer_events.bpmn')]);
    const pi = await t.start('Process_Timer_Test_01');
    await t.completeJobs('SimpleLog01');
    await t.engine.advanceTime(999);
    expect(await t.state(pi)).toBe('ACTIVE');
    await t.engine.advanceTime(1);
    expect(await t.completedElements(pi)).toContain('EndEvent_FastFlow');
    expect(await t.terminatedElements(pi)).toContain('TimerEvent_Wait30d');
    expect(await t.state(pi)).toBe('COMPLETED');
    await t.engine.advanceTime(30 * DAY);
    expect(await t.completedElements(pi)).not.toContain('EndEvent_SlowFlow');
  });

  it('timer-start-event-daily starts an instance every day', async () => {
    await t.engine.deploy([read('timer-start-event-daily.bpmn')]);
    await t.engine.advanceTime(3 * DAY);
    const completed = (await t.records()).filter((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as any).bpmnElementType === 'PROCESS');
    expect(completed).toHaveLength(3);
  });

  it('named-elements and named-elements-v2 are two versions of one process id', async () => {
    const v1 = await t.engine.deploy([read('named-elements.bpmn')]);
    const v2 = await t.engine.deploy([read('named-elements-v2.bpmn')]);
    expect(v1.processes[0]).toMatchObject({ bpmnProcessId: 'NamedProcess', version: 1 });
    expect(v2.processes[0]).toMatchObject({ bpmnProcessId: 'NamedProcess', version: 2 });
  });

  async function runPrCreated(withTimer: boolean) {
    await t.engine.deploy([read('pr-created.bpmn'), read('automated-tests.bpmn')]);
    await t.engine.publishMessage({ name: 'prCreated', correlationKey: '', variables: { prId: 'PR-7' } });
    const root = (await t.records()).find((r) => r.intent === 'ELEMENT_ACTIVATING' && (r.value as any).bpmnProcessId === 'prCreatedProcess' && (r.value as any).bpmnElementType === 'PROCESS')!;
    const pi = root.key;
    expect(await t.activeElements(pi)).toEqual(expect.arrayContaining(['requestReview']));
    expect(await t.completeJobs('io.camunda.zeebe:userTask')).toBe(1);
    if (withTimer) {
      await t.engine.advanceTime(DAY);
      expect(await t.completeJobs('remindReviewer')).toBe(1);
    }
    await t.engine.publishMessage({ name: 'reviewReceived', correlationKey: 'PR-7', variables: { reviewResult: 'approved' } });
    expect(await t.completeJobs('runTests')).toBe(3);
    for (let i = 0; i < 5 && (await t.state(pi)) === 'ACTIVE'; i++) {
      await t.completeJobs('io.camunda.zeebe:userTask');
      await t.completeJobs('deploySnapshot');
    }
    expect(await t.state(pi)).toBe('COMPLETED');
    const path = await t.completedElements(pi);
    expect(path).toEqual(expect.arrayContaining(['prCreated', 'requestReview', 'reviewReceived', 'triggerTests', 'mergeCode', 'deploySnapshot']));
    expect(path).not.toContain('makeChanges');
    return path;
  }

  it('pr-created: review arrives in time — remindReviewer is never entered', async () => {
    const path = await runPrCreated(false);
    expect(path).not.toContain('remindReviewer');
  });

  it('pr-created: a day passes first — the timer enters remindReviewer, then the same path', async () => {
    const path = await runPrCreated(true);
    expect(path).toContain('remindReviewer');
  });
});

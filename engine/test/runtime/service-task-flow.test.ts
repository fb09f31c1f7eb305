import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, end, ioMapping, processXml, serviceTask, start } from '../support/bpmn-xml.js';

describe.each(testStores)('service tasks and jobs on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  const simple = processXml('simple', [start(), serviceTask('work', 'do-work', '<zeebe:taskHeaders><zeebe:header key="k" value="v" /></zeebe:taskHeaders>'), end(), chain('start', 'work', 'end')].join(''));

  it('runs start → service task → end, with the job carrying headers and variables', async () => {
    const deployment = await t.deploy(simple);
    expect(deployment.processes).toMatchObject([{ bpmnProcessId: 'simple', version: 1 }]);
    const pi = await t.start('simple', { order: 42 });
    expect(await t.activeElements(pi)).toEqual(['work']);
    const [job] = await t.activate('do-work');
    expect(job).toMatchObject({ type: 'do-work', processInstanceKey: pi, elementId: 'work', retries: 3, customHeaders: { k: 'v' }, variables: { order: 42 } });
    await t.engine.completeJob(job.key, { done: true });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toEqual(['start', 'work', 'end', 'simple']);
    expect(await t.variables(pi)).toEqual({ order: 42, done: true });
    const intents = (await t.records(pi))
      .filter((r) => r.valueType === 'PROCESS_INSTANCE' && (r.value as any).elementId === 'work')
      .map((r) => r.intent);
    expect(intents).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('a long-polling activation in the same batch as the job it waits for gets it at once', async () => {
    await t.deploy(simple);
    const waited = Date.now();
    // Queued in one turn: the activation runs first in the batch, finds nothing, and the job appears after it.
    const activation = t.engine.activateJobs({ type: 'do-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 20_000 });
    const started = t.engine.createProcessInstance({ bpmnProcessId: 'simple' });
    const [jobs, { processInstanceKey }] = await Promise.all([activation, started]);
    expect(jobs.map((j) => j.processInstanceKey)).toEqual([processInstanceKey]);
    expect(Date.now() - waited).toBeLessThan(10_000);
  });

  it('records are strictly ordered by position', async () => {
    await t.deploy(simple);
    const pi = await t.start('simple');
    await t.completeJobs('do-work');
    const positions = (await t.records(pi)).map((r) => r.position);
    expect(positions.length).toBeGreaterThan(10);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('deploying the same content again creates no new version; changed content does', async () => {
    await t.deploy(simple);
    const again = await t.deploy(simple);
    expect(again.processes[0].version).toBe(1);
    const changed = await t.deploy(simple.replace('do-work', 'do-other-work'));
    expect(changed.processes[0].version).toBe(2);
    const pi = await t.start('simple');
    expect((await t.activate('do-other-work')).length).toBe(1);
    expect(await t.activeElements(pi)).toEqual(['work']);
  });

  it('applies input and output mappings in their scopes', async () => {
    await t.deploy(
      processXml(
        'mapped',
        [start(), serviceTask('work', 'map', ioMapping({ localAmount: 'amount * 2' }, { total: 'result + localAmount' })), end(), chain('start', 'work', 'end')].join(''),
      ),
    );
    const pi = await t.start('mapped', { amount: 5 });
    const [job] = await t.activate('map');
    expect(job.variables).toMatchObject({ amount: 5, localAmount: 10 });
    await t.engine.completeJob(job.key, { result: 1 });
    const vars = await t.variables(pi);
    expect(vars).toEqual({ amount: 5, total: 11 });
  });

  it('fails a job: retries count down, back-off delays it, no retries raises an incident that resolves after retries are updated', async () => {
    await t.deploy(simple);
    const pi = await t.start('simple');
    let [job] = await t.activate('do-work');
    await t.engine.failJob(job.key, { retries: 2, errorMessage: 'busy', retryBackOff: 60_000 });
    expect(await t.activate('do-work')).toEqual([]);
    await t.engine.advanceTime(60_000);
    [job] = await t.activate('do-work');
    expect(job.retries).toBe(2);
    await t.engine.failJob(job.key, { retries: 0, errorMessage: 'broken for good' });
    const [incident] = await t.incidents(pi);
    expect(incident).toMatchObject({ state: 'ACTIVE', errorType: 'JOB_NO_RETRIES', errorMessage: 'broken for good', elementId: 'work', jobKey: job.key });
    await expect(t.engine.resolveIncident(incident.key)).rejects.toThrow(/no retries left/);
    await t.engine.updateJobRetries(job.key, 1);
    await t.engine.resolveIncident(incident.key);
    expect((await t.incidents(pi))[0].state).toBe('RESOLVED');
    expect(await t.completeJobs('do-work')).toBe(1);
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('a job whose worker lets the lock expire becomes activatable again', async () => {
    await t.deploy(simple);
    await t.start('simple');
    const [job] = await t.engine.activateJobs({ type: 'do-work', worker: 'w1', timeout: 5_000, maxJobsToActivate: 1 });
    expect(await t.activate('do-work')).toEqual([]);
    await t.engine.advanceTime(5_000);
    const [again] = await t.activate('do-work');
    expect(again.key).toBe(job.key);
  });

  it('rejects commands on unknown keys and invalid input clearly', async () => {
    await expect(t.engine.completeJob(123)).rejects.toMatchObject({ type: 'NOT_FOUND' });
    await expect(t.engine.createProcessInstance({ bpmnProcessId: 'nope' })).rejects.toMatchObject({ type: 'NOT_FOUND', message: expect.stringContaining("'nope'") });
    await expect(t.engine.cancelProcessInstance(1)).rejects.toMatchObject({ type: 'NOT_FOUND' });
    await expect(t.engine.resolveIncident(1)).rejects.toMatchObject({ type: 'NOT_FOUND' });
    await t.deploy(simple);
    await expect(t.engine.createProcessInstance({ bpmnProcessId: 'simple', variables: JSON.parse('{"__proto__": {"x": 1}}') })).rejects.toMatchObject({
      type: 'INVALID_ARGUMENT',
    });
    const pi = await t.start('simple');
    const [job] = await t.activate('do-work');
    await t.engine.completeJob(job.key);
    await expect(t.engine.completeJob(job.key)).rejects.toMatchObject({ type: 'NOT_FOUND' });
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('cancels an instance: the job is cancelled and the instance is TERMINATED', async () => {
    await t.deploy(simple);
    const pi = await t.start('simple');
    await t.engine.cancelProcessInstance(pi);
    expect(await t.state(pi)).toBe('TERMINATED');
    expect(await t.activate('do-work')).toEqual([]);
    expect(await t.terminatedElements(pi)).toEqual(['simple', 'work']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, definitions, end, ioMapping, processXml, serviceTask, start } from '../support/bpmn-xml.js';

const mi = (sequential: boolean, completionCondition = '') =>
  `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=depts" inputElement="dept" outputCollection="answers" outputElement="=answer" /></bpmn:extensionElements>${
    completionCondition ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${completionCondition}</bpmn:completionCondition>` : ''
  }</bpmn:multiInstanceLoopCharacteristics>`;

describe.each(testStores)('multi-instance and call activities on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  const whistle = (sequential: boolean, extra = '') =>
    processXml(
      'whistle',
      [start(), `<bpmn:serviceTask id="call"><bpmn:extensionElements><zeebe:taskDefinition type="dept-call" /></bpmn:extensionElements>${mi(sequential, extra)}</bpmn:serviceTask>`, end(), chain('start', 'call', 'end')].join(''),
    );

  it('parallel: one job per item with the input element and loop counter, outputs collected in order', async () => {
    await t.deploy(whistle(false));
    const pi = await t.start('whistle', { depts: ['公安', '消防', '市场监管'] });
    const jobs = await t.activate('dept-call');
    expect(jobs.map((j) => [j.variables.dept, j.variables.loopCounter])).toEqual([
      ['公安', 1],
      ['消防', 2],
      ['市场监管', 3],
    ]);
    for (const job of [...jobs].reverse()) await t.engine.completeJob(job.key, { answer: `${job.variables.dept}接单` });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect((await t.variables(pi)).answers).toEqual(['公安接单', '消防接单', '市场监管接单']);
    expect(await t.variables(pi)).not.toHaveProperty('dept');
  });

  it('sequential: the next instance starts when the previous completes', async () => {
    await t.deploy(whistle(true));
    const pi = await t.start('whistle', { depts: ['a', 'b'] });
    let jobs = await t.activate('dept-call');
    expect(jobs.map((j) => j.variables.dept)).toEqual(['a']);
    await t.engine.completeJob(jobs[0].key, { answer: 1 });
    jobs = await t.activate('dept-call');
    expect(jobs.map((j) => j.variables.dept)).toEqual(['b']);
    await t.engine.completeJob(jobs[0].key, { answer: 2 });
    expect((await t.variables(pi)).answers).toEqual([1, 2]);
  });

  it('the completion condition ends the remaining instances', async () => {
    await t.deploy(whistle(false, '=numberOfCompletedInstances &gt;= 2'));
    const pi = await t.start('whistle', { depts: ['a', 'b', 'c'] });
    const jobs = await t.activate('dept-call');
    await t.engine.completeJob(jobs[0].key, { answer: 'x' });
    await t.engine.completeJob(jobs[1].key, { answer: 'y' });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect((await t.variables(pi)).answers).toEqual(['x', 'y', null]);
    expect(await t.activate('dept-call')).toEqual([]);
  });

  it('an empty collection completes at once; a non-list raises an incident', async () => {
    await t.deploy(whistle(false));
    const empty = await t.start('whistle', { depts: [] });
    expect(await t.state(empty)).toBe('COMPLETED');
    const bad = await t.start('whistle', { depts: 'all' });
    const [incident] = await t.incidents(bad);
    expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.errorMessage).toContain('ARRAY');
  });

  it('a call activity runs the child with the parent variables and merges the child variables back', async () => {
    await t.deploy(
      definitions(
        `<bpmn:process id="parent" isExecutable="true">${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" propagateAllChildVariables="true" /></bpmn:extensionElements></bpmn:callActivity>${end()}${chain('start', 'call', 'end')}</bpmn:process>
         <bpmn:process id="child" isExecutable="true">${start('cs')}${serviceTask('cw', 'child-work')}${end('ce')}${chain('cs', 'cw', 'ce')}</bpmn:process>`,
      ),
    );
    const pi = await t.start('parent', { caseNo: 'X-1' });
    const [job] = await t.activate('child-work');
    expect(job.variables).toEqual({ caseNo: 'X-1' });
    expect(job.bpmnProcessId).toBe('child');
    await t.engine.completeJob(job.key, { result: 'ok' });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.variables(pi)).toEqual({ caseNo: 'X-1', result: 'ok' });
  });

  it('a call activity with output mappings and propagateAllChildVariables=false returns only what is mapped; cancelling the parent ends the child', async () => {
    await t.deploy(
      definitions(
        `<bpmn:process id="parent" isExecutable="true">${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" propagateAllChildVariables="false" />${ioMapping({}, { outcome: 'result' })}</bpmn:extensionElements></bpmn:callActivity>${end()}${chain('start', 'call', 'end')}</bpmn:process>
         <bpmn:process id="child" isExecutable="true">${start('cs')}${serviceTask('cw', 'child-work')}${end('ce')}${chain('cs', 'cw', 'ce')}</bpmn:process>`,
      ),
    );
    const pi = await t.start('parent');
    await t.completeJobs('child-work', { result: 'done', noise: 1 });
    expect(await t.variables(pi)).toEqual({ outcome: 'done' });

    const second = await t.start('parent');
    const childKey = (await t.activate('child-work'))[0].processInstanceKey;
    await expect(t.engine.cancelProcessInstance(childKey)).rejects.toMatchObject({ type: 'INVALID_STATE' });
    await t.engine.cancelProcessInstance(second);
    expect(await t.state(second)).toBe('TERMINATED');
    expect(await t.state(childKey)).toBe('TERMINATED');
  });

  it('a call activity to a process that is not deployed raises an incident; deploying it and resolving goes on', async () => {
    await t.deploy(processXml('caller', [start(), `<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="later" /></bpmn:extensionElements></bpmn:callActivity>`, end(), chain('start', 'call', 'end')].join('')));
    const pi = await t.start('caller');
    const [incident] = await t.incidents(pi);
    expect(incident).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
    await t.deploy(processXml('later', [start('ls'), end('le'), chain('ls', 'le')].join('')), 'later.bpmn');
    await t.engine.resolveIncident(incident.key);
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('an error thrown in a child is caught by a boundary on the call activity', async () => {
    await t.deploy(
      definitions(
        `<bpmn:process id="parent" isExecutable="true">${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity><bpmn:boundaryEvent id="failed" attachedToRef="call"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>${end()}${end('failedEnd')}${chain('start', 'call', 'end')}${chain('failed', 'failedEnd')}</bpmn:process>
         <bpmn:process id="child" isExecutable="true">${start('cs')}${serviceTask('cw', 'child-work')}${end('ce')}${chain('cs', 'cw', 'ce')}</bpmn:process>`,
      ),
    );
    const pi = await t.start('parent');
    const [job] = await t.activate('child-work');
    await t.engine.throwError(job.key, 'ANY');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toContain('failedEnd');
    expect(await t.state(job.processInstanceKey)).toBe('TERMINATED');
  });
});

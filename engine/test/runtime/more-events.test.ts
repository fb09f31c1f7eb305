import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, definitions, end, processXml, serviceTask, start } from '../support/bpmn-xml.js';

const HOUR = 3600 * 1000;
const msg = (id: string, name: string) =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNo" /></bpmn:extensionElements></bpmn:message>`;

describe.each(testStores)('more events on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  it('message and signal boundary events: interrupting message, non-interrupting signal', async () => {
    await t.deploy(
      processXml(
        'b',
        [
          start(),
          serviceTask('work', 'work'),
          `<bpmn:boundaryEvent id="withdrawn" attachedToRef="work"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>`,
          `<bpmn:boundaryEvent id="alert" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="s" /></bpmn:boundaryEvent>`,
          serviceTask('note', 'note'),
          end(),
          end('wEnd'),
          end('aEnd'),
          chain('start', 'work', 'end'),
          chain('withdrawn', 'wEnd'),
          chain('alert', 'note', 'aEnd'),
        ].join(''),
        `${msg('m', 'withdraw')}<bpmn:signal id="s" name="typhoon" />`,
      ),
    );
    const pi = await t.start('b', { caseNo: 'B-1' });
    await t.engine.broadcastSignal('typhoon');
    expect((await t.activeElements(pi)).sort()).toEqual(['note', 'work']);
    await t.engine.publishMessage({ name: 'withdraw', correlationKey: 'B-1', variables: { why: '申请人撤回' } });
    expect(await t.terminatedElements(pi)).toEqual(['work']);
    await t.completeJobs('note');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toEqual(expect.arrayContaining(['withdrawn', 'wEnd', 'alert', 'aEnd']));
    expect(await t.variables(pi)).toMatchObject({ why: '申请人撤回' });
  });

  it('timer and error event sub-processes: a non-interrupting timer, an interrupting error', async () => {
    await t.deploy(
      processXml(
        'esp2',
        [
          start(),
          serviceTask('work', 'work'),
          end(),
          chain('start', 'work', 'end'),
          `<bpmn:subProcess id="remind" triggeredByEvent="true"><bpmn:startEvent id="rStart" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>${serviceTask('ping', 'ping')}${end('rEnd')}${chain('rStart', 'ping', 'rEnd')}</bpmn:subProcess>`,
          `<bpmn:subProcess id="failed" triggeredByEvent="true"><bpmn:startEvent id="fStart"><bpmn:errorEventDefinition errorRef="e" /></bpmn:startEvent>${end('fEnd')}${chain('fStart', 'fEnd')}</bpmn:subProcess>`,
        ].join(''),
        `<bpmn:error id="e" errorCode="DEPT_REFUSED" />`,
      ),
    );
    const pi = await t.start('esp2');
    await t.engine.advanceTime(2 * HOUR);
    expect(await t.completeJobs('ping')).toBe(1);
    const [job] = await t.activate('work');
    await t.engine.throwError(job.key, 'DEPT_REFUSED', '部门退单', { refuseBasis: '不属于职责清单' });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toEqual(expect.arrayContaining(['fStart', 'fEnd', 'failed']));
    expect(await t.variables(pi)).toMatchObject({ refuseBasis: '不属于职责清单' });
  });

  it('send tasks and message end events run as jobs; a signal end event broadcasts', async () => {
    await t.deploy(
      definitions(
        `<bpmn:process id="sender" isExecutable="true">${start()}<bpmn:sendTask id="send"><bpmn:extensionElements><zeebe:taskDefinition type="sms" /></bpmn:extensionElements></bpmn:sendTask><bpmn:endEvent id="end"><bpmn:messageEventDefinition /><bpmn:extensionElements><zeebe:taskDefinition type="publish" /></bpmn:extensionElements></bpmn:endEvent>${chain('start', 'send', 'end')}</bpmn:process>
         <bpmn:process id="alarm" isExecutable="true">${start('as')}<bpmn:endEvent id="ae"><bpmn:signalEventDefinition signalRef="s" /></bpmn:endEvent>${chain('as', 'ae')}</bpmn:process>
         <bpmn:process id="listener" isExecutable="true">${start('ls')}<bpmn:intermediateCatchEvent id="heard"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>${end('le')}${chain('ls', 'heard', 'le')}</bpmn:process>`,
        `<bpmn:signal id="s" name="evacuate" />`,
      ),
    );
    const pi = await t.start('sender');
    expect(await t.completeJobs('sms')).toBe(1);
    expect(await t.state(pi)).toBe('ACTIVE');
    expect(await t.completeJobs('publish')).toBe(1);
    expect(await t.state(pi)).toBe('COMPLETED');
    const listener = await t.start('listener');
    await t.start('alarm');
    expect(await t.state(listener)).toBe('COMPLETED');
  });

  it('a call activity by version tag calls that version, not the latest', async () => {
    const child = (type: string) =>
      definitions(`<bpmn:process id="child" isExecutable="true"><bpmn:extensionElements><zeebe:versionTag value="${type}" /></bpmn:extensionElements>${start('cs')}${serviceTask('cw', type)}${end('ce')}${chain('cs', 'cw', 'ce')}</bpmn:process>`);
    await t.deploy(child('v-one'), 'child.bpmn');
    await t.deploy(child('v-two'), 'child.bpmn');
    await t.deploy(
      processXml('parent', [start(), `<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" bindingType="versionTag" versionTag="v-one" /></bpmn:extensionElements></bpmn:callActivity>`, end(), chain('start', 'call', 'end')].join('')),
      'parent.bpmn',
    );
    await t.start('parent');
    expect(await t.completeJobs('v-two')).toBe(0);
    expect(await t.completeJobs('v-one')).toBe(1);
  });

  it('the record stream of an instance is complete: every element activated is completed or terminated', async () => {
    await t.deploy(processXml('rec', [start(), serviceTask('a', 'a'), end(), chain('start', 'a', 'end')].join('')));
    const pi = await t.start('rec', { x: 1 });
    await t.completeJobs('a', { y: 2 });
    const records = await t.records(pi);
    const activated = records.filter((r) => r.intent === 'ELEMENT_ACTIVATING').map((r) => r.key);
    const ended = records.filter((r) => r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED').map((r) => r.key);
    expect(new Set(ended)).toEqual(new Set(activated));
    expect(records.filter((r) => r.valueType === 'JOB').map((r) => r.intent)).toEqual(['CREATED', 'ACTIVATED', 'COMPLETED']);
    expect(records.filter((r) => r.valueType === 'VARIABLE').map((r) => `${r.intent}:${(r.value as any).name}`)).toEqual(['CREATED:x', 'CREATED:y']);
    expect(records.filter((r) => r.intent === 'SEQUENCE_FLOW_TAKEN')).toHaveLength(2);
  });
});

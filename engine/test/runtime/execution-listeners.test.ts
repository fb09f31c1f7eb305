import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, end, escape, flow, ioMapping, processXml, serviceTask, start, userTask } from '../support/bpmn-xml.js';

const HOUR = 3600 * 1000;

type Listener = [eventType: string, type: string, retries?: string];

/** zeebe:executionListeners with the listeners in the given order. */
function listeners(...list: Listener[]): string {
  const items = list.map(
    ([eventType, type, retries]) =>
      `<zeebe:executionListener eventType="${eventType}" type="${escape(type)}"${retries ? ` retries="${retries}"` : ''} />`,
  );
  return `<zeebe:executionListeners>${items.join('')}</zeebe:executionListeners>`;
}

/** A process whose own extension elements are given (process-level listeners). */
function processWith(id: string, extensions: string, body: string, extra = ''): string {
  return processXml(id, body, extra).replace(
    `<bpmn:process id="${id}" isExecutable="true">`,
    `<bpmn:process id="${id}" isExecutable="true"><bpmn:extensionElements>${extensions}</bpmn:extensionElements>`,
  );
}

describe.each(testStores)('execution listeners on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  /** Element lifecycle and job creation of an instance, in stream order: 'work:ELEMENT_ACTIVATED', 'job:audit:START'. */
  async function trace(pi: number): Promise<string[]> {
    const lines: string[] = [];
    for (const r of await t.records(pi)) {
      const v = r.value as Record<string, any>;
      if (r.valueType === 'PROCESS_INSTANCE' && r.intent !== 'SEQUENCE_FLOW_TAKEN') lines.push(`${v.elementId}:${r.intent}`);
      if (r.valueType === 'JOB' && r.intent === 'CREATED') {
        lines.push(v.kind === 'EXECUTION_LISTENER' ? `job:${v.type}:${v.listenerEventType}` : `job:${v.type}`);
      }
    }
    return lines;
  }

  /** Activates the single job of a type and completes it with variables; returns the job as the worker saw it. */
  async function work(type: string, variables: Record<string, unknown> = {}) {
    const jobs = await t.activate(type);
    expect(jobs, `one job of type '${type}'`).toHaveLength(1);
    await t.engine.completeJob(jobs[0].key, variables);
    return jobs[0];
  }

  it('a service task runs its start listener before its job is created and its end listener after the job, as jobs of kind EXECUTION_LISTENER', async () => {
    await t.deploy(
      processXml('svc', [start(), serviceTask('work', 'charge', listeners(['start', 'before-charge'], ['end', 'after-charge'])), end(), chain('start', 'work', 'end')].join('')),
    );
    const pi = await t.start('svc');
    expect(await t.activate('charge')).toEqual([]);
    expect(await t.activeElements(pi)).toEqual(['work']);

    const startJob = await work('before-charge');
    expect(startJob).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START', elementId: 'work', retries: 3 });
    const taskJob = await work('charge');
    expect(taskJob).toMatchObject({ kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED' });
    expect(await t.state(pi)).toBe('ACTIVE');
    const endJob = await work('after-charge');
    expect(endJob).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'END', elementInstanceKey: taskJob.elementInstanceKey });
    expect(await t.state(pi)).toBe('COMPLETED');

    const lines = await trace(pi);
    const at = (line: string) => lines.indexOf(line);
    expect(at('work:ELEMENT_ACTIVATING')).toBeLessThan(at('job:before-charge:START'));
    // As in Zeebe, the element's own job is created just before it is ACTIVATED.
    expect(at('job:before-charge:START')).toBeLessThan(at('job:charge'));
    expect(at('job:charge')).toBeLessThan(at('work:ELEMENT_ACTIVATED'));
    expect(at('work:ELEMENT_COMPLETING')).toBeLessThan(at('job:after-charge:END'));
    expect(at('job:after-charge:END')).toBeLessThan(at('work:ELEMENT_COMPLETED'));
    expect(at('work:ELEMENT_COMPLETED')).toBeLessThan(at('end:ELEMENT_ACTIVATING'));
    const created = (await t.records(pi)).filter((r) => r.valueType === 'JOB' && r.intent === 'CREATED').map((r) => r.value);
    expect(created[1]).toMatchObject({ type: 'charge', kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED' });
  });

  it('listeners of one event type run one after another in declaration order, each seeing what the earlier ones set', async () => {
    await t.deploy(
      processXml('order', [start(), serviceTask('work', 'task', listeners(['start', 'first'], ['start', 'second'], ['start', 'third'], ['end', 'last'])), end(), chain('start', 'work', 'end')].join('')),
    );
    const pi = await t.start('order');
    expect(await t.activate('second')).toEqual([]);
    await work('first', { seen: ['first'] });
    expect(await t.activate('third')).toEqual([]);
    const second = await work('second', { seen: ['first', 'second'] });
    expect(second.variables).toMatchObject({ seen: ['first'] });
    const third = await work('third');
    expect(third.variables).toMatchObject({ seen: ['first', 'second'] });
    await work('task');
    await work('last');
    expect(await t.state(pi)).toBe('COMPLETED');
    const jobs = (await trace(pi)).filter((line) => line.startsWith('job:'));
    expect(jobs).toEqual(['job:first:START', 'job:second:START', 'job:third:START', 'job:task', 'job:last:END']);
  });

  it("a start listener's variables are local to the element: its job type, input and job see them, the process does not", async () => {
    await t.deploy(
      processXml(
        'vars',
        [start(), serviceTask('work', escape('="charge-" + channel'), listeners(['start', 'prepare']) + ioMapping({ base: 'amount' })), end(), chain('start', 'work', 'end')].join(''),
      ),
    );
    const pi = await t.start('vars', { amount: 100 });
    const prepare = await work('prepare', { channel: 'online', fee: 5 });
    expect(prepare.variables).toMatchObject({ amount: 100, base: 100 });
    const job = await work('charge-online');
    expect(job.variables).toMatchObject({ fee: 5, base: 100, channel: 'online' });
    expect(await t.state(pi)).toBe('COMPLETED');
    const rootVariables = await t.variables(pi);
    expect(rootVariables).toMatchObject({ amount: 100 });
    expect(rootVariables).not.toHaveProperty('fee');
    expect(rootVariables).not.toHaveProperty('channel');
  });

  it("an end listener sees the output mappings' results and sets variables in the element's flow scope", async () => {
    await t.deploy(
      processXml(
        'outs',
        [start(), serviceTask('work', 'calc', listeners(['end', 'audit']) + ioMapping({}, { total: 'sum' })), serviceTask('next', 'next'), end(), chain('start', 'work', 'next', 'end')].join(''),
      ),
    );
    const pi = await t.start('outs');
    await work('calc', { sum: 42 });
    const audit = await work('audit', { audited: true });
    expect(audit.variables).toMatchObject({ total: 42, sum: 42 });
    expect(await t.variables(pi)).toMatchObject({ total: 42, audited: true });
    const next = await work('next');
    expect(next.variables).toMatchObject({ audited: true });
  });

  it('a user task waits for its start listener before it is a task, and listener jobs never appear in the task list', async () => {
    await t.deploy(
      processXml(
        'ut',
        [
          start(),
          userTask('review', `<zeebe:formDefinition formKey="gongzhi:form:review" />${listeners(['start', 'io.camunda.zeebe:userTask'], ['end', 'notify'])}`),
          end(),
          chain('start', 'review', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('ut');
    const tasks = async () =>
      (await t.store.db.executeQuery<Record<string, any>>(CompiledQuery.raw('SELECT key, state FROM user_task_view WHERE process_instance_key = $1 ORDER BY key', [pi]))).rows;
    expect(await tasks()).toEqual([]);
    // The listener's job has the user-task job type, yet it is a listener job: no task, no user-task data.
    const listenerJob = await work('io.camunda.zeebe:userTask');
    expect(listenerJob).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START' });
    expect(listenerJob.userTask).toBeUndefined();
    const [task] = await t.activate('io.camunda.zeebe:userTask');
    expect(task).toMatchObject({ kind: 'BPMN_ELEMENT' });
    expect(task.userTask).toMatchObject({ formKey: 'gongzhi:form:review' });
    expect((await tasks()).map((row) => Number(row.key))).toEqual([task.key]);
    await t.engine.completeJob(task.key);
    expect(await t.state(pi)).toBe('ACTIVE');
    await work('notify');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await tasks()).toEqual([{ key: expect.anything(), state: 'COMPLETED' }]);
  });

  it('a sub-process runs its start listener before its start event and its end listener after its end event', async () => {
    await t.deploy(
      processXml(
        'sub',
        [
          start(),
          `<bpmn:subProcess id="inner"><bpmn:extensionElements>${listeners(['start', 'sub-start'], ['end', 'sub-end'])}</bpmn:extensionElements>${start('innerStart')}${serviceTask('innerWork', 'inner-work')}${end('innerEnd')}${chain('innerStart', 'innerWork', 'innerEnd')}</bpmn:subProcess>`,
          serviceTask('after', 'after'),
          end(),
          chain('start', 'inner', 'after', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('sub');
    expect(await t.activeElements(pi)).toEqual([]);
    await work('sub-start', { fromListener: 'yes' });
    const inner = await work('inner-work');
    expect(inner.variables).toMatchObject({ fromListener: 'yes' });
    expect(await t.activate('after')).toEqual([]);
    await work('sub-end');
    await work('after');
    expect(await t.state(pi)).toBe('COMPLETED');
    const lines = await trace(pi);
    const at = (line: string) => lines.indexOf(line);
    expect(at('job:sub-start:START')).toBeLessThan(at('innerStart:ELEMENT_ACTIVATING'));
    expect(at('innerEnd:ELEMENT_COMPLETED')).toBeLessThan(at('job:sub-end:END'));
    expect(at('job:sub-end:END')).toBeLessThan(at('inner:ELEMENT_COMPLETED'));
  });

  it('a start listener on an exclusive gateway sets the variable its conditions choose by', async () => {
    const gateway = `<bpmn:exclusiveGateway id="route"><bpmn:extensionElements>${listeners(['start', 'decide'])}</bpmn:extensionElements></bpmn:exclusiveGateway>`;
    await t.deploy(
      processXml(
        'gw',
        [start(), gateway, end('street'), end('community'), flow('f0', 'start', 'route'), flow('toStreet', 'route', 'street', 'level = "street"'), flow('toCommunity', 'route', 'community', 'level = "community"')].join(''),
      ),
    );
    const pi = await t.start('gw');
    expect(await t.activeElements(pi)).toEqual(['route']);
    await work('decide', { level: 'community' });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toEqual(['start', 'route', 'community', 'gw']);
  });

  it('an intermediate timer catch event takes its duration from a start listener and runs its end listener after it fires', async () => {
    const timer = `<bpmn:intermediateCatchEvent id="wait"><bpmn:extensionElements>${listeners(['start', 'plan'], ['end', 'woke'])}</bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>=waitFor</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    await t.deploy(processXml('timer', [start(), timer, end(), chain('start', 'wait', 'end')].join('')));
    const pi = await t.start('timer');
    await t.engine.advanceTime(3 * HOUR);
    expect(await t.activeElements(pi)).toEqual(['wait']);
    await work('plan', { waitFor: 'PT2H' });
    await t.engine.advanceTime(2 * HOUR - 1);
    expect(await t.activate('woke')).toEqual([]);
    await t.engine.advanceTime(1);
    await work('woke');
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('an intermediate message catch event correlates by a key a start listener computed; its end listener sees the message variables', async () => {
    const catchEvent = `<bpmn:intermediateCatchEvent id="paid"><bpmn:extensionElements>${listeners(['start', 'key'], ['end', 'receipt'])}</bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>`;
    const message = '<bpmn:message id="m" name="payment"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderKey" /></bpmn:extensionElements></bpmn:message>';
    await t.deploy(processXml('msg', [start(), catchEvent, end(), chain('start', 'paid', 'end')].join(''), message));
    const pi = await t.start('msg');
    // Published before the subscription exists and without a TTL: it must not correlate.
    await t.engine.publishMessage({ name: 'payment', correlationKey: 'A-1', variables: { early: true } });
    await work('key', { orderKey: 'A-1' });
    await t.engine.publishMessage({ name: 'payment', correlationKey: 'A-1', variables: { amount: 12 } });
    const receipt = await work('receipt');
    expect(receipt.variables).toMatchObject({ amount: 12 });
    expect(receipt.variables).not.toHaveProperty('early');
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('process listeners: start before the start event, end after the end event; their variables are process variables', async () => {
    await t.deploy(
      processWith('proc', listeners(['start', 'opened'], ['end', 'closed']), [start(), serviceTask('work', 'work'), end(), chain('start', 'work', 'end')].join('')),
    );
    const pi = await t.start('proc', { caseNo: 'C-1' });
    const opened = await work('opened', { openedBy: 'listener' });
    expect(opened).toMatchObject({ elementId: 'proc', elementInstanceKey: pi, listenerEventType: 'START' });
    expect(opened.variables).toMatchObject({ caseNo: 'C-1' });
    const job = await work('work');
    expect(job.variables).toMatchObject({ openedBy: 'listener' });
    expect(await t.state(pi)).toBe('ACTIVE');
    await work('closed', { closedBy: 'listener' });
    expect(await t.state(pi)).toBe('COMPLETED');
    const lines = await trace(pi);
    const at = (line: string) => lines.indexOf(line);
    expect(at('job:opened:START')).toBeLessThan(at('start:ELEMENT_ACTIVATING'));
    expect(at('end:ELEMENT_COMPLETED')).toBeLessThan(at('job:closed:END'));
    expect(at('job:closed:END')).toBeLessThan(at('proc:ELEMENT_COMPLETED'));
    expect(await t.variables(pi)).toMatchObject({ openedBy: 'listener', closedBy: 'listener' });
  });

  it('a listener job failed to 0 retries raises EXECUTION_LISTENER_NO_RETRIES; resolving runs that listener again, not the earlier ones', async () => {
    await t.deploy(
      processXml('fails', [start(), serviceTask('work', 'work', listeners(['start', 'one'], ['start', 'two', '1'])), end(), chain('start', 'work', 'end')].join('')),
    );
    const pi = await t.start('fails');
    await work('one');
    const [two] = await t.activate('two');
    await t.engine.failJob(two.key, { retries: 0, errorMessage: 'audit service down' });
    const [incident] = await t.incidents(pi);
    expect(incident).toMatchObject({ state: 'ACTIVE', errorType: 'EXECUTION_LISTENER_NO_RETRIES', errorMessage: 'audit service down', elementId: 'work' });
    expect(Number(incident.jobKey)).toBe(two.key);
    expect(await t.activate('two')).toEqual([]);
    await expect(t.engine.resolveIncident(incident.key)).rejects.toThrow(/no retries left/);
    await t.engine.updateJobRetries(two.key, 1);
    await t.engine.resolveIncident(incident.key);
    const again = await work('two');
    expect(again.key).toBe(two.key);
    await work('work');
    expect(await t.state(pi)).toBe('COMPLETED');
    const jobs = (await trace(pi)).filter((line) => line.startsWith('job:'));
    expect(jobs).toEqual(['job:one:START', 'job:two:START', 'job:work']);
  });

  it('a listener whose job type cannot be evaluated raises an incident; resolving runs every listener of that event again', async () => {
    await t.deploy(
      processXml('expr', [start(), serviceTask('work', 'work', listeners(['start', 'one'], ['start', '=listenerType'])), end(), chain('start', 'work', 'end')].join('')),
    );
    const pi = await t.start('expr');
    await work('one');
    const [incident] = await t.incidents(pi);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work' });
    expect(incident.errorMessage).toMatch(/job type of execution listener 2 \(start\) of 'work'/);
    await t.engine.setVariables(pi, { listenerType: 'two' });
    await t.engine.resolveIncident(incident.key);
    await work('one');
    await work('two');
    await work('work');
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('an incident after the start listeners completed does not run them again when it is resolved', async () => {
    await t.deploy(
      processXml('after', [start(), serviceTask('work', '=jobType', listeners(['start', 'one'])), end(), chain('start', 'work', 'end')].join('')),
    );
    const pi = await t.start('after');
    await work('one');
    const [incident] = await t.incidents(pi);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work' });
    await t.engine.setVariables(pi, { jobType: 'work' });
    await t.engine.resolveIncident(incident.key);
    expect(await t.activate('one')).toEqual([]);
    await work('work');
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it("an activity's boundary events are subscribed only once its start listeners completed", async () => {
    await t.deploy(
      processXml(
        'later',
        [
          start(),
          serviceTask('work', 'work', listeners(['start', 'prepare'])),
          '<bpmn:boundaryEvent id="late" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
          end(),
          end('escalated'),
          chain('start', 'work', 'end'),
          chain('late', 'escalated'),
        ].join(''),
      ),
    );
    const pi = await t.start('later');
    await t.engine.advanceTime(2 * HOUR);
    expect(await t.activeElements(pi)).toEqual(['work']);
    await work('prepare');
    await t.engine.advanceTime(HOUR - 1);
    expect(await t.state(pi)).toBe('ACTIVE');
    await t.engine.advanceTime(1);
    expect(await t.completedElements(pi)).toEqual(['start', 'late', 'escalated', 'later']);
  });

  it("a link throw event jumps to its catch only after its end listener completed", async () => {
    await t.deploy(
      processXml(
        'link',
        [
          start(),
          `<bpmn:intermediateThrowEvent id="goto"><bpmn:extensionElements>${listeners(['end', 'leaving'])}</bpmn:extensionElements><bpmn:linkEventDefinition name="L" /></bpmn:intermediateThrowEvent>`,
          `<bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateCatchEvent>`,
          serviceTask('work', 'work'),
          end(),
          chain('start', 'goto'),
          chain('land', 'work', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('link');
    expect(await t.activeElements(pi)).toEqual([]);
    expect(await t.activate('work')).toEqual([]);
    await work('leaving');
    await work('work');
    expect(await t.completedElements(pi)).toEqual(['start', 'goto', 'land', 'work', 'end', 'link']);
  });

  it('throwing a BPMN error from a listener job is rejected and the listener stays pending', async () => {
    await t.deploy(
      processXml(
        'err',
        [start(), serviceTask('work', 'work', listeners(['start', 'check'])), '<bpmn:boundaryEvent id="caught" attachedToRef="work"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>', end(), end('errorEnd'), chain('start', 'work', 'end'), chain('caught', 'errorEnd')].join(''),
      ),
    );
    const pi = await t.start('err');
    const [job] = await t.activate('check');
    await expect(t.engine.throwError(job.key, 'REJECTED')).rejects.toMatchObject({
      type: 'INVALID_STATE',
      message: expect.stringMatching(/Cannot throw BPMN error from EXECUTION_LISTENER job/),
    });
    expect(await t.incidents(pi)).toEqual([]);
    await t.engine.completeJob(job.key);
    await work('work');
    expect(await t.completedElements(pi)).toEqual(['start', 'work', 'end', 'err']);
  });

  it('cancelling an instance cancels a pending start listener job', async () => {
    await t.deploy(processXml('cancel', [start(), serviceTask('work', 'work', listeners(['start', 'slow'])), end(), chain('start', 'work', 'end')].join('')));
    const pi = await t.start('cancel');
    const [job] = await t.activate('slow');
    await t.engine.cancelProcessInstance(pi);
    expect(await t.state(pi)).toBe('TERMINATED');
    const canceled = (await t.records(pi)).filter((r) => r.valueType === 'JOB' && r.intent === 'CANCELED');
    expect(canceled.map((r) => r.key)).toEqual([job.key]);
    await expect(t.engine.completeJob(job.key)).rejects.toMatchObject({ type: 'NOT_FOUND' });
    expect(await t.activate('work')).toEqual([]);
  });

  it("an interrupting boundary event on a sub-process terminates an inner task whose end listener is pending, and cancels the listener's job", async () => {
    await t.deploy(
      processXml(
        'interrupt',
        [
          start(),
          `<bpmn:subProcess id="inner">${start('innerStart')}${serviceTask('innerWork', 'inner-work', listeners(['end', 'slow-end']))}${end('innerEnd')}${chain('innerStart', 'innerWork', 'innerEnd')}</bpmn:subProcess>`,
          '<bpmn:boundaryEvent id="late" attachedToRef="inner"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
          end(),
          end('escalated'),
          chain('start', 'inner', 'end'),
          chain('late', 'escalated'),
        ].join(''),
      ),
    );
    const pi = await t.start('interrupt');
    await work('inner-work');
    const [listenerJob] = await t.activate('slow-end');
    await t.engine.advanceTime(HOUR);
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.terminatedElements(pi)).toEqual(expect.arrayContaining(['inner', 'innerWork']));
    const canceled = (await t.records(pi)).filter((r) => r.valueType === 'JOB' && r.intent === 'CANCELED');
    expect(canceled.map((r) => r.key)).toEqual([listenerJob.key]);
    expect(await t.completedElements(pi)).toEqual(['start', 'innerStart', 'late', 'escalated', 'interrupt']);
  });

  it('the inner instances of a multi-instance activity run the listeners, the body does not', async () => {
    await t.deploy(
      processXml(
        'mi',
        [
          start(),
          serviceTask('each', 'each', listeners(['start', 'each-start']), '').replace(
            '</bpmn:serviceTask>',
            '<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>',
          ),
          end(),
          chain('start', 'each', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('mi', { items: ['a', 'b'] });
    const first = await work('each-start');
    expect(first.variables).toMatchObject({ item: 'a' });
    await work('each');
    const second = await work('each-start');
    expect(second.variables).toMatchObject({ item: 'b' });
    await work('each');
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  describe('deployment', () => {
    async function rejection(xml: string): Promise<string> {
      try {
        await t.deploy(xml);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('the deployment was accepted');
    }

    it("rejects listeners Zeebe rejects, naming the element and the reason", async () => {
      const startEvent = `<bpmn:startEvent id="start"><bpmn:extensionElements>${listeners(['start', 'a'])}</bpmn:extensionElements></bpmn:startEvent>`;
      expect(await rejection(processXml('p1', [startEvent, end(), chain('start', 'end')].join('')))).toMatch(
        /element 'start'.*start execution listeners: execution listeners of type 'start' are not supported by start events/,
      );

      const boundary = `<bpmn:boundaryEvent id="late" attachedToRef="work"><bpmn:extensionElements>${listeners(['start', 'a'])}</bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
      expect(await rejection(processXml('p2', [start(), serviceTask('work', 'w'), boundary, end(), end('e2'), chain('start', 'work', 'end'), chain('late', 'e2')].join('')))).toMatch(
        /element 'late'.*not supported by boundary events/,
      );

      const gateway = `<bpmn:parallelGateway id="fork"><bpmn:extensionElements>${listeners(['end', 'a'])}</bpmn:extensionElements></bpmn:parallelGateway>`;
      expect(await rejection(processXml('p3', [start(), gateway, end(), chain('start', 'fork', 'end')].join('')))).toMatch(
        /element 'fork'.*execution listeners of type 'end' are not supported by gateways/,
      );

      const errorEnd = `<bpmn:endEvent id="fail"><bpmn:extensionElements>${listeners(['end', 'a'])}</bpmn:extensionElements><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>`;
      expect(await rejection(processXml('p4', [start(), errorEnd, chain('start', 'fail')].join(''), '<bpmn:error id="e" errorCode="E" />'))).toMatch(
        /element 'fail'.*not supported by error end events/,
      );
    });

    it('rejects duplicate eventType and type, a missing type, an unknown eventType and non-numeric retries', async () => {
      const task = (extension: string) => processXml('p', [start(), serviceTask('work', 'w', extension), end(), chain('start', 'work', 'end')].join(''));
      expect(await rejection(task(listeners(['start', 'audit'], ['end', 'audit'], ['start', 'audit'])))).toMatch(
        /element 'work'.*2 start execution listeners of type 'audit'; the combination of eventType and type must be unique/,
      );
      expect(await rejection(task('<zeebe:executionListeners><zeebe:executionListener eventType="start" /></zeebe:executionListeners>'))).toMatch(
        /Execution listener 1 of service task 'work' must have a job type/,
      );
      expect(await rejection(task(listeners(['take', 'audit'])))).toMatch(/eventType 'take'; it must be 'start' or 'end'/);
      expect(await rejection(task(listeners(['start', 'audit', 'many'])))).toMatch(/retries of execution listener 1 of service task 'work' must be a whole number/);
    });

    it('accepts end listeners on start events and start listeners on gateways', async () => {
      const startEvent = `<bpmn:startEvent id="start"><bpmn:extensionElements>${listeners(['end', 'started'])}</bpmn:extensionElements></bpmn:startEvent>`;
      const gateway = `<bpmn:exclusiveGateway id="gw"><bpmn:extensionElements>${listeners(['start', 'gw-start'])}</bpmn:extensionElements></bpmn:exclusiveGateway>`;
      await t.deploy(processXml('ok', [startEvent, gateway, end(), chain('start', 'gw', 'end')].join('')));
      const pi = await t.start('ok');
      await work('started');
      await work('gw-start');
      expect(await t.state(pi)).toBe('COMPLETED');
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, definitions, end, flow, processXml, serviceTask, start } from '../support/bpmn-xml.js';

const message = (id: string, name: string) => `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`;
const DAY = 24 * 3600 * 1000;

describe.each(testStores)('events on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  const waitForPayment = processXml(
    'payment',
    [
      start(),
      `<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m_paid" /></bpmn:intermediateCatchEvent>`,
      end(),
      chain('start', 'paid', 'end'),
    ].join(''),
    message('m_paid', 'payment-received'),
  );

  it('correlates a message by name and correlation key and merges its variables', async () => {
    await t.deploy(waitForPayment);
    const a = await t.start('payment', { orderId: 'A' });
    const b = await t.start('payment', { orderId: 'B' });
    await t.engine.publishMessage({ name: 'payment-received', correlationKey: 'B', variables: { amount: 9 } });
    expect(await t.state(a)).toBe('ACTIVE');
    expect(await t.state(b)).toBe('COMPLETED');
    expect(await t.variables(b)).toEqual({ orderId: 'B', amount: 9 });
  });

  it('buffers a message for its time to live, then drops it', async () => {
    await t.deploy(waitForPayment);
    await t.engine.publishMessage({ name: 'payment-received', correlationKey: 'C', timeToLive: DAY, variables: { early: true } });
    const c = await t.start('payment', { orderId: 'C' });
    expect(await t.state(c)).toBe('COMPLETED');
    expect(await t.variables(c)).toMatchObject({ early: true });

    await t.engine.publishMessage({ name: 'payment-received', correlationKey: 'D', timeToLive: DAY });
    await t.engine.advanceTime(DAY + 1);
    const d = await t.start('payment', { orderId: 'D' });
    expect(await t.state(d)).toBe('ACTIVE');
  });

  it('a buffered message correlates once per process, and a duplicate message id is rejected while the first lives', async () => {
    await t.deploy(waitForPayment);
    await t.engine.publishMessage({ name: 'payment-received', correlationKey: 'E', timeToLive: DAY, messageId: 'm-1' });
    await expect(t.engine.publishMessage({ name: 'payment-received', correlationKey: 'E', timeToLive: DAY, messageId: 'm-1' })).rejects.toMatchObject({
      type: 'ALREADY_EXISTS',
    });
    const first = await t.start('payment', { orderId: 'E' });
    const second = await t.start('payment', { orderId: 'E' });
    expect(await t.state(first)).toBe('COMPLETED');
    expect(await t.state(second)).toBe('ACTIVE');
  });

  it('a message start event starts one instance per correlation key while it is active', async () => {
    await t.deploy(
      processXml(
        'by-message',
        [`<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>`, serviceTask('work', 'work'), end(), chain('start', 'work', 'end')].join(''),
        `<bpmn:message id="m" name="case-filed" />`,
      ),
    );
    await t.engine.publishMessage({ name: 'case-filed', correlationKey: 'K1', variables: { n: 1 } });
    await t.engine.publishMessage({ name: 'case-filed', correlationKey: 'K1', variables: { n: 2 } });
    await t.engine.publishMessage({ name: 'case-filed', correlationKey: 'K2', variables: { n: 3 } });
    const jobs = await t.activate('work');
    expect(jobs.map((j) => j.variables.n).sort()).toEqual([1, 3]);
    await t.engine.completeJob(jobs.find((j) => j.variables.n === 1)!.key);
    await t.engine.publishMessage({ name: 'case-filed', correlationKey: 'K1', variables: { n: 4 } });
    expect((await t.activate('work')).map((j) => j.variables.n)).toEqual([4]);
  });

  it('a timer catch event fires after its duration on the virtual clock', async () => {
    await t.deploy(
      processXml(
        'timer',
        [start(), `<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`, end(), chain('start', 'wait', 'end')].join(''),
      ),
    );
    const pi = await t.start('timer');
    await t.engine.advanceTime(3 * DAY - 1);
    expect(await t.state(pi)).toBe('ACTIVE');
    await t.engine.advanceTime(1);
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('a timer start event with a cycle starts an instance each time', async () => {
    await t.deploy(
      processXml(
        'cycle',
        [`<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>`, serviceTask('work', 'tick'), end(), chain('start', 'work', 'end')].join(''),
      ),
    );
    await t.engine.advanceTime(10 * 3600 * 1000);
    expect((await t.activate('tick')).length).toBe(3);
  });

  it('signals reach catch events and signal start events', async () => {
    await t.deploy(
      definitions(
        `<bpmn:process id="waiter" isExecutable="true">${start()}<bpmn:intermediateCatchEvent id="alarm"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>${end()}${chain('start', 'alarm', 'end')}</bpmn:process>
         <bpmn:process id="starter" isExecutable="true"><bpmn:startEvent id="s_start"><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>${serviceTask('react', 'react')}${end('s_end')}${chain('s_start', 'react', 's_end')}</bpmn:process>`,
        `<bpmn:signal id="s" name="flood-warning" />`,
      ),
    );
    const pi = await t.start('waiter');
    await t.engine.broadcastSignal('flood-warning', { level: 2 });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.variables(pi)).toEqual({ level: 2 });
    const [job] = await t.activate('react');
    expect(job.variables).toEqual({ level: 2 });
  });

  it('event-based gateway: the first event wins and the other subscription closes', async () => {
    await t.deploy(
      processXml(
        'race',
        [
          start(),
          `<bpmn:eventBasedGateway id="gw" />`,
          `<bpmn:intermediateCatchEvent id="answer"><bpmn:messageEventDefinition messageRef="m_answer" /></bpmn:intermediateCatchEvent>`,
          `<bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
          end('answered'),
          end('timedOut'),
          chain('start', 'gw'),
          flow('g1', 'gw', 'answer'),
          flow('g2', 'gw', 'timeout'),
          chain('answer', 'answered'),
          chain('timeout', 'timedOut'),
        ].join(''),
        message('m_answer', 'answer'),
      ),
    );
    const a = await t.start('race', { orderId: 'x' });
    await t.engine.publishMessage({ name: 'answer', correlationKey: 'x', variables: { ok: 1 } });
    expect(await t.completedElements(a)).toEqual(expect.arrayContaining(['answer', 'answered']));
    expect(await t.variables(a)).toMatchObject({ ok: 1 });
    await t.engine.advanceTime(3 * 3600 * 1000);
    expect(await t.completedElements(a)).not.toContain('timedOut');

    const b = await t.start('race', { orderId: 'y' });
    await t.engine.advanceTime(2 * 3600 * 1000);
    expect(await t.completedElements(b)).toContain('timedOut');
    await t.engine.publishMessage({ name: 'answer', correlationKey: 'y', timeToLive: 0 });
    expect(await t.completedElements(b)).not.toContain('answered');
  });

  it('link events jump within the process', async () => {
    await t.deploy(
      processXml(
        'links',
        [
          start(),
          `<bpmn:intermediateThrowEvent id="goto"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateThrowEvent>`,
          `<bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateCatchEvent>`,
          end(),
          chain('start', 'goto'),
          chain('land', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('links');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toEqual(['start', 'goto', 'land', 'end', 'links']);
  });
});

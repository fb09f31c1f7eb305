import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, end, flow, processXml, serviceTask, start } from '../support/bpmn-xml.js';

describe.each(testStores)('gateways on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  const exclusive = processXml(
    'exclusive',
    [
      start(),
      `<bpmn:exclusiveGateway id="gw" default="toC" />`,
      end('a'),
      end('b'),
      end('c'),
      chain('start', 'gw'),
      flow('toA', 'gw', 'a', 'amount > 100'),
      flow('toB', 'gw', 'b', 'amount > 10'),
      flow('toC', 'gw', 'c'),
    ].join(''),
  );

  it('exclusive gateway takes the first true condition, else the default flow', async () => {
    await t.deploy(exclusive);
    for (const [amount, endId] of [
      [500, 'a'],
      [50, 'b'],
      [5, 'c'],
    ] as const) {
      const pi = await t.start('exclusive', { amount });
      expect(await t.state(pi)).toBe('COMPLETED');
      expect(await t.completedElements(pi)).toContain(endId);
      for (const other of ['a', 'b', 'c'].filter((x) => x !== endId)) expect(await t.completedElements(pi)).not.toContain(other);
    }
  });

  it('exclusive gateway without a matching condition or default raises an incident; fixing the variable and resolving goes on', async () => {
    await t.deploy(exclusive.replace(' default="toC"', '').replace(flow('toC', 'gw', 'c'), ''));
    const pi = await t.start('exclusive', { amount: 1 });
    const [incident] = await t.incidents(pi);
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'gw', state: 'ACTIVE' });
    expect(incident.errorMessage).toMatch(/at least one condition/);
    const gwKey = (await t.records(pi)).find((r) => (r.value as any).elementId === 'gw')!.key;
    await t.engine.setVariables(gwKey, { amount: 1000 });
    await t.engine.resolveIncident(incident.key);
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.completedElements(pi)).toContain('a');
  });

  it('a condition that is not boolean raises an incident naming the expression', async () => {
    await t.deploy(exclusive.replace('amount &gt; 100', 'amount'));
    const pi = await t.start('exclusive', { amount: 7 });
    const [incident] = await t.incidents(pi);
    expect(incident.errorType).toBe('CONDITION_ERROR');
    expect(incident.errorMessage).toContain("'amount'");
    expect(incident.errorMessage).toContain('BOOLEAN');
  });

  it('parallel gateway forks and joins', async () => {
    await t.deploy(
      processXml(
        'parallel',
        [
          start(),
          `<bpmn:parallelGateway id="fork" />`,
          serviceTask('a', 'a'),
          serviceTask('b', 'b'),
          `<bpmn:parallelGateway id="join" />`,
          end(),
          chain('start', 'fork'),
          flow('fa', 'fork', 'a'),
          flow('fb', 'fork', 'b'),
          flow('ja', 'a', 'join'),
          flow('jb', 'b', 'join'),
          chain('join', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('parallel');
    expect((await t.activeElements(pi)).sort()).toEqual(['a', 'b']);
    await t.completeJobs('a');
    expect(await t.state(pi)).toBe('ACTIVE');
    expect(await t.completedElements(pi)).not.toContain('join');
    await t.completeJobs('b');
    expect(await t.state(pi)).toBe('COMPLETED');
    expect((await t.completedElements(pi)).filter((e) => e === 'join')).toHaveLength(1);
  });

  const inclusive = processXml(
    'inclusive',
    [
      start(),
      `<bpmn:inclusiveGateway id="fork" default="fd" />`,
      serviceTask('a', 'a'),
      serviceTask('b', 'b'),
      serviceTask('d', 'd'),
      `<bpmn:inclusiveGateway id="join" />`,
      end(),
      chain('start', 'fork'),
      flow('fa', 'fork', 'a', 'needA'),
      flow('fb', 'fork', 'b', 'needB'),
      flow('fd', 'fork', 'd'),
      flow('ja', 'a', 'join'),
      flow('jb', 'b', 'join'),
      flow('jd', 'd', 'join'),
      chain('join', 'end'),
    ].join(''),
  );

  it('inclusive gateway forks to every true condition and joins only what was taken', async () => {
    await t.deploy(inclusive);
    const pi = await t.start('inclusive', { needA: true, needB: true });
    expect((await t.activeElements(pi)).sort()).toEqual(['a', 'b']);
    await t.completeJobs('a');
    expect(await t.state(pi)).toBe('ACTIVE');
    await t.completeJobs('b');
    expect(await t.state(pi)).toBe('COMPLETED');

    const one = await t.start('inclusive', { needA: true, needB: false });
    expect(await t.activeElements(one)).toEqual(['a']);
    await t.completeJobs('a');
    expect(await t.state(one)).toBe('COMPLETED');

    const none = await t.start('inclusive', { needA: false, needB: false });
    expect(await t.activeElements(none)).toEqual(['d']);
    await t.completeJobs('d');
    expect(await t.state(none)).toBe('COMPLETED');
  });
});

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { list, markSent } from '../../src/workers/notification-outbox.js';
import { chain, end, ioMapping, processXml, serviceTask, start } from '../support/bpmn-xml.js';
import { testStores } from '../support/test-stores.js';
import { startWorkerEngine, warmUp, taskHeaders, type WorkerTestEngine } from './worker-test-engine.js';

function notifying(headers: Record<string, string>, inputs: Record<string, string> = {}): string {
  return processXml('notifying', [start(), serviceTask('tell', 'gongzhi.notify', ioMapping(inputs) + taskHeaders(headers)), end(), chain('start', 'tell', 'end')].join(''));
}

describe.each(testStores)('gongzhi.notify on $name', (testStore) => {
  let w: WorkerTestEngine;
  beforeAll(() => warmUp(testStore));
  afterEach(async () => w?.t.close());

  it('writes an outbox row with the recipient from notifyTo and the variables the template names', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(notifying({ channel: 'sms', template: 'result', variables: 'caseNo, decision,remedy' }, { notifyTo: 'applicant.phone' }));
    const pi = await w.t.start('notifying', { caseNo: 'BM-2026-000007', decision: '准予', applicant: { name: '张三', phone: '13800138000' }, idNumber: 'secret' });
    expect(await w.drain()).toBe(1);
    expect(await w.t.state(pi)).toBe('COMPLETED');
    const rows = await list(w.t.store.db, { processInstanceKey: pi, limit: 10 });
    expect(rows).toEqual([
      {
        key: expect.stringMatching(/^\d+$/),
        createdAt: w.t.clock.now(),
        processInstanceKey: String(pi),
        elementId: 'tell',
        channel: 'sms',
        template: 'result',
        recipient: '13800138000',
        // Only what the template names (null for a named variable without a value): the ID number stays out.
        payload: { caseNo: 'BM-2026-000007', decision: '准予', remedy: null },
        status: 'pending',
      },
    ]);
    expect((await w.t.variables(pi)).notificationKey).toBe(rows[0].key);
  });

  it('a gateway lists pending rows and marks them sent; marking again is harmless, an unknown key is not', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(notifying({ channel: 'wechat', template: 'reminder', to: 'group:street-window' }));
    const a = await w.t.start('notifying');
    const b = await w.t.start('notifying');
    await w.drain();
    const pending = await list(w.t.store.db, { status: 'pending', limit: 10 });
    expect(pending.map((n) => [n.processInstanceKey, n.recipient, n.payload])).toEqual([
      [String(a), 'group:street-window', {}],
      [String(b), 'group:street-window', {}],
    ]);
    expect(await list(w.t.store.db, { status: 'pending', limit: 1 })).toHaveLength(1);
    await markSent(w.t.store.db, pending[0].key);
    await markSent(w.t.store.db, Number(pending[0].key));
    expect((await list(w.t.store.db, { status: 'pending', limit: 10 })).map((n) => n.key)).toEqual([pending[1].key]);
    expect((await list(w.t.store.db, { status: 'sent', limit: 10 })).map((n) => n.key)).toEqual([pending[0].key]);
    await expect(markSent(w.t.store.db, '999')).rejects.toThrow(/no notification with key 999/);
    await expect(markSent(w.t.store.db, 'abc')).rejects.toThrow(/key must be a notification or instance key/);
    await expect(list(w.t.store.db, { limit: 0 })).rejects.toThrow(/limit must be a whole number from 1 to 1000/);
    await expect(list(w.t.store.db, { status: 'lost' as any, limit: 5 })).rejects.toThrow(/status must be pending or sent/);
  });

  it('a retried job does not queue the same message twice', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(notifying({ channel: 'internal', template: 'supervision', to: 'section-head' }));
    const pi = await w.t.start('notifying');
    const [job] = await w.t.activate('gongzhi.notify');
    const first = await w.worker('gongzhi.notify').handle(job, w.context);
    await w.t.engine.failJob(job.key, { retries: 2, errorMessage: 'timeout' });
    await w.drain();
    const rows = await list(w.t.store.db, { processInstanceKey: pi, limit: 10 });
    expect(rows).toHaveLength(1);
    expect(first).toEqual({ notificationKey: rows[0].key });
    expect((await w.t.variables(pi)).notificationKey).toBe(rows[0].key);
  });

  it.each([
    [{ template: 'reminder', to: 'x' }, {}, /gongzhi\.notify: header channel is missing/],
    [{ channel: 'email', template: 'reminder', to: 'x' }, {}, /header channel 'email' is not one of sms, wechat, internal/],
    [{ channel: 'sms', to: 'x' }, {}, /header template is missing/],
    [{ channel: 'sms', template: 'Reminder!' }, {}, /header template 'Reminder!' must be a template name/],
    [{ channel: 'sms', template: 'reminder' }, {}, /variable notifyTo is missing and there is no header to/],
    [{ channel: 'sms', template: 'reminder' }, { notifyTo: '42' }, /variable notifyTo must be a user, group or phone as text, got 42/],
    [{ channel: 'sms', template: 'reminder', to: 'x', variables: 'caseNo, case no' }, {}, /header variables 'case no' is not a variable name/],
  ])('bad headers %j or variables %j become an incident naming the problem', async (headers, inputs, message) => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(notifying(headers as Record<string, string>, inputs as Record<string, string>));
    const pi = await w.t.start('notifying');
    await w.drain();
    const [incident] = await w.t.incidents(pi);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'tell' });
    expect(incident.errorMessage).toMatch(message);
    expect(await list(w.t.store.db, { limit: 10 })).toEqual([]);
  });
});

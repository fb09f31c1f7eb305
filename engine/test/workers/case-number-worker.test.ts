import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { findAssignment, formatCaseNumber } from '../../src/workers/case-number-register.js';
import { chain, end, processXml, serviceTask, start, userTask } from '../support/bpmn-xml.js';
import { testStores } from '../support/test-stores.js';
import { chinaTime, startWorkerEngine, warmUp, taskHeaders, type WorkerTestEngine } from './worker-test-engine.js';

function numbered(processId: string, headers: Record<string, string>): string {
  return processXml(processId, [start(), serviceTask('number', 'gongzhi.case-number', taskHeaders(headers)), userTask('handle'), end(), chain('start', 'number', 'handle', 'end')].join(''));
}

describe.each(testStores)('gongzhi.case-number on $name', (testStore) => {
  let w: WorkerTestEngine;
  beforeAll(() => warmUp(testStore));
  afterEach(async () => w?.t.close());

  async function caseNo(pi: number, variable = 'caseNo'): Promise<unknown> {
    return (await w.t.variables(pi))[variable];
  }

  it('numbers cases in sequence per prefix and per year (China time), six digits', async () => {
    w = await startWorkerEngine(testStore, chinaTime(2026, 12, 31, 23, 59, 58));
    await w.t.deploy(numbered('service', { prefix: 'BM' }), 'service.bpmn');
    await w.t.deploy(numbered('mediation', { prefix: 'TJ' }), 'mediation.bpmn');
    const a = await w.t.start('service');
    const b = await w.t.start('service');
    const c = await w.t.start('mediation');
    const d = await w.t.start('service');
    expect(await w.drain()).toBe(4);
    expect([await caseNo(a), await caseNo(b), await caseNo(c), await caseNo(d)]).toEqual(['BM-2026-000001', 'BM-2026-000002', 'TJ-2026-000001', 'BM-2026-000003']);

    // 16:00 UTC on 31 December is already 1 January 2027 in China.
    await w.t.engine.advanceTime(2000);
    expect(w.t.clock.now()).toBe(Date.UTC(2026, 11, 31, 16));
    const e = await w.t.start('service');
    await w.drain();
    expect(await caseNo(e)).toBe('BM-2027-000001');
    const counters = await sql<{ prefix: string; year: number; last: number }>`SELECT prefix, year, last FROM case_number_sequences ORDER BY prefix, year`.execute(w.t.store.db);
    expect(counters.rows).toEqual([
      { prefix: 'BM', year: 2026, last: 3 },
      { prefix: 'BM', year: 2027, last: 1 },
      { prefix: 'TJ', year: 2026, last: 1 },
    ]);
  });

  it('a retried job keeps its number and the next case takes the next one: no gap, no reuse', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(numbered('service', { prefix: 'BM' }));
    const first = await w.t.start('service');
    const [job] = await w.t.activate('gongzhi.case-number');
    // The worker takes a number, then the job fails before it is completed (e.g. the connection dropped).
    expect(await w.worker('gongzhi.case-number').handle(job, w.context)).toEqual({ caseNo: 'BM-2026-000001' });
    await w.t.engine.failJob(job.key, { retries: 2, errorMessage: 'connection reset' });
    expect(await w.drain()).toBe(1);
    expect(await caseNo(first)).toBe('BM-2026-000001');
    expect(await findAssignment(w.t.store.db, job.key)).toMatchObject({ caseNo: 'BM-2026-000001', processInstanceKey: first, seq: 1, year: 2026 });

    const second = await w.t.start('service');
    await w.drain();
    expect(await caseNo(second)).toBe('BM-2026-000002');
  });

  it('two workers holding the same job at once get one number between them', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(numbered('service', { prefix: 'SH' }));
    await w.t.start('service');
    const [job] = await w.t.activate('gongzhi.case-number');
    const worker = w.worker('gongzhi.case-number');
    const results = await Promise.all([worker.handle(job, w.context), worker.handle(job, w.context), worker.handle(job, w.context)]);
    expect(results).toEqual([{ caseNo: 'SH-2026-000001' }, { caseNo: 'SH-2026-000001' }, { caseNo: 'SH-2026-000001' }]);
    const counter = await sql<{ last: number }>`SELECT last FROM case_number_sequences WHERE prefix = 'SH'`.execute(w.t.store.db);
    expect(counter.rows).toEqual([{ last: 1 }]);
  });

  it('a case that already has a number keeps it and takes none; resultVariable names another variable', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(numbered('service', { prefix: 'BM' }), 'service.bpmn');
    await w.t.deploy(numbered('event', { prefix: 'XW', resultVariable: 'eventNo' }), 'event.bpmn');
    const given = await w.t.start('service', { caseNo: 'BM-2025-000999' });
    const event = await w.t.start('event');
    await w.drain();
    expect(await caseNo(given)).toBe('BM-2025-000999');
    expect(await w.t.variables(event)).toEqual({ eventNo: 'XW-2026-000001' });
    const fresh = await w.t.start('service');
    await w.drain();
    expect(await caseNo(fresh)).toBe('BM-2026-000001');
  });

  it.each([
    [{}, /gongzhi\.case-number: header prefix is missing: add the task header prefix/],
    [{ prefix: 'bm' }, /header prefix 'bm' must be 1 to 16 capital letters or digits/],
    [{ prefix: 'BM-2026' }, /header prefix 'BM-2026' must be/],
  ])('a bad header %j becomes an incident naming it', async (headers, message) => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(numbered('service', headers));
    const pi = await w.t.start('service');
    await w.drain();
    const [incident] = await w.t.incidents(pi);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'number' });
    expect(incident.errorMessage).toMatch(message);
  });

  it('a caseNo that is not text is refused rather than overwritten', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(numbered('service', { prefix: 'BM' }));
    const pi = await w.t.start('service', { caseNo: 123 });
    await w.drain();
    expect((await w.t.incidents(pi))[0].errorMessage).toMatch(/variable caseNo already exists but is not a case number: 123/);
  });
});

describe('formatCaseNumber', () => {
  it('pads to six digits and grows past 999999 instead of wrapping', () => {
    expect(formatCaseNumber('BM', 2026, 123)).toBe('BM-2026-000123');
    expect(formatCaseNumber('SH', 2027, 1_000_000)).toBe('SH-2027-1000000');
  });
});

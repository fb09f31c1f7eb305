import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { holidays2026 } from '../../src/calendar/holidays/2026.js';
import { putYear } from '../../src/workers/calendar-store.js';
import { formatChinaDateTime } from '../../src/workers/china-date-time.js';
import { JobInputError } from '../../src/workers/job-input-error.js';
import { list } from '../../src/workers/notification-outbox.js';
import { chain, end, ioMapping, processXml, serviceTask, start, userTask } from '../support/bpmn-xml.js';
import { testStores } from '../support/test-stores.js';
import { chinaTime, startWorkerEngine, warmUp, taskHeaders, type WorkerTestEngine } from './worker-test-engine.js';

function timerBoundary(id: string, attachedTo: string, timeDate: string): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${timeDate}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
}

/**
 * An SLA as the reference processes use it: the deadline task, a user task due at `=deadline.dueAt`, a
 * non-interrupting 催办 at `=deadline.firstReminderAt` and a non-interrupting 督办 at `=deadline.dueAt`.
 */
function slaProcess(inputs: Record<string, string>, headers: Record<string, string> = {}): string {
  return processXml(
    'case-with-sla',
    [
      start(),
      serviceTask('sla', 'gongzhi.deadline', ioMapping(inputs) + (Object.keys(headers).length ? taskHeaders(headers) : '')),
      userTask('handle', '<zeebe:taskSchedule dueDate="=deadline.dueAt" />', 'name="办理"'),
      end('done'),
      timerBoundary('remind', 'handle', '=deadline.firstReminderAt'),
      serviceTask('nudge', 'gongzhi.notify', taskHeaders({ channel: 'internal', template: 'reminder', to: 'street-window', variables: 'deadline' })),
      end('reminded'),
      timerBoundary('overdue', 'handle', '=deadline.dueAt'),
      serviceTask('escalate', 'gongzhi.notify', taskHeaders({ channel: 'internal', template: 'supervision', to: 'section-head' })),
      end('escalated'),
      chain('start', 'sla', 'handle', 'done'),
      chain('remind', 'nudge', 'reminded'),
      chain('overdue', 'escalate', 'escalated'),
    ].join(''),
  );
}

async function dueDateOfTask(w: WorkerTestEngine, pi: number): Promise<string> {
  const rows = await w.t.store.db.executeQuery<{ due_date: string }>(
    CompiledQuery.raw(`SELECT due_date FROM user_task_view WHERE process_instance_key = $1 AND element_id = 'handle'`, [pi]),
  );
  return rows.rows[0].due_date;
}

describe.each(testStores)('gongzhi.deadline on $name', (testStore) => {
  let w: WorkerTestEngine;
  beforeAll(() => warmUp(testStore));
  afterEach(async () => w?.t.close());

  it('20 working days from before 国庆 2026 skip 中秋 and 国庆 and count the 调休 Saturday; the task is due then', async () => {
    w = await startWorkerEngine(testStore, chinaTime(2026, 9, 18, 8)); // the job runs on Friday; the start is given
    await w.t.deploy(slaProcess({ amount: '20', start: '"2026-09-21T10:00:00+08:00"' }));
    const pi = await w.t.start('case-with-sla');
    expect(await w.drain()).toBe(1);
    const { deadline } = (await w.t.variables(pi)) as { deadline: Record<string, unknown> };
    // Working days after Mon 21 Sep: 22–24, 28–30 (25–27 中秋, 1–7 Oct 国庆), 8, 9, Sat 10 Oct (调休), 12–16, 19–23, 26.
    expect(deadline).toEqual({
      dueAt: '2026-10-26T23:59:59.999+08:00',
      // 2/3 of the working time (14 h left on 21 Sep + 20 × 24 h = 494 h) is 329 h 20 min: 13 full working days
      // after 21 Sep (up to Thu 15 Oct), then 3 h 20 min into Fri 16 Oct — less the millisecond the due instant
      // 23:59:59.999 leaves out of the span, which the calendar rounds to 1 ms earlier.
      reminders: [{ fraction: 2 / 3, at: '2026-10-16T03:19:59.999+08:00' }],
      firstReminderAt: '2026-10-16T03:19:59.999+08:00',
      start: '2026-09-21T10:00:00+08:00',
      amount: 20,
      unit: 'workingDays',
      warnings: [],
    });
    expect(await dueDateOfTask(w, pi)).toBe('2026-10-26T23:59:59.999+08:00');
    expect(await w.t.activeElements(pi)).toEqual(['handle']);
  });

  it('20 working days over 春节 2026 with office hours; the 催办 fires at its time and the 督办 at the due time, the task stays', async () => {
    w = await startWorkerEngine(testStore, chinaTime(2026, 2, 9, 9, 30)); // Monday 9 February, 09:30: the job's time is the start
    await w.t.deploy(slaProcess({ amount: '20' }, { workingHours: '09:00-17:30' }));
    const pi = await w.t.start('case-with-sla');
    await w.drain();
    const { deadline } = (await w.t.variables(pi)) as { deadline: any };
    // Working days after 9 Feb: 10–13, Sat 14 (调休), 24–27 (15–23 春节), Sat 28 (调休), 2–6 and 9–13 March.
    expect(deadline.dueAt).toBe('2026-03-13T17:30:00+08:00');
    expect(deadline.start).toBe('2026-02-09T09:30:00+08:00');
    // Working time: 8 h on 9 Feb + 20 × 8.5 h = 178 h; 2/3 is 118 h 40 min = 8 h + 13 days × 8.5 h (to 4 March) + 10 min.
    expect(deadline.firstReminderAt).toBe('2026-03-05T09:10:00+08:00');
    expect(await dueDateOfTask(w, pi)).toBe('2026-03-13T17:30:00+08:00');

    const reminderAt = chinaTime(2026, 3, 5, 9, 10);
    await w.t.engine.advanceTime(reminderAt - 1 - w.t.clock.now());
    await w.drain();
    expect(await list(w.t.store.db, { processInstanceKey: pi, limit: 10 })).toEqual([]);

    await w.t.engine.advanceTime(1);
    expect(await w.drain()).toBe(1);
    const [reminder] = await list(w.t.store.db, { processInstanceKey: pi, limit: 10 });
    expect(reminder).toMatchObject({ template: 'reminder', elementId: 'nudge', recipient: 'street-window', createdAt: reminderAt, status: 'pending' });
    expect(reminder.payload).toEqual({ deadline });
    expect(await w.t.activeElements(pi)).toEqual(['handle']);

    await w.t.engine.advanceTime(chinaTime(2026, 3, 13, 17, 30) - w.t.clock.now());
    await w.drain();
    const sent = await list(w.t.store.db, { processInstanceKey: pi, limit: 10 });
    expect(sent.map((n) => n.template)).toEqual(['reminder', 'supervision']);
    expect(await w.t.activeElements(pi)).toEqual(['handle']);
    expect(await w.t.completeJobs('io.camunda.zeebe:userTask')).toBe(1);
    expect(await w.t.state(pi)).toBe('COMPLETED');
  });

  it('without office hours the 春节 due date is the end of the 20th working day', async () => {
    w = await startWorkerEngine(testStore, chinaTime(2026, 2, 9, 9, 30));
    await w.t.deploy(slaProcess({ amount: '20', reminderFractions: '[0.8, 0.5]' }));
    const pi = await w.t.start('case-with-sla');
    await w.drain();
    const { deadline } = (await w.t.variables(pi)) as { deadline: any };
    expect(deadline.dueAt).toBe('2026-03-13T23:59:59.999+08:00');
    expect(deadline.reminders.map((r: any) => r.fraction)).toEqual([0.8, 0.5]);
    // The first reminder is the earliest, whatever the order of the fractions.
    expect(deadline.firstReminderAt).toBe(deadline.reminders[1].at);
    expect(Date.parse(deadline.reminders[1].at)).toBeLessThan(Date.parse(deadline.reminders[0].at));
  });

  it('a corrected 2026 stored in the database changes the due date; the result is written to resultVariable', async () => {
    w = await startWorkerEngine(testStore, chinaTime(2026, 9, 21, 10));
    await w.t.deploy(slaProcess({ amount: '20' }));
    const before = await w.t.start('case-with-sla');
    await w.drain();
    expect(((await w.t.variables(before)) as any).deadline.dueAt).toBe('2026-10-26T23:59:59.999+08:00');

    // A hypothetical correction: 8 and 9 October become holidays too, and the data is marked provisional.
    await putYear(w.t.store.db, { ...holidays2026, holidays: [...holidays2026.holidays, '2026-10-08', '2026-10-09'], provisional: true, source: 'test correction' }, 'admin');
    const after = await w.t.start('case-with-sla');
    await w.drain();
    const { deadline } = (await w.t.variables(after)) as { deadline: any };
    expect(deadline.dueAt).toBe('2026-10-28T23:59:59.999+08:00');
    expect(deadline.warnings).toEqual(['holiday data for 2026 is provisional and may change: test correction']);

    await w.t.deploy(
      processXml('named', [start(), serviceTask('sla', 'gongzhi.deadline', ioMapping({ amount: '3', unit: '"calendarDays"' }) + taskHeaders({ resultVariable: 'replyDeadline' })), end(), chain('start', 'sla', 'end')].join('')),
    );
    const named = await w.t.start('named');
    await w.drain();
    const vars = (await w.t.variables(named)) as any;
    expect(vars.deadline).toBeUndefined();
    // Thursday 24 September is the 3rd calendar day; a working day, so it is the last day.
    expect(vars.replyDeadline).toMatchObject({ dueAt: '2026-09-24T23:59:59.999+08:00', unit: 'calendarDays', amount: 3 });
  });

  it('hours count elapsed time and reminders default to 2/3', async () => {
    w = await startWorkerEngine(testStore, chinaTime(2026, 10, 1, 9));
    await w.t.deploy(processXml('h', [start(), serviceTask('sla', 'gongzhi.deadline', ioMapping({ amount: '24', unit: '"hours"' })), end(), chain('start', 'sla', 'end')].join('')));
    const pi = await w.t.start('h');
    await w.drain();
    expect(((await w.t.variables(pi)) as any).deadline).toMatchObject({
      dueAt: '2026-10-02T09:00:00+08:00',
      firstReminderAt: '2026-10-02T01:00:00+08:00',
      start: '2026-10-01T09:00:00+08:00',
    });
  });

  it.each([
    [{}, {}, /gongzhi\.deadline: variable amount must be a number/],
    [{ amount: '"20"' }, {}, /variable amount must be a number.*got "20"/],
    [{ amount: '5', unit: '"weeks"' }, {}, /variable unit must be one of workingDays, calendarDays, hours, workingHours, got "weeks"/],
    [{ amount: '5', start: '"tomorrow"' }, {}, /variable start is not a date and time/],
    [{ amount: '5', reminderFractions: '[0.5, 1]' }, {}, /variable reminderFractions\[1\] must be a number greater than 0 and less than 1, got 1/],
    [{ amount: '2.5' }, {}, /workingDays amount 2.5 must be a whole number of days/],
    [{ amount: '5' }, { workingHours: '9-17' }, /header workingHours '9-17' is not office hours/],
    [{ amount: '5' }, { workingHours: '18:00-09:00' }, /working hours end 09:00 must be after start 18:00/],
    [{ amount: '5' }, { resultVariable: 'due date' }, /header resultVariable 'due date' is not a variable name/],
  ])('bad input %j %j becomes an incident naming the problem', async (inputs, headers, message) => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(processXml('bad', [start(), serviceTask('sla', 'gongzhi.deadline', ioMapping(inputs as Record<string, string>) + taskHeaders(headers as Record<string, string>)), end(), chain('start', 'sla', 'end')].join('')));
    const pi = await w.t.start('bad');
    await w.drain();
    const incidents = await w.t.incidents(pi);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ state: 'ACTIVE', errorType: 'JOB_NO_RETRIES', elementId: 'sla' });
    expect(incidents[0].errorMessage).toMatch(message);
  });

  it('refuses bad input with a JobInputError that asks for no retries', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(processXml('bad', [start(), serviceTask('sla', 'gongzhi.deadline'), end(), chain('start', 'sla', 'end')].join('')));
    await w.t.start('bad');
    const [job] = await w.t.activate('gongzhi.deadline');
    const error = await Promise.resolve(w.worker('gongzhi.deadline').handle(job, w.context)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobInputError);
    expect(error).toMatchObject({ retries: 0, taskType: 'gongzhi.deadline', field: 'variable amount' });
  });
});

describe('formatChinaDateTime', () => {
  it('writes China time with +08:00, milliseconds only when there are some', () => {
    expect(formatChinaDateTime(Date.UTC(2026, 9, 26, 9, 30))).toBe('2026-10-26T17:30:00+08:00');
    expect(formatChinaDateTime(Date.UTC(2026, 11, 31, 16, 0, 0, 5))).toBe('2027-01-01T00:00:00.005+08:00');
    expect(() => formatChinaDateTime(Number.NaN)).toThrow(/not a time/);
  });
});

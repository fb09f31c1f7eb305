/** The working-day calendar over REST: holiday years (built-in and stored), corrections with audit, deadline previews. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStores } from '../../engine/test/support/test-stores.js';
import { TestServer, type ApiClient, SERVER_START_TIMEOUT } from './support/test-server.js';

const year2031 = {
  year: 2031,
  holidays: ['2031-01-01', '2031-10-01', '2031-10-02', '2031-10-03'],
  makeUpWorkdays: ['2031-09-28'],
  source: 'test: a notice not published yet',
  provisional: true,
  note: '按规则推算',
};

describe.each(testStores)('calendar routes on $name', (testStore) => {
  let t: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    t = await TestServer.start({ testStore });
    admin = await t.as('admin');
  }, SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  it('lists the built-in years, and gets one with its holidays and make-up working days', async () => {
    const designer = await t.as('designer');
    const list = await designer.get('/v2/calendar/years');
    expect(list.status).toBe(200);
    expect(list.body.items.map((y: { year: number }) => y.year)).toEqual(expect.arrayContaining([2025, 2026, 2027]));
    const year = await designer.get('/v2/calendar/years/2026');
    expect(year.status).toBe(200);
    expect(list.body.items.find((y: { year: number }) => y.year === 2026)).toEqual({
      year: 2026,
      source: year.body.source,
      origin: 'built-in',
      builtIn: true,
      provisional: false,
      holidays: year.body.holidays.length,
      makeUpWorkdays: year.body.makeUpWorkdays.length,
      updatedAt: null,
      updatedBy: null,
    });
    expect(year.body).toMatchObject({ year: 2026, origin: 'built-in', builtIn: true, updatedAt: null });
    expect(year.body.holidays).toContain('2026-10-01');
    expect(year.body.makeUpWorkdays).toContain('2026-10-10');
    expect(year.body.source).toMatch(/国务院办公厅/);
    const missing = await designer.get('/v2/calendar/years/2031');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/2031/);
  });

  it('computes deadlines over the National Day holidays and make-up working days, with reminders', async () => {
    const staff = await t.as('grid1');
    const workingDays = await staff.post('/v2/calendar/deadline', { start: '2026-09-30T10:00:00+08:00', amount: 3, unit: 'workingDays' });
    expect(workingDays.status).toBe(200);
    // 1 October to 7 October are off; 8 and 9 October count, and Saturday 10 October is a make-up working day.
    expect(workingDays.body).toMatchObject({
      dueAt: '2026-10-10T23:59:59.999+08:00',
      start: '2026-09-30T10:00:00+08:00',
      amount: 3,
      unit: 'workingDays',
      workingDaysCounted: 3,
      warnings: [],
    });
    expect(workingDays.body.reminders).toHaveLength(1);
    expect(workingDays.body.reminders[0].fraction).toBeCloseTo(2 / 3);
    const reminderAt = Date.parse(workingDays.body.firstReminderAt);
    expect(reminderAt).toBeGreaterThan(Date.parse('2026-10-08T00:00:00+08:00'));
    expect(reminderAt).toBeLessThan(Date.parse(workingDays.body.dueAt));

    const calendarDays = await staff.post('/v2/calendar/deadline', { start: '2026-09-30T10:00:00+08:00', amount: 1, unit: 'calendarDays', reminderFractions: [] });
    // The period would end on a holiday, so it runs to the end of the next working day.
    expect(calendarDays.body).toMatchObject({ dueAt: '2026-10-08T23:59:59.999+08:00', reminders: [], firstReminderAt: null });

    const officeHours = await staff.post('/v2/calendar/deadline', { start: '2026-09-30T10:00:00+08:00', amount: 3, unit: 'workingDays', workingHours: '09:00-17:30', reminderFractions: [0.5] });
    expect(officeHours.body.dueAt).toBe('2026-10-10T17:30:00+08:00');
    expect(officeHours.body.reminders.map((r: { fraction: number }) => r.fraction)).toEqual([0.5]);

    const beyond = await staff.post('/v2/calendar/deadline', { start: '2035-03-01T09:00:00+08:00', amount: 2, unit: 'workingDays' });
    expect(beyond.status).toBe(200);
    expect(beyond.body.warnings.join(' ')).toMatch(/2035/);

    const now = await staff.post('/v2/calendar/deadline', { amount: 2, unit: 'hours' });
    expect(Date.parse(now.body.dueAt) - Date.parse(now.body.start)).toBe(2 * 3600_000);
    expect(Math.abs(Date.parse(now.body.start) - Date.now())).toBeLessThan(120_000);
  });

  it('refuses bad deadline requests naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: 1.5, unit: 'workingDays' }, '/amount'],
      [{ amount: -1, unit: 'hours' }, '/amount'],
      [{ amount: 1, unit: 'weeks' }, '/unit'],
      [{ amount: 1 }, '/unit'],
      [{ amount: 1, unit: 'workingDays', start: 'next Monday' }, '/start'],
      [{ amount: 1, unit: 'workingDays', start: '2026-10-08' }, '/start'],
      [{ amount: 1, unit: 'workingDays', reminderFractions: [0] }, '/reminderFractions/0'],
      [{ amount: 1, unit: 'workingHours', workingHours: '18:00-09:00' }, '/workingHours'],
      [{ amount: 1, unit: 'workingHours', workingHours: '9-17' }, '/workingHours'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post('/v2/calendar/deadline', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
  });

  it('stores a year not shipped yet, lists it as stored, and records who did it', async () => {
    const put = await admin.put('/v2/calendar/years/2031', year2031);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ ...year2031, origin: 'stored', builtIn: false, updatedBy: 'admin' });
    expect(Date.parse(put.body.updatedAt)).toBeGreaterThan(Date.now() - 600_000);
    expect((await admin.get('/v2/calendar/years/2031')).body).toMatchObject({ year: 2031, origin: 'stored', note: '按规则推算' });
    const list = await admin.get('/v2/calendar/years');
    expect(list.body.items.find((y: { year: number }) => y.year === 2031)).toMatchObject({ origin: 'stored', provisional: true, holidays: 4, makeUpWorkdays: 1 });

    const audit = await admin.get('/v2/audit?action=calendar.put-year');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actor: { kind: 'user', name: 'admin' }, target: 'calendar-year:2031', details: { holidays: 4, makeUpWorkdays: 1 } });
    // Only calendar managers may change the calendar.
    expect((await (await t.as('designer')).put('/v2/calendar/years/2031', year2031)).status).toBe(403);
  });

  it('a correction of a built-in year overrides it, and deadlines use it at once', async () => {
    const original = (await admin.get('/v2/calendar/years/2026')).body;
    const corrected = { year: 2026, holidays: [...original.holidays, '2026-10-08'], makeUpWorkdays: original.makeUpWorkdays, source: `${original.source}（更正）` };
    const put = await admin.put('/v2/calendar/years/2026', corrected);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ origin: 'stored', builtIn: true });
    const deadline = await admin.post('/v2/calendar/deadline', { start: '2026-09-30T10:00:00+08:00', amount: 3, unit: 'workingDays' });
    // 8 October is off now: 9 October, Saturday 10 October and Monday 12 October count.
    expect(deadline.body.dueAt).toBe('2026-10-12T23:59:59.999+08:00');
  });

  it('refuses an invalid holiday year with 400 naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['2031', { ...year2031, year: 2032 }, '/year'],
      ['2031', { ...year2031, holidays: ['2031-01-01', '1 October'] }, '/holidays/1'],
      ['2031', { ...year2031, holidays: ['2031-01-01', '2031-02-30'] }, '/holidays/1'],
      ['2031', { ...year2031, holidays: ['2031-01-01', '2031-10-01', '2031-10-01'] }, '/holidays/2'],
      ['2031', { ...year2031, holidays: ['2031-01-01', '2033-05-01'] }, '/holidays/1'],
      // 2031-09-29 is a Monday: a make-up working day is a Saturday or Sunday.
      ['2031', { ...year2031, makeUpWorkdays: ['2031-09-28', '2031-09-29'] }, '/makeUpWorkdays/1'],
      ['2031', { ...year2031, makeUpWorkdays: ['2031-10-01'] }, '/makeUpWorkdays/0'],
      ['2031', { ...year2031, source: '' }, '/source'],
      ['2031', { ...year2031, holidays: undefined }, '/holidays'],
      ['2031', { ...year2031, provisional: 'yes' }, '/provisional'],
      ['2031', { ...year2031, extra: 1 }, '/extra'],
      ['31', year2031, '/path/year'],
    ];
    for (const [path, body, field] of cases) {
      const response = await admin.put(`/v2/calendar/years/${path}`, body);
      expect(response.status, `${field}: ${response.text}`).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field), `${field}: ${response.text}`).toContain(field);
    }
    // Nothing was stored by the refused puts.
    expect((await admin.get('/v2/calendar/years/2031')).body.holidays).toEqual(year2031.holidays);
  });
});

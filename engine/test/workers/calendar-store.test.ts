import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { VirtualClock } from '../../src/clock/clock.js';
import { CalendarError } from '../../src/calendar/index.js';
import { holidays2026 } from '../../src/calendar/holidays/2026.js';
import { listYears, loadCalendar, putYear } from '../../src/workers/calendar-store.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';

const year2028 = {
  year: 2028,
  holidays: ['2028-01-01', '2028-01-02', '2028-01-03'],
  makeUpWorkdays: [],
  source: 'test: a notice not published yet',
  provisional: true,
};

describe.each(testStores)('calendar store on $name', (testStore) => {
  let store: Store;
  beforeEach(async () => (store = await testStore.open()));
  afterEach(async () => store.close());

  it('starts with the built-in years only, and lists what is put, with who and when', async () => {
    expect(await listYears(store.db)).toEqual([]);
    const calendar = await loadCalendar(store.db);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.holidayYear(2028)).toBeUndefined();

    const clock = new VirtualClock(Date.UTC(2026, 0, 5));
    const stored = await putYear(store.db, year2028, 'admin-li', clock);
    expect(stored).toMatchObject({ year: 2028, updatedAt: Date.UTC(2026, 0, 5), updatedBy: 'admin-li' });
    expect(await listYears(store.db)).toEqual([{ year: 2028, data: year2028, updatedAt: Date.UTC(2026, 0, 5), updatedBy: 'admin-li' }]);
    expect((await loadCalendar(store.db)).isWorkingDay('2028-01-03')).toBe(false);
  });

  it('a stored year overrides the built-in one, and a second put replaces the first', async () => {
    const before = await loadCalendar(store.db);
    expect(before.isWorkingDay('2026-10-09')).toBe(true);
    await putYear(store.db, { ...holidays2026, holidays: [...holidays2026.holidays, '2026-10-08', '2026-10-09'] }, 'admin');
    const corrected = await loadCalendar(store.db);
    expect(corrected).not.toBe(before);
    expect(corrected.isWorkingDay('2026-10-09')).toBe(false);
    // Other built-in years are still there.
    expect(corrected.isWorkingDay('2027-10-01')).toBe(false);

    await putYear(store.db, { ...holidays2026, source: 'second correction' }, 'admin2');
    const again = await loadCalendar(store.db);
    expect(again.isWorkingDay('2026-10-09')).toBe(true);
    expect(again.holidayYear(2026)?.source).toBe('second correction');
    expect((await listYears(store.db)).map((y) => [y.year, y.updatedBy])).toEqual([[2026, 'admin2']]);
  });

  it('caches the calendar until something changes, including a change written by another process', async () => {
    const first = await loadCalendar(store.db);
    expect(await loadCalendar(store.db)).toBe(first);
    const withHours = await loadCalendar(store.db, { workingHours: { start: '09:00', end: '17:30' } });
    expect(withHours).not.toBe(first);
    expect(await loadCalendar(store.db, { workingHours: { start: '09:00', end: '17:30' } })).toBe(withHours);

    await putYear(store.db, year2028, 'admin');
    const afterPut = await loadCalendar(store.db);
    expect(afterPut).not.toBe(first);
    expect(await loadCalendar(store.db)).toBe(afterPut);

    // Another server process on the same database writes the row itself: this process's cache must notice.
    const changed = { ...year2028, holidays: ['2028-01-01'] };
    await sql`UPDATE holiday_years SET data = ${JSON.stringify(changed)}::jsonb WHERE year = 2028`.execute(store.db);
    const afterForeignWrite = await loadCalendar(store.db);
    expect(afterForeignWrite).not.toBe(afterPut);
    expect(afterForeignWrite.isWorkingDay('2028-01-03')).toBe(true);
  });

  it.each([
    [{ ...year2028, year: 1800 }, /holiday year 1800 is not a year between 1949 and 9999/],
    [{ ...year2028, source: ' ' }, /holiday year 2028 needs a source/],
    [{ ...year2028, holidays: ['2028-02-30'] }, /holiday year 2028: holidays entry '2028-02-30' does not exist/],
    [{ ...year2028, holidays: '2028-01-01' }, /holiday year 2028: holidays must be a list/],
    [{ ...year2028, makeUpWorkdays: ['2028-01-04'] }, /make-up working day 2028-01-04 is a weekday/],
    [{ ...year2028, holidays: ['2026-10-01'] }, /holidays entry 2026-10-01 is not in or next to 2028/],
  ])('refuses %j with an error naming the field', async (year, message) => {
    const error = await putYear(store.db, year as any, 'admin').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as Error).message).toMatch(message);
    expect(await listYears(store.db)).toEqual([]);
  });

  it('refuses a put without an actor, and reports a stored row broken by hand', async () => {
    await expect(putYear(store.db, year2028, '')).rejects.toThrow(/actor must be a non-empty string/);
    await sql`INSERT INTO holiday_years (year, data, updated_at, updated_by) VALUES (2029, ${JSON.stringify({ ...year2028, year: 2029, holidays: ['tomorrow'] })}::jsonb, 0, 'sql')`.execute(store.db);
    await expect(loadCalendar(store.db)).rejects.toThrow(/stored holiday year 2029 is invalid: holiday year 2029: holidays entry 'tomorrow'/);
    await sql`UPDATE holiday_years SET data = ${JSON.stringify(year2028)}::jsonb WHERE year = 2029`.execute(store.db);
    await expect(listYears(store.db)).rejects.toThrow(/stored holiday year 2029 holds data for 2028/);
  });
});

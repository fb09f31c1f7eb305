import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { WorkingDayCalendar } from '../../src/calendar/working-day-calendar.js';
import { CalendarError } from '../../src/calendar/calendar-error.js';
import { holidays2026 } from '../../src/calendar/holidays/2026.js';

/** Epoch ms of a wall-clock time in China (UTC+8). */
const cn = (s: string) => Date.parse(`${s}+08:00`);
const endOf = (date: string) => cn(`${date}T23:59:59.999`);

const calendar = new WorkingDayCalendar();
const office = new WorkingDayCalendar([], { workingHours: { start: '09:00', end: '17:00' } });

describe('isWorkingDay on real holiday weeks', () => {
  it('国庆 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked', () => {
    expect(calendar.isWorkingDay('2025-09-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false);
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    for (let d = 1; d <= 8; d++) expect(calendar.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('春节 2026: 15–23 February off, Saturdays 14 and 28 February worked', () => {
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    for (let d = 15; d <= 23; d++) expect(calendar.isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-27')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('ordinary weeks: Monday to Friday', () => {
    expect(calendar.isWorkingDay('2026-03-13')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-03-14')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-15')).toBe(false); // Sunday
  });

  it('rejects dates that are not YYYY-MM-DD or do not exist', () => {
    expect(() => calendar.isWorkingDay('2026/10/01')).toThrow(/'2026\/10\/01' is not a date in the form YYYY-MM-DD/);
    expect(() => calendar.isWorkingDay('2026-02-29')).toThrow(/'2026-02-29' does not exist/);
  });
});

describe('workingDays', () => {
  it('counts from the day after the start and ends at the end of the Nth working day', () => {
    // Monday 10:00 + 1 working day = end of Tuesday.
    expect(calendar.addWorkingDays(cn('2026-03-09T10:00:00'), 1)).toBe(endOf('2026-03-10'));
    // Friday + 1 = end of Monday.
    expect(calendar.addWorkingDays(cn('2026-03-13T16:00:00'), 1)).toBe(endOf('2026-03-16'));
    // A start on Saturday counts from Sunday on.
    expect(calendar.addWorkingDays(cn('2026-03-14T10:00:00'), 1)).toBe(endOf('2026-03-16'));
  });

  it('5 working days from the Friday before 劳动节 2026 skip 1–5 May', () => {
    // Mon 27, Tue 28, Wed 29, Thu 30 April, then Wednesday 6 May.
    expect(calendar.addWorkingDays(cn('2026-04-24T10:00:00'), 5)).toBe(endOf('2026-05-06'));
  });

  it('5 working days from the Friday before 劳动节 2025 count the make-up Sunday 27 April', () => {
    // Sun 27 (调休上班), Mon 28, Tue 29, Wed 30 April, then Tuesday 6 May.
    expect(calendar.addWorkingDays(cn('2025-04-25T10:00:00'), 5)).toBe(endOf('2025-05-06'));
  });

  it('20 working days across 国庆 2025', () => {
    // 28–30 Sep (3), 9–11 Oct (6, Saturday 11th worked), 13–17 (11), 20–24 (16), 27–30 (20).
    const deadline = calendar.computeDeadline({ start: cn('2025-09-26T10:00:00'), amount: 20, unit: 'workingDays' });
    expect(deadline.dueAt).toBe(endOf('2025-10-30'));
    expect(deadline.workingDaysCounted).toBe(20);
    expect(deadline.warnings).toEqual([]);
  });

  it('ends at the close of working hours when the calendar has them', () => {
    expect(office.addWorkingDays(cn('2025-09-26T10:00:00'), 20)).toBe(cn('2025-10-30T17:00:00'));
    expect(office.addWorkingDays(cn('2026-02-13T16:00:00'), 1)).toBe(cn('2026-02-14T17:00:00'));
  });

  it('0 working days is same-day handling: today, or the next working day after hours or on a rest day', () => {
    expect(office.addWorkingDays(cn('2026-03-09T10:00:00'), 0)).toBe(cn('2026-03-09T17:00:00'));
    expect(office.addWorkingDays(cn('2026-03-09T18:00:00'), 0)).toBe(cn('2026-03-10T17:00:00'));
    expect(office.addWorkingDays(cn('2025-10-03T10:00:00'), 0)).toBe(cn('2025-10-09T17:00:00'));
  });

  it('reminders at 2/3 of the working time, 3 working days from a Friday before 劳动节 2026', () => {
    // Working time: Fri 10–17 (7 h), Mon 27, Tue 28, Wed 29 April (8 h each) = 31 h; 2/3 = 20 h 40 min.
    const deadline = office.computeDeadline({
      start: cn('2026-04-24T10:00:00'),
      amount: 3,
      unit: 'workingDays',
      reminderFractions: [2 / 3],
    });
    expect(deadline.dueAt).toBe(cn('2026-04-29T17:00:00'));
    expect(deadline.reminders).toEqual([{ fraction: 2 / 3, at: cn('2026-04-28T14:40:00') }]);
  });

  it('reminders over a holiday block skip the holidays', () => {
    // 2 working days from Thursday 30 April 2026 17:00: due Thursday 7 May; the working time is 6 and 7 May.
    const deadline = office.computeDeadline({
      start: cn('2026-04-30T17:00:00'),
      amount: 2,
      unit: 'workingDays',
      reminderFractions: [0.5, 0.8],
    });
    expect(deadline.dueAt).toBe(cn('2026-05-07T17:00:00'));
    expect(deadline.reminders).toEqual([
      { fraction: 0.5, at: cn('2026-05-06T17:00:00') },
      // 0.8 × 16 h = 12 h 48 min: all of 6 May and 4 h 48 min of 7 May.
      { fraction: 0.8, at: cn('2026-05-07T13:48:00') },
    ]);
  });

  it('without working hours, whole working days are the working time', () => {
    // Friday 2026-03-13 00:00 + 2 working days: Fri, Mon, Tue = 3 days of working time; half is Monday 12:00.
    const deadline = calendar.computeDeadline({
      start: cn('2026-03-13T00:00:00'),
      amount: 2,
      unit: 'workingDays',
      reminderFractions: [0.5],
    });
    expect(deadline.dueAt).toBe(endOf('2026-03-17'));
    expect(Math.abs(deadline.reminders[0].at - cn('2026-03-16T12:00:00'))).toBeLessThanOrEqual(1);
  });

  it('the due day is a working day with exactly N working days after the start day', () => {
    const from = cn('2025-01-01T00:00:00');
    const to = cn('2027-12-01T00:00:00');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 40 }), (start, n) => {
        const dueAt = calendar.addWorkingDays(start, n);
        const dayOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
        expect(calendar.isWorkingDay(dayOf(dueAt))).toBe(true);
        let counted = 0;
        for (let t = start + 86_400_000; dayOf(t) <= dayOf(dueAt); t += 86_400_000) if (calendar.isWorkingDay(dayOf(t))) counted++;
        expect(counted).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

describe('calendarDays and hours', () => {
  it('calendar days end at the end of the Nth day after the start day', () => {
    const deadline = calendar.computeDeadline({ start: cn('2026-03-09T10:00:00'), amount: 3, unit: 'calendarDays' });
    expect(deadline.dueAt).toBe(endOf('2026-03-12'));
    expect(deadline.workingDaysCounted).toBe(3);
  });

  it('calendar days ending on a rest day run to the end of the next working day (民法典 art. 203)', () => {
    // 24 April 2026 + 10 days = Monday 4 May, inside 劳动节: the period ends on Wednesday 6 May.
    expect(calendar.computeDeadline({ start: cn('2026-04-24T10:00:00'), amount: 10, unit: 'calendarDays' }).dueAt).toBe(
      endOf('2026-05-06'),
    );
    // Ending on a Saturday: Monday.
    expect(calendar.computeDeadline({ start: cn('2026-03-09T10:00:00'), amount: 5, unit: 'calendarDays' }).dueAt).toBe(
      endOf('2026-03-16'),
    );
  });

  it('calendar-day reminders are fractions of the elapsed time', () => {
    const start = cn('2026-03-09T00:00:00');
    const deadline = calendar.computeDeadline({ start, amount: 2, unit: 'calendarDays', reminderFractions: [0.5] });
    expect(deadline.reminders[0].at).toBe(start + Math.round((deadline.dueAt - start) / 2));
  });

  it('hours are exact elapsed time, holidays or not', () => {
    const start = cn('2025-09-30T16:00:00');
    const deadline = calendar.computeDeadline({ start, amount: 48, unit: 'hours', reminderFractions: [0.5, 0.8] });
    expect(deadline.dueAt).toBe(cn('2025-10-02T16:00:00'));
    expect(deadline.reminders).toEqual([
      { fraction: 0.5, at: cn('2025-10-01T16:00:00') },
      { fraction: 0.8, at: cn('2025-10-02T06:24:00') },
    ]);
    expect(deadline.workingDaysCounted).toBeUndefined();
  });

  it('working hours count only office hours on working days', () => {
    // Tuesday 30 Sep 2025 16:00 + 4 working hours: 1 h that day, then 8 days of 国庆 off, 3 h on Thursday 9 Oct.
    const deadline = office.computeDeadline({
      start: cn('2025-09-30T16:00:00'),
      amount: 4,
      unit: 'workingHours',
      reminderFractions: [0.5, 0.8],
    });
    expect(deadline.dueAt).toBe(cn('2025-10-09T12:00:00'));
    expect(deadline.reminders).toEqual([
      { fraction: 0.5, at: cn('2025-10-09T10:00:00') },
      { fraction: 0.8, at: cn('2025-10-09T11:12:00') },
    ]);
  });

  it('a reminder falling on the close of a day stays there rather than moving to the next morning', () => {
    const deadline = office.computeDeadline({ start: cn('2026-03-09T09:00:00'), amount: 16, unit: 'workingHours', reminderFractions: [0.5] });
    expect(deadline.reminders[0].at).toBe(cn('2026-03-09T17:00:00'));
    expect(deadline.dueAt).toBe(cn('2026-03-10T17:00:00'));
  });
});

describe('holiday data', () => {
  it('years outside the data count weekends only, and say so', () => {
    const deadline = calendar.computeDeadline({ start: cn('2028-09-29T10:00:00'), amount: 3, unit: 'workingDays' });
    // No 国庆 in 2028 data: Mon 2, Tue 3, Wed 4 October.
    expect(deadline.dueAt).toBe(endOf('2028-10-04'));
    expect(deadline.warnings).toEqual(['no holiday data for 2028: only Saturdays and Sundays were treated as rest days']);
  });

  it('a span over the provisional 2027 data warns about it', () => {
    const deadline = calendar.computeDeadline({ start: cn('2026-12-28T10:00:00'), amount: 10, unit: 'workingDays' });
    expect(deadline.warnings).toHaveLength(1);
    expect(deadline.warnings[0]).toMatch(/^holiday data for 2027 is provisional/);
  });

  it('a corrected year overrides the built-in one', () => {
    // Suppose a correction turned 8 October 2026 into a holiday and Sunday 11 October into a working day.
    const corrected = {
      ...holidays2026,
      holidays: [...holidays2026.holidays, '2026-10-08'],
      makeUpWorkdays: [...holidays2026.makeUpWorkdays, '2026-10-11'],
      source: 'corrected by an admin',
    };
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    const fixed = calendar.withYear(corrected);
    expect(fixed.isWorkingDay('2026-10-08')).toBe(false);
    expect(fixed.isWorkingDay('2026-10-11')).toBe(true);
    expect(fixed.holidayYear(2026)?.source).toBe('corrected by an admin');
    // The original calendar is unchanged.
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    // Given to the constructor, too.
    expect(new WorkingDayCalendar([corrected]).isWorkingDay('2026-10-08')).toBe(false);
  });

  it('a year added at run time replaces the weekends-only rule and its warning', () => {
    const year2028 = { year: 2028, holidays: ['2028-10-02', '2028-10-03'], makeUpWorkdays: [], source: 'test notice' };
    const withData = calendar.withYear(year2028);
    const deadline = withData.computeDeadline({ start: cn('2028-09-29T10:00:00'), amount: 3, unit: 'workingDays' });
    expect(deadline.dueAt).toBe(endOf('2028-10-06'));
    expect(deadline.warnings).toEqual([]);
  });

  it('an official year replacing the provisional one stops the warning', () => {
    const official2027 = { ...calendar.holidayYear(2027)!, provisional: false, source: 'the published notice' };
    const deadline = calendar.withYear(official2027).computeDeadline({ start: cn('2027-03-01T10:00:00'), amount: 1, unit: 'workingDays' });
    expect(deadline.warnings).toEqual([]);
  });

  it('rejects bad holiday data with a message saying what is wrong', () => {
    const base = { year: 2028, holidays: [], makeUpWorkdays: [], source: 'test' };
    expect(() => calendar.withYear({ ...base, year: 20.5 })).toThrow(/holiday year 20.5 is not a year/);
    expect(() => calendar.withYear({ ...base, source: '' })).toThrow(/needs a source/);
    expect(() => calendar.withYear({ ...base, holidays: ['2028-13-01'] })).toThrow(/'2028-13-01' does not exist/);
    expect(() => calendar.withYear({ ...base, holidays: ['2030-05-01'] })).toThrow(/2030-05-01 is not in or next to 2028/);
    expect(() => calendar.withYear({ ...base, makeUpWorkdays: ['2028-10-09'] })).toThrow(/make-up working day 2028-10-09 is a weekday/);
    expect(() => calendar.withYear({ ...base, holidays: ['2028-10-07'], makeUpWorkdays: ['2028-10-07'] })).toThrow(
      /listed both as a holiday and as a make-up working day/,
    );
    expect(() => calendar.withYear({ ...base, holidays: ['2028-10-02', '2028-10-02'] })).toThrow(/listed twice in holidays/);
    expect(() => new WorkingDayCalendar([base, base])).toThrow(/holiday year 2028 is given twice/);
  });

  it('accepts a notice that starts 元旦 in the old year, the later notice deciding that date', () => {
    // The 2023 notice: 元旦 from Saturday 31 December 2022 to Monday 2 January 2023.
    const year2023 = { year: 2023, holidays: ['2022-12-31', '2023-01-01', '2023-01-02'], makeUpWorkdays: [], source: '2023 notice' };
    const with2023 = new WorkingDayCalendar([year2023]);
    expect(with2023.isWorkingDay('2023-01-02')).toBe(false);
    expect(with2023.isWorkingDay('2023-01-03')).toBe(true);
  });
});

describe('bad deadline requests', () => {
  it('say what is wrong', () => {
    const start = cn('2026-03-09T10:00:00');
    expect(() => calendar.computeDeadline({ start, amount: 1.5, unit: 'workingDays' })).toThrow(/workingDays amount 1.5 must be a whole number/);
    expect(() => calendar.computeDeadline({ start, amount: -1, unit: 'calendarDays' })).toThrow(/calendarDays amount -1/);
    expect(() => calendar.computeDeadline({ start, amount: Number.NaN, unit: 'hours' })).toThrow(/hours amount NaN/);
    expect(() => calendar.computeDeadline({ start, amount: 1, unit: 'weeks' as 'hours' })).toThrow(/unknown deadline unit 'weeks'/);
    expect(() => calendar.computeDeadline({ start: Number.NaN, amount: 1, unit: 'hours' })).toThrow(/start NaN is not a time/);
    expect(() => calendar.computeDeadline({ start, amount: 1, unit: 'hours', reminderFractions: [0] })).toThrow(/reminder fraction 0/);
    expect(() => calendar.computeDeadline({ start, amount: 1, unit: 'hours', reminderFractions: [1.2] })).toThrow(/reminder fraction 1.2/);
    expect(() => calendar.addWorkingDays(start, -2)).toThrow(CalendarError);
  });

  it('bad working hours are rejected', () => {
    expect(() => new WorkingDayCalendar([], { workingHours: { start: '9:00', end: '17:00' } })).toThrow(/start '9:00' is not a time in the form HH:MM/);
    expect(() => new WorkingDayCalendar([], { workingHours: { start: '09:00', end: '08:00' } })).toThrow(/end 08:00 must be after start 09:00/);
    expect(() => new WorkingDayCalendar([], { workingHours: { start: '09:00', end: '25:00' } })).toThrow(/not a time of day/);
  });
});

describe('holidayYear', () => {
  it('hands out data that cannot be edited behind the calendar’s back', () => {
    const year = calendar.holidayYear(2025)!;
    expect(year.holidays).toContain('2025-10-08');
    expect(() => (year.holidays as string[]).push('2025-12-25')).toThrow(TypeError);
    expect(calendar.holidayYear(2030)).toBeUndefined();
  });
});

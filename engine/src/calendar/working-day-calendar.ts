import { builtInHolidayYears } from './built-in-holiday-years.js';
import { CalendarError } from './calendar-error.js';
import { chinaDayOf, chinaDayStart, DAY_MS, formatChinaDay, parseChinaDate, weekdayOf, yearOf } from './china-day.js';
import { validateHolidayYear, type HolidayYear } from './holiday-year.js';
import { parseWorkingHours, type WorkingHours, type WorkingHoursSpan } from './working-hours.js';

/*
 * How deadlines are counted — the rules Chinese administrative time limits follow, all in China time (UTC+8):
 *
 * - A working day is Monday to Friday, except the public holidays of the State Council's yearly notice, plus the
 *   weekend days that notice makes working days (调休上班). Years without data: weekends only, with a warning.
 * - workingDays (行政许可法 art. 82: 期限以工作日计算，不含法定节假日; 民法典 art. 201: the day the period starts is
 *   not counted): N working days from `start` end at the end of the Nth working day after the start day. The end
 *   of a day is the end of working hours when the calendar has them (民法典 art. 203: 有业务时间的，停止业务活动的
 *   时间为截止时间), otherwise 23:59:59.999. N = 0 means the end of the current working day (or of the next one
 *   when the start is on a rest day or after hours): same-day handling, 即办件.
 * - calendarDays: the end of the Nth day after the start day; when that day is a rest day the period runs to
 *   the end of the next working day (民法典 art. 203: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
 * - hours: exactly `amount` hours of elapsed time (民法典 art. 201: 按照小时计算期间的，自…开始计算).
 * - workingHours: `amount` hours of working time: within working hours on working days, or the whole of working
 *   days when the calendar has no working hours.
 * - A reminder at fraction f is the first instant when f of the span from `start` to `dueAt` has elapsed —
 *   measured in working time (as above) for workingDays and workingHours, in elapsed time for the others.
 */

export type DeadlineUnit = 'workingDays' | 'calendarDays' | 'hours' | 'workingHours';

export interface DeadlineInput {
  /** Epoch ms the period starts at (e.g. when the application was accepted). */
  start: number;
  /** Whole days for the day units; hours (fractions allowed) for the hour units. */
  amount: number;
  unit: DeadlineUnit;
  /** Fractions of the span, each greater than 0 and at most 1, e.g. [2/3] or [0.5, 0.8]. */
  reminderFractions?: number[];
}

export interface Deadline {
  dueAt: number;
  reminders: Array<{ fraction: number; at: number }>;
  /** Working days in the counted span (after the start day, up to the due day), for the day units. */
  workingDaysCounted?: number;
  /** Years the span touches that have no holiday data or only provisional data. */
  warnings: string[];
}

export interface WorkingDayCalendarOptions {
  workingHours?: WorkingHours;
}

const UNITS: readonly DeadlineUnit[] = ['workingDays', 'calendarDays', 'hours', 'workingHours'];
const HOUR_MS = 3_600_000;
// A year without a single working day can only be broken data; stop instead of searching forever.
const MAX_REST_RUN_DAYS = 366;

export class WorkingDayCalendar {
  private readonly givenYears: HolidayYear[];
  private readonly years = new Map<number, HolidayYear>();
  private readonly dayKinds = new Map<number, 'holiday' | 'workday'>();
  private readonly hours: WorkingHoursSpan | undefined;
  private readonly options: WorkingDayCalendarOptions;

  /**
   * `years` are layered over the built-in ones (2025–2027): a year given here replaces the built-in year with
   * the same number.
   */
  constructor(years: HolidayYear[] = [], options: WorkingDayCalendarOptions = {}) {
    if (!Array.isArray(years)) throw new CalendarError('years must be a list of holiday years');
    this.options = options;
    this.hours = options.workingHours === undefined ? undefined : parseWorkingHours(options.workingHours);
    this.givenYears = years.map(validateHolidayYear);
    const seenGiven = new Set<number>();
    for (const year of this.givenYears) {
      if (seenGiven.has(year.year)) throw new CalendarError(`holiday year ${year.year} is given twice`);
      seenGiven.add(year.year);
    }
    for (const year of [...builtInHolidayYears.map(validateHolidayYear), ...this.givenYears]) this.years.set(year.year, year);
    // A date listed by two notices (a 元旦 block spilling into the old year) follows the later notice.
    for (const year of [...this.years.values()].sort((a, b) => a.year - b.year)) {
      for (const date of year.holidays) this.dayKinds.set(parseChinaDate(date), 'holiday');
      for (const date of year.makeUpWorkdays) this.dayKinds.set(parseChinaDate(date), 'workday');
    }
  }

  /** A calendar with `year` added, or corrected when that year is already known. */
  withYear(year: HolidayYear): WorkingDayCalendar {
    const checked = validateHolidayYear(year);
    return new WorkingDayCalendar([...this.givenYears.filter((y) => y.year !== checked.year), checked], this.options);
  }

  /** The holiday arrangement in use for `year`, if any. */
  holidayYear(year: number): HolidayYear | undefined {
    return this.years.get(year);
  }

  /** Whether a day (YYYY-MM-DD, China time) is a working day. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(parseChinaDate(date));
  }

  /** The end of the `days`-th working day after the start day (see the counting rules above). */
  addWorkingDays(start: number, days: number): number {
    assertInstant(start);
    assertWholeDays(days, 'workingDays');
    return this.endOfDay(this.dueDayForWorkingDays(start, days));
  }

  computeDeadline(input: DeadlineInput): Deadline {
    if (typeof input !== 'object' || input === null) throw new CalendarError('a deadline needs { start, amount, unit }');
    const { start, amount, unit } = input;
    assertInstant(start);
    if (!UNITS.includes(unit)) throw new CalendarError(`unknown deadline unit '${String(unit)}' (expected ${UNITS.join(', ')})`);
    const fractions = checkFractions(input.reminderFractions);
    const startDay = chinaDayOf(start);

    switch (unit) {
      case 'workingDays': {
        assertWholeDays(amount, unit);
        const dueDay = this.dueDayForWorkingDays(start, amount);
        const dueAt = this.endOfDay(dueDay);
        return {
          dueAt,
          reminders: this.workingTimeReminders(start, this.workingTimeBetween(start, dueAt), fractions),
          workingDaysCounted: amount,
          warnings: this.warningsFor(startDay, dueDay),
        };
      }
      case 'calendarDays': {
        assertWholeDays(amount, unit);
        const dueDay = this.nextWorkingDayFrom(startDay + amount);
        const dueAt = this.endOfDay(dueDay);
        let counted = 0;
        for (let day = startDay + 1; day <= dueDay; day++) if (this.isWorkingDayNumber(day)) counted++;
        return {
          dueAt,
          reminders: elapsedTimeReminders(start, dueAt, fractions),
          workingDaysCounted: counted,
          warnings: this.warningsFor(startDay, dueDay),
        };
      }
      case 'hours': {
        assertHours(amount, unit);
        const dueAt = start + Math.round(amount * HOUR_MS);
        return { dueAt, reminders: elapsedTimeReminders(start, dueAt, fractions), warnings: [] };
      }
      case 'workingHours': {
        assertHours(amount, unit);
        const total = Math.round(amount * HOUR_MS);
        const dueAt = this.afterWorkingTime(start, total);
        return {
          dueAt,
          reminders: this.workingTimeReminders(start, total, fractions),
          warnings: this.warningsFor(startDay, chinaDayOf(dueAt)),
        };
      }
    }
  }

  private isWorkingDayNumber(day: number): boolean {
    const kind = this.dayKinds.get(day);
    if (kind !== undefined) return kind === 'workday';
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  /** The first working day on or after `day`. */
  private nextWorkingDayFrom(day: number): number {
    let candidate = day;
    while (!this.isWorkingDayNumber(candidate)) {
      candidate++;
      if (candidate - day > MAX_REST_RUN_DAYS) throw noWorkingDay(day);
    }
    return candidate;
  }

  private dueDayForWorkingDays(start: number, days: number): number {
    const startDay = chinaDayOf(start);
    if (days === 0) {
      // Same-day handling: today if there is working time left, otherwise the next working day.
      const today = this.nextWorkingDayFrom(startDay);
      return today === startDay && start >= this.endOfDay(startDay) ? this.nextWorkingDayFrom(startDay + 1) : today;
    }
    let day = startDay;
    for (let counted = 0; counted < days; ) {
      day = this.nextWorkingDayFrom(day + 1);
      counted++;
    }
    return day;
  }

  /** End of working hours when the calendar has them, otherwise the last millisecond of the day. */
  private endOfDay(day: number): number {
    return this.hours ? chinaDayStart(day) + this.hours.endMs : chinaDayStart(day) + DAY_MS - 1;
  }

  /** Working time of a day as [start, end) in epoch ms, or undefined on a rest day. */
  private workingInterval(day: number): [number, number] | undefined {
    if (!this.isWorkingDayNumber(day)) return undefined;
    const dayStart = chinaDayStart(day);
    return this.hours ? [dayStart + this.hours.startMs, dayStart + this.hours.endMs] : [dayStart, dayStart + DAY_MS];
  }

  private workingTimeBetween(from: number, to: number): number {
    let total = 0;
    for (let day = chinaDayOf(from); day <= chinaDayOf(to); day++) {
      const interval = this.workingInterval(day);
      if (!interval) continue;
      const overlap = Math.min(interval[1], to) - Math.max(interval[0], from);
      if (overlap > 0) total += overlap;
    }
    return total;
  }

  /** The first instant at which `amountMs` of working time has passed since `from`. */
  private afterWorkingTime(from: number, amountMs: number): number {
    if (amountMs <= 0) return from;
    let remaining = amountMs;
    let restRun = 0;
    for (let day = chinaDayOf(from); ; day++) {
      const interval = this.workingInterval(day);
      if (!interval) {
        if (++restRun > MAX_REST_RUN_DAYS) throw noWorkingDay(chinaDayOf(from));
        continue;
      }
      restRun = 0;
      const begin = Math.max(interval[0], from);
      if (begin >= interval[1]) continue;
      const available = interval[1] - begin;
      if (remaining <= available) return begin + remaining;
      remaining -= available;
    }
  }

  private workingTimeReminders(start: number, totalMs: number, fractions: number[]): Array<{ fraction: number; at: number }> {
    return fractions.map((fraction) => ({ fraction, at: this.afterWorkingTime(start, Math.round(fraction * totalMs)) }));
  }

  private warningsFor(fromDay: number, toDay: number): string[] {
    const warnings: string[] = [];
    for (let year = yearOf(fromDay); year <= yearOf(toDay); year++) {
      const data = this.years.get(year);
      if (!data) warnings.push(`no holiday data for ${year}: only Saturdays and Sundays were treated as rest days`);
      else if (data.provisional) warnings.push(`holiday data for ${year} is provisional and may change: ${data.source}`);
    }
    return warnings;
  }
}

function elapsedTimeReminders(start: number, dueAt: number, fractions: number[]): Array<{ fraction: number; at: number }> {
  return fractions.map((fraction) => ({ fraction, at: start + Math.round(fraction * (dueAt - start)) }));
}

function checkFractions(fractions: number[] | undefined): number[] {
  if (fractions === undefined) return [];
  if (!Array.isArray(fractions)) throw new CalendarError('reminderFractions must be a list of numbers');
  for (const fraction of fractions) {
    if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) {
      throw new CalendarError(`reminder fraction ${String(fraction)} must be greater than 0 and at most 1`);
    }
  }
  return fractions;
}

function assertInstant(start: unknown): asserts start is number {
  if (typeof start !== 'number' || !Number.isFinite(start)) {
    throw new CalendarError(`start ${String(start)} is not a time (epoch milliseconds)`);
  }
}

function assertWholeDays(amount: unknown, unit: string): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    throw new CalendarError(`${unit} amount ${String(amount)} must be a whole number of days, 0 or more`);
  }
}

function assertHours(amount: unknown, unit: string): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new CalendarError(`${unit} amount ${String(amount)} must be a number of hours, 0 or more`);
  }
}

function noWorkingDay(fromDay: number): CalendarError {
  return new CalendarError(`no working day within a year after ${formatChinaDay(fromDay)}: check the holiday data`);
}

import { WorkingDayCalendar } from '../calendar/index.js';
import { chinaDayOf, chinaDayStart, formatChinaDay } from '../calendar/china-day.js';

const MINUTE = 60_000;
/** Office hours of a street service centre, China time: 09:00–12:00 and 13:30–17:30. */
const SESSIONS: ReadonlyArray<readonly [number, number]> = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];
/**
 * Desk sessions, China time: office work that comes in is done at the next one (a clerk works through the
 * queue), so that a day's work commits in a few engine batches instead of one per step.
 */
const DESK_SESSIONS = [9 * 60 + 30, 11 * 60, 14 * 60 + 30, 16 * 60 + 30];
/** Minutes of office time in a working day. */
const OFFICE_MINUTES_PER_DAY = SESSIONS.reduce((sum, [from, to]) => sum + to - from, 0);

/**
 * When staff are at their desks: working days of the Chinese calendar (holidays and 调休 make-up days, as the
 * deadline worker counts them) during office hours. Demo cases are worked at such moments, so their records
 * look like a real office's.
 */
export class OfficeHours {
  constructor(private readonly calendar: WorkingDayCalendar = new WorkingDayCalendar()) {}

  /** The first office moment at or after `epochMs`. */
  next(epochMs: number): number {
    let day = chinaDayOf(epochMs);
    for (let guard = 0; guard < 400; guard++, day++) {
      const dayStart = chinaDayStart(day);
      if (!this.calendar.isWorkingDay(formatChinaDay(day))) continue;
      for (const [from, to] of SESSIONS) {
        const open = dayStart + from * MINUTE;
        const close = dayStart + to * MINUTE;
        if (epochMs < close) return Math.max(epochMs, open);
      }
    }
    throw new Error(`no office hours within 400 days after ${new Date(epochMs).toISOString()}`);
  }

  /** The first desk session at or after `epochMs`. */
  desk(epochMs: number): number {
    let day = chinaDayOf(epochMs);
    for (let guard = 0; guard < 400; guard++, day++) {
      if (!this.calendar.isWorkingDay(formatChinaDay(day))) continue;
      for (const minute of DESK_SESSIONS) {
        const at = chinaDayStart(day) + minute * MINUTE;
        if (at >= epochMs) return at;
      }
    }
    throw new Error(`no desk session within 400 days after ${new Date(epochMs).toISOString()}`);
  }

  /** `minutes` of office time after `epochMs` (counted from the next office moment). */
  addOfficeMinutes(epochMs: number, minutes: number): number {
    let at = this.next(epochMs);
    let left = minutes * MINUTE;
    for (let guard = 0; guard < 10_000; guard++) {
      const close = this.sessionEnd(at);
      if (at + left <= close) return at + left;
      left -= close - at;
      at = this.next(close);
    }
    throw new Error(`cannot add ${minutes} office minutes to ${new Date(epochMs).toISOString()}`);
  }

  /**
   * A moment on the `days`-th working day after the day of `epochMs` (0: that day, or the next working day when it
   * is not one), `fraction` of the way through its office hours; never before `epochMs`.
   */
  workingDaysLater(epochMs: number, days: number, fraction: number): number {
    let day = chinaDayOf(epochMs);
    let counted = this.calendar.isWorkingDay(formatChinaDay(day)) ? 0 : -1;
    for (let guard = 0; counted < days && guard < 2_000; guard++) {
      day++;
      if (this.calendar.isWorkingDay(formatChinaDay(day))) counted++;
    }
    const opening = chinaDayStart(day) + SESSIONS[0][0] * MINUTE;
    const at = this.addOfficeMinutes(opening, Math.floor(Math.min(Math.max(fraction, 0), 0.999) * OFFICE_MINUTES_PER_DAY));
    return Math.max(at, this.next(epochMs));
  }

  /** The China date (YYYY-MM-DD) of a moment. */
  dateOf(epochMs: number): string {
    return formatChinaDay(chinaDayOf(epochMs));
  }

  private sessionEnd(officeMoment: number): number {
    const dayStart = chinaDayStart(chinaDayOf(officeMoment));
    for (const [, to] of SESSIONS) {
      const close = dayStart + to * MINUTE;
      if (officeMoment < close) return close;
    }
    return officeMoment;
  }
}

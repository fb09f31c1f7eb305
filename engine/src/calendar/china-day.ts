import { CalendarError } from './calendar-error.js';

/*
 * Days of the calendar in China time (UTC+8 all year: China has no daylight saving), numbered from
 * 1970-01-01 = 0. Whole-day arithmetic on these numbers needs no time-zone library.
 */

export const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China-time day an instant falls on. */
export function chinaDayOf(epochMs: number): number {
  return Math.floor((epochMs + CHINA_OFFSET_MS) / DAY_MS);
}

/** The instant 00:00 China time starts the day. */
export function chinaDayStart(day: number): number {
  return day * DAY_MS - CHINA_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function formatChinaDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD`; throws CalendarError for anything else or a day that does not exist. */
export function parseChinaDate(date: string, what = 'date'): number {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new CalendarError(`${what} '${String(date)}' is not a date in the form YYYY-MM-DD`);
  }
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new CalendarError(`${what} '${date}' does not exist`);
  }
  return ms / DAY_MS;
}

import { CalendarError } from './calendar-error.js';

/** Office hours in China time, e.g. { start: '09:00', end: '17:00' }. */
export interface WorkingHours {
  start: string;
  end: string;
}

/** Working hours as milliseconds after midnight. */
export interface WorkingHoursSpan {
  startMs: number;
  endMs: number;
}

function parseClock(value: unknown, which: string): number {
  const match = typeof value === 'string' ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  if (!match) throw new CalendarError(`working hours ${which} '${String(value)}' is not a time in the form HH:MM`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) {
    throw new CalendarError(`working hours ${which} '${value}' is not a time of day (00:00 to 24:00)`);
  }
  return (hours * 60 + minutes) * 60_000;
}

export function parseWorkingHours(hours: WorkingHours): WorkingHoursSpan {
  if (typeof hours !== 'object' || hours === null) throw new CalendarError('working hours must be { start: "HH:MM", end: "HH:MM" }');
  const startMs = parseClock(hours.start, 'start');
  const endMs = parseClock(hours.end, 'end');
  if (endMs <= startMs) throw new CalendarError(`working hours end ${hours.end} must be after start ${hours.start}`);
  return { startMs, endMs };
}

import { TimerExpressionError } from './timer-expression-error.js';
import { CHINA_OFFSET_MINUTES, epochToWallTime, wallTimeToEpoch, type TimeZone } from './time-zone.js';

/** An ISO 8601 duration split into its designators; `seconds` may carry a fraction (6.5). */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const EXAMPLES = 'e.g. P1D, PT15M, P2W, P1Y2M3DT4H5M6.5S';

// Designators are case-insensitive, as java.time (and so Zeebe) parses them.
const DURATION = /^\+?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,9}))?S)?)?$/i;

/** Parses an ISO 8601 duration (`P1D`, `PT15M`, `P2W`, `P1Y2M3DT4H5M6.5S`); negative durations are rejected. */
export function parseIsoDuration(s: string): IsoDuration {
  if (typeof s !== 'string') throw new TimerExpressionError(`a duration must be a string, got ${typeof s}`);
  const text = s.trim();
  if (text === '') throw new TimerExpressionError(`empty duration: expected ISO 8601 like ${EXAMPLES}`);
  if (/^-P/i.test(text) || (/^\+?P/i.test(text) && text.includes('-'))) {
    throw new TimerExpressionError(`negative duration '${text}' is not allowed: a timer waits forward in time (${EXAMPLES})`);
  }
  const match = DURATION.exec(text);
  if (!match) {
    if (/^\+?P/i.test(text) && /\d[.,]\d*[YMWDH]/i.test(text)) {
      throw new TimerExpressionError(`invalid duration '${text}': only seconds may have a fraction (${EXAMPLES})`);
    }
    throw new TimerExpressionError(`invalid duration '${text}': expected ISO 8601 PnYnMnWnDTnHnMnS, ${EXAMPLES}`);
  }
  const [, y, mo, w, d, h, mi, sInt, sFrac] = match;
  if ([y, mo, w, d, h, mi, sInt].every((part) => part === undefined)) {
    throw new TimerExpressionError(`invalid duration '${text}': it names no amount (${EXAMPLES})`);
  }
  if (/T$/i.test(text)) {
    throw new TimerExpressionError(`invalid duration '${text}': a 'T' must be followed by hours, minutes or seconds`);
  }
  const number = (part: string | undefined, unit: string): number => {
    if (part === undefined) return 0;
    const value = Number(part);
    if (!Number.isSafeInteger(value)) throw new TimerExpressionError(`duration '${text}' has too many ${unit}`);
    return value;
  };
  const seconds = number(sInt, 'seconds') + (sFrac ? Number(`0.${sFrac}`) : 0);
  return {
    years: number(y, 'years'),
    months: number(mo, 'months'),
    weeks: number(w, 'weeks'),
    days: number(d, 'days'),
    hours: number(h, 'hours'),
    minutes: number(mi, 'minutes'),
    seconds,
  };
}

/** True when the duration adds no time at all (a `PT0S` timer fires at once; a `PT0S` cycle would never advance). */
export function isZeroDuration(d: IsoDuration): boolean {
  return d.years === 0 && d.months === 0 && d.weeks === 0 && d.days === 0 && d.hours === 0 && d.minutes === 0 && d.seconds === 0;
}

const DAY_MS = 86_400_000;
const MAX_EPOCH_MS = 8.64e15;

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * Adds a duration the way java.time adds Zeebe's interval: years, months, weeks and days are calendar
 * arithmetic on the local date in `zone` (Jan 31 + P1M = Feb 28 or 29, Feb 29 + P1Y = Feb 28), keeping the
 * wall-clock time; hours, minutes and seconds are then added as exact elapsed time.
 * `zone` is an offset in minutes (default UTC+8, China) or an IANA zone id.
 */
export function addDuration(epochMs: number, d: IsoDuration, zoneOffsetMinutes: TimeZone = CHINA_OFFSET_MINUTES): number {
  if (!Number.isFinite(epochMs)) throw new TimerExpressionError(`cannot add a duration to the invalid time ${epochMs}`);
  let result = epochMs;
  const totalMonths = d.years * 12 + d.months;
  const totalDays = d.weeks * 7 + d.days;
  if (totalMonths !== 0 || totalDays !== 0) {
    const wall = new Date(epochToWallTime(epochMs, zoneOffsetMinutes));
    const timeOfDay = wall.getTime() - Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
    const monthIndex = wall.getUTCMonth() + totalMonths;
    const year = wall.getUTCFullYear() + Math.floor(monthIndex / 12);
    const month = ((monthIndex % 12) + 12) % 12;
    // Clamp to the month's last day, as Period.addTo does.
    const day = Math.min(wall.getUTCDate(), daysInMonth(year, month));
    const dateUtc = new Date(0);
    dateUtc.setUTCFullYear(year, month, day);
    const newWall = dateUtc.getTime() + totalDays * DAY_MS + timeOfDay;
    result = wallTimeToEpoch(newWall, zoneOffsetMinutes);
  }
  result += d.hours * 3_600_000 + d.minutes * 60_000 + Math.round(d.seconds * 1000);
  if (!Number.isFinite(result) || Math.abs(result) > MAX_EPOCH_MS) {
    throw new TimerExpressionError('duration reaches beyond the representable dates (year 275760)');
  }
  return result;
}

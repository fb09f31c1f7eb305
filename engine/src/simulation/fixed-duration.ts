import { parseIsoDuration } from '../timer/index.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An ISO 8601 duration as a fixed number of milliseconds, a day counting 24 hours. Used where durations are
 * drawn from ranges and summarised (what-if runs); months and years have no fixed length, so they are refused.
 * Throws an Error whose message says what is wrong.
 */
export function fixedDurationMs(text: string): number {
  const d = parseIsoDuration(text);
  if (d.years !== 0 || d.months !== 0) {
    throw new Error(`'${text}' counts months or years, which have no fixed length: write it in weeks, days or hours`);
  }
  return Math.round((d.weeks * 7 + d.days) * DAY + d.hours * HOUR + d.minutes * MINUTE + d.seconds * SECOND);
}

/** Milliseconds as an ISO 8601 duration with days, hours, minutes and seconds: 93_784_000 → `P1DT2H3M4S`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`cannot write ${ms} ms as a duration`);
  let rest = Math.round(ms);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = rest / SECOND;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

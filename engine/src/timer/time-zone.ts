import { TimerExpressionError } from './timer-expression-error.js';

/**
 * A zone for calendar arithmetic: a fixed offset in minutes east of UTC, or an IANA zone id.
 * China has one zone without daylight saving, so most values are the fixed offset 480.
 */
export type TimeZone = number | string;

/** UTC+8, the zone every Gongzhi office works in. */
export const CHINA_OFFSET_MINUTES = 480;

const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zoneId: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zoneId);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zoneId,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new TimerExpressionError(`unknown time zone '${zoneId}' (expected an IANA zone id such as Asia/Shanghai)`);
    }
    formatters.set(zoneId, formatter);
  }
  return formatter;
}

/** Throws a TimerExpressionError unless `zoneId` is an IANA zone id this runtime knows. */
export function assertTimeZone(zoneId: string): void {
  formatterFor(zoneId);
}

/** Offset of `zone` from UTC at the instant `epochMs`, in milliseconds. */
export function zoneOffsetMs(zone: TimeZone, epochMs: number): number {
  if (typeof zone === 'number') return zone * MINUTE_MS;
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(wholeSecond))) parts[part.type] = part.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - wholeSecond;
}

/** Local wall-clock time (as if it were UTC) of `epochMs` in `zone`. */
export function epochToWallTime(epochMs: number, zone: TimeZone): number {
  return epochMs + zoneOffsetMs(zone, epochMs);
}

/**
 * The instant a wall-clock time (given as if it were UTC) denotes in `zone`.
 * Resolves daylight-saving overlaps to the earlier instant and moves times in a gap later by the gap's
 * length, as java.time's ZonedDateTime.ofLocal does — so results match Zeebe's.
 */
export function wallTimeToEpoch(wallMs: number, zone: TimeZone): number {
  if (typeof zone === 'number') return wallMs - zone * MINUTE_MS;
  const DAY = 86_400_000;
  const offsetBefore = zoneOffsetMs(zone, wallMs - DAY);
  const offsetAfter = zoneOffsetMs(zone, wallMs + DAY);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter]
    .filter((instant) => instant + zoneOffsetMs(zone, instant) === wallMs)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0];
  return wallMs - offsetBefore;
}

/** `+08:00`, `Z` or `Asia/Shanghai`, for messages. */
export function describeTimeZone(zone: TimeZone): string {
  if (typeof zone === 'string') return zone;
  if (zone === 0) return 'Z';
  const sign = zone < 0 ? '-' : '+';
  const abs = Math.abs(zone);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

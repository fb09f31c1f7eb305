import { TimerExpressionError } from './timer-expression-error.js';
import { assertTimeZone, CHINA_OFFSET_MINUTES, wallTimeToEpoch, type TimeZone } from './time-zone.js';

/** An instant together with the zone it was written in (the zone later calendar arithmetic happens in). */
export interface ZonedInstant {
  epochMs: number;
  zone: TimeZone;
}

const EXAMPLES = 'e.g. 2026-10-01T09:00:00Z, 2026-10-01T09:00:00+08:00, 2026-10-01T09:00:00[Asia/Shanghai]';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]]+)\]|@([A-Za-z][\w+\-/]*))?$/;

/**
 * Parses an ISO 8601 date and time as Zeebe's timeDate accepts it: with `Z`, an offset (`+08:00`), an IANA zone
 * in brackets (`[Asia/Shanghai]`, FEEL's `@Asia/Shanghai` too) or both. With both, the offset fixes the instant
 * (as java.time's parser does) and the zone is kept for calendar arithmetic.
 * Deliberate difference from Zeebe (which reads a zone-less time as UTC): without any zone the time is China
 * time, UTC+8 — our offices are all in China, and China has no daylight saving.
 */
export function parseIsoDateTime(s: string): ZonedInstant {
  if (typeof s !== 'string') throw new TimerExpressionError(`a date and time must be a string, got ${typeof s}`);
  const text = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw new TimerExpressionError(`'${text}' is a date without a time of day: write ${text}T00:00:00 (China time) or add a zone`);
  }
  const match = DATE_TIME.exec(text);
  if (!match) throw new TimerExpressionError(`invalid date and time '${text}': expected ISO 8601, ${EXAMPLES}`);
  const [, y, mo, d, h, mi, sec, frac, offset, bracketZone, atZone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = sec === undefined ? 0 : Number(sec);
  if (month < 1 || month > 12) throw new TimerExpressionError(`invalid date and time '${text}': month ${mo} does not exist`);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > lastDay) {
    throw new TimerExpressionError(`invalid date and time '${text}': ${y}-${mo} has no day ${d}`);
  }
  if (hour > 23) throw new TimerExpressionError(`invalid date and time '${text}': hour ${h} is out of range 00-23`);
  if (minute > 59) throw new TimerExpressionError(`invalid date and time '${text}': minute ${mi} is out of range 00-59`);
  if (second > 59) throw new TimerExpressionError(`invalid date and time '${text}': second ${sec} is out of range 00-59`);
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000 + 1e-6);
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, millis);
  const wallMs = wall.getTime();

  const zoneId = bracketZone ?? atZone;
  if (zoneId !== undefined) assertTimeZone(zoneId);
  if (offset !== undefined) {
    const offsetMinutes = parseOffset(offset, text);
    return { epochMs: wallMs - offsetMinutes * 60_000, zone: zoneId ?? offsetMinutes };
  }
  if (zoneId !== undefined) return { epochMs: wallTimeToEpoch(wallMs, zoneId), zone: zoneId };
  return { epochMs: wallMs - CHINA_OFFSET_MINUTES * 60_000, zone: CHINA_OFFSET_MINUTES };
}

function parseOffset(offset: string, text: string): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (minutes > 59 || hours * 60 + minutes > 18 * 60) {
    throw new TimerExpressionError(`invalid date and time '${text}': zone offset ${offset} is out of range -18:00..+18:00`);
  }
  return sign * (hours * 60 + minutes);
}

/**
 * FEEL values → plain JSON, the way Zeebe writes a FEEL result into a variable
 * (zeebe/feel FeelToMessagePackTransformer): temporals and durations become ISO strings, values
 * with no JSON form (ranges, functions) become null.
 */
import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange } from 'feelin';

export function feelValueToJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // FEEL has no NaN or infinities: they are null.
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return null;
  }
  if (Array.isArray(value)) return value.map(feelValueToJson);
  const temporal = temporalToIso(value);
  if (temporal !== undefined) return temporal;
  if (isRange(value) || isFunction(value)) return null;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  const json: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    // defineProperty keeps a "__proto__" key an own entry instead of replacing the prototype.
    Object.defineProperty(json, key, { value: feelValueToJson(entry), enumerable: true, writable: true, configurable: true });
  }
  return json;
}

/** The ISO form of a FEEL date, time, date-time or duration; undefined for anything else. */
export function temporalToIso(value: unknown): string | undefined {
  if (value instanceof FeelDate) return value.iso;
  if (value instanceof FeelDateTime) return formatDateTime(value);
  if (value instanceof FeelTime) return formatTime(value);
  if (value instanceof FeelDuration) return formatDuration(value);
  return undefined;
}

/** Java's ISO_LOCAL_DATE_TIME, plus ISO_OFFSET_DATE_TIME's offset when zoned (a zone id becomes its offset). */
function formatDateTime(dateTime: FeelDateTime): string {
  const plain = dateTime.unwrap();
  const date = `${pad(plain.year, 4)}-${pad(plain.month, 2)}-${pad(plain.day, 2)}`;
  const time = `${pad(plain.hour, 2)}:${pad(plain.minute, 2)}:${pad(plain.second, 2)}${fraction(plain.millisecond, plain.microsecond, plain.nanosecond)}`;
  if (dateTime.zone === null) return `${date}T${time}`;
  return `${date}T${time}${formatOffset(dateTime['time offset'])}`;
}

/**
 * A local time as Java's LocalTime.toString (seconds left out when zero, fraction in groups of three
 * digits); a zoned time as feel-scala's ZonedTime.format (offset, or `@zone id`).
 */
function formatTime(time: FeelTime): string {
  const plain = time.unwrap();
  const nanos = plain.millisecond * 1_000_000 + plain.microsecond * 1_000 + plain.nanosecond;
  const hourMinute = `${pad(plain.hour, 2)}:${pad(plain.minute, 2)}`;
  if (time.zone === null) {
    if (plain.second === 0 && nanos === 0) return hourMinute;
    let digits = '';
    if (nanos > 0) {
      if (nanos % 1_000_000 === 0) digits = `.${pad(nanos / 1_000_000, 3)}`;
      else if (nanos % 1_000 === 0) digits = `.${pad(nanos / 1_000, 6)}`;
      else digits = `.${pad(nanos, 9)}`;
    }
    return `${hourMinute}:${pad(plain.second, 2)}${digits}`;
  }
  const local = `${hourMinute}:${pad(plain.second, 2)}${fraction(plain.millisecond, plain.microsecond, plain.nanosecond)}`;
  if (/^[+-]\d{2}:\d{2}$|^UTC$|^Z$/.test(time.zone)) return `${local}${formatOffset(time['time offset'])}`;
  return `${local}@${time.zone}`;
}

/** feel-scala's duration formats: `P1DT2H`, `-PT30M`, `P0D`; `P1Y2M`, `P0Y`. Fractions of a second are dropped, as there. */
function formatDuration(duration: FeelDuration): string {
  if (duration.yearsMonths) {
    const total = duration.years * 12 + duration.months;
    if (total === 0) return 'P0Y';
    const abs = Math.abs(total);
    const years = Math.floor(abs / 12);
    const months = abs % 12;
    return `${total < 0 ? '-' : ''}P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}`;
  }
  const total =
    Math.trunc(duration.days) * 86_400 +
    Math.trunc(duration.hours) * 3_600 +
    Math.trunc(duration.minutes) * 60 +
    Math.trunc(duration.seconds);
  if (total === 0) return 'P0D';
  const abs = Math.abs(total);
  const days = Math.floor(abs / 86_400);
  const hours = Math.floor((abs % 86_400) / 3_600);
  const minutes = Math.floor((abs % 3_600) / 60);
  const seconds = abs % 60;
  const timePart = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `${total < 0 ? '-' : ''}P${days ? `${days}D` : ''}${timePart ? `T${timePart}` : ''}`;
}

/** Java's offset id: `Z` for zero, else `+HH:MM` (`+HH:MM:SS` with seconds). */
function formatOffset(offset: FeelDuration | null): string {
  if (!offset) return 'Z';
  const total =
    Math.trunc(offset.days) * 86_400 + Math.trunc(offset.hours) * 3_600 + Math.trunc(offset.minutes) * 60 + Math.trunc(offset.seconds);
  if (total === 0) return 'Z';
  const abs = Math.abs(total);
  const seconds = abs % 60;
  return `${total < 0 ? '-' : '+'}${pad(Math.floor(abs / 3_600), 2)}:${pad(Math.floor((abs % 3_600) / 60), 2)}${seconds ? `:${pad(seconds, 2)}` : ''}`;
}

/** Java ISO formatter fraction: as few digits as needed, none when zero. */
function fraction(millisecond: number, microsecond: number, nanosecond: number): string {
  const nanos = millisecond * 1_000_000 + microsecond * 1_000 + nanosecond;
  if (nanos === 0) return '';
  return `.${pad(nanos, 9).replace(/0+$/, '')}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * A light syntax check of static timer values at deployment (the timer module computes due
 * dates at run time): ISO 8601 durations, date-times, repeating intervals, and the 6-field
 * cron expressions Zeebe accepts in timeCycle.
 */
import type { TimerKind } from '../model/executable-process.js';

const DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(?:[.,]\d+)?S)?)?$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?(\[[A-Za-z0-9_+\-/]+\])?$/;
const REPETITIONS = /^R(\d*)$/;
const CRON_MACRO = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const CRON_FIELD = /^[0-9A-Za-z*?/,#\-]+$/;

/** Why `value` is not a valid static value for a timer of `kind`, or undefined if it is. */
export function findTimerValueError(kind: TimerKind, value: string): string | undefined {
  const text = value.trim();
  if (text === '') return 'the timer value is empty';
  switch (kind) {
    case 'timeDuration':
      return isDuration(text) ? undefined : `'${text}' is not an ISO 8601 duration (e.g. PT5M, P1D)`;
    case 'timeDate':
      return findDateTimeError(text);
    case 'timeCycle':
      return findCycleError(text);
  }
}

export function isDuration(text: string): boolean {
  return DURATION.test(text);
}

/** Why `text` is not an ISO 8601 date-time (as Zeebe parses timeDate and due dates), or undefined. */
export function findDateTimeError(text: string): string | undefined {
  const match = DATE_TIME.exec(text);
  const example = 'e.g. 2026-01-01T08:00:00+08:00';
  if (!match) return `'${text}' is not an ISO 8601 date-time (${example})`;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || (second || 0) > 59) {
    return `'${text}' is not a valid date-time: a field is out of range`;
  }
  return undefined;
}

function findCycleError(text: string): string | undefined {
  if (text.startsWith('R')) return findRepeatingIntervalError(text);
  return findCronError(text);
}

/** R[n]/duration, R[n]/start/duration or R[n]/duration/end. */
function findRepeatingIntervalError(text: string): string | undefined {
  const parts = text.split('/');
  const problem = `'${text}' is not an ISO 8601 repeating interval (e.g. R/P1D, R3/PT10S, R/2026-01-01T08:00:00+08:00/P1D)`;
  if (!REPETITIONS.test(parts[0])) return problem;
  const rest = parts.slice(1);
  if (rest.length === 1) return isDuration(rest[0]) ? undefined : problem;
  if (rest.length === 2) {
    const [first, second] = rest;
    if (isDuration(first) && findDateTimeError(second) === undefined) return undefined;
    if (findDateTimeError(first) === undefined && isDuration(second)) return undefined;
  }
  return problem;
}

function findCronError(text: string): string | undefined {
  if (CRON_MACRO.test(text)) return undefined;
  const fields = text.split(/\s+/);
  if (fields.length !== 6) {
    return (
      `'${text}' is neither an ISO 8601 repeating interval (R/P1D) nor a cron expression with 6 fields ` +
      '(second minute hour day-of-month month day-of-week, e.g. 0 0 9 * * MON-FRI)'
    );
  }
  const bad = fields.find((field) => !CRON_FIELD.test(field));
  return bad === undefined ? undefined : `the cron field '${bad}' in '${text}' contains characters cron does not allow`;
}

import { FeelDate, FeelDateTime, FeelDuration } from 'feelin';
import type { TimerKind } from '../model/executable-process.js';
import { addDuration, parseIsoDuration } from './iso-duration.js';
import { parseIsoDateTime } from './iso-date-time.js';
import { parseTimeCycle } from './time-cycle.js';
import { TimerExpressionError } from './timer-expression-error.js';

export type { TimerKind };

export interface FirstDue {
  /** Epoch ms; may lie in the past for a timeDate, which then fires at once. */
  dueAt: number;
  /** How often the timer fires in all: 1 for a duration or date, n for Rn/…, -1 for forever. */
  repetitions: number;
}

const KINDS: readonly TimerKind[] = ['timeDuration', 'timeDate', 'timeCycle'];

function assertKind(kind: unknown): asserts kind is TimerKind {
  if (!KINDS.includes(kind as TimerKind)) {
    throw new TimerExpressionError(`unknown timer kind '${String(kind)}' (expected ${KINDS.join(', ')})`);
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof FeelDate) return `the date ${value.iso}`;
  if (value instanceof FeelDateTime) return `the date and time ${value.iso}`;
  if (value instanceof FeelDuration) return `the duration ${value.iso}`;
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a context' : `${typeof value} ${String(value)}`;
}

/**
 * The first due time of a timer. `value` is the static text, or what its FEEL expression evaluated to: an ISO
 * string, a FEEL duration or date and time (feelin values), or a JS Date for a timeDate.
 * - timeDuration: `now` plus the duration. A computed FEEL duration that is zero or negative fires at once,
 *   as in Zeebe; a negative duration written as text is rejected as a modelling error.
 * - timeDate: that instant, even when past (the timer is then due at once).
 * - timeCycle: the start when given (or `now` if the start has passed, as Zeebe does), otherwise one interval
 *   after `now`; for cron the first match after `now`, in China time.
 */
export function firstDue(kind: TimerKind, value: unknown, now: number): FirstDue {
  assertKind(kind);
  if (!Number.isFinite(now)) throw new TimerExpressionError(`invalid current time ${now}`);
  switch (kind) {
    case 'timeDuration': {
      if (value instanceof FeelDuration) {
        if (value.iso.startsWith('-')) return { dueAt: now, repetitions: 1 };
        return { dueAt: addDuration(now, parseIsoDuration(value.iso)), repetitions: 1 };
      }
      if (typeof value !== 'string') {
        throw new TimerExpressionError(`timeDuration must be an ISO 8601 duration such as PT15M, got ${describeValue(value)}`);
      }
      return { dueAt: addDuration(now, parseIsoDuration(value)), repetitions: 1 };
    }
    case 'timeDate': {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TimerExpressionError('timeDate is an invalid Date');
        return { dueAt: value.getTime(), repetitions: 1 };
      }
      // FEEL writes a zoned date-time as `…@Asia/Shanghai`, which the parser accepts; zone-less means China time.
      const text = value instanceof FeelDateTime ? value.iso : value;
      if (typeof text !== 'string') {
        throw new TimerExpressionError(
          `timeDate must be a date and time such as 2026-10-01T09:00:00+08:00, got ${describeValue(value)}`,
        );
      }
      return { dueAt: parseIsoDateTime(text).epochMs, repetitions: 1 };
    }
    case 'timeCycle': {
      if (typeof value !== 'string') {
        throw new TimerExpressionError(`timeCycle must be a string such as R5/PT10S or a cron expression, got ${describeValue(value)}`);
      }
      const cycle = parseTimeCycle(value);
      if (cycle.type === 'cron') {
        const dueAt = cycle.cron.next(now);
        if (dueAt === undefined) throw new TimerExpressionError(`cron expression '${cycle.cron.text}' never fires: no date matches it`);
        return { dueAt, repetitions: -1 };
      }
      if (cycle.start) return { dueAt: Math.max(cycle.start.epochMs, now), repetitions: cycle.repetitions };
      return { dueAt: addDuration(now, cycle.interval, cycle.zone), repetitions: cycle.repetitions };
    }
  }
}

/**
 * After a cycle fired at `lastDue`, when it fires next; undefined when it never can again (a cron expression
 * without further matches). The caller counts repetitions. When `now` is given and the natural next time has
 * already passed (the engine was down through several intervals), the cycle re-anchors one interval after
 * `now` instead of firing a burst of catch-up timers — Zeebe does the same.
 */
export function nextCycleDue(value: string, lastDue: number, now?: number): number | undefined {
  if (!Number.isFinite(lastDue)) throw new TimerExpressionError(`invalid last due time ${lastDue}`);
  const cycle = parseTimeCycle(value);
  if (cycle.type === 'cron') return cycle.cron.next(now === undefined ? lastDue : Math.max(lastDue, now));
  const natural = addDuration(lastDue, cycle.interval, cycle.zone);
  if (now !== undefined && natural <= now) return addDuration(now, cycle.interval, cycle.zone);
  return natural;
}

/**
 * Checks a static timer value at deployment; returns the error message, or undefined when it is valid.
 * A FEEL expression (`=…`) can only be checked once evaluated, so it passes here.
 */
export function checkTimerSyntax(kind: TimerKind, staticValue: string): string | undefined {
  try {
    assertKind(kind);
    if (typeof staticValue !== 'string') return `${kind} must be a string, got ${describeValue(staticValue)}`;
    const text = staticValue.trim();
    if (text.startsWith('=')) return undefined;
    if (text === '') return `${kind} is empty`;
    switch (kind) {
      case 'timeDuration':
        parseIsoDuration(text);
        return undefined;
      case 'timeDate':
        parseIsoDateTime(text);
        return undefined;
      case 'timeCycle': {
        const cycle = parseTimeCycle(text);
        // Any instant will do: the calendar repeats every 400 years, the search covers them all.
        if (cycle.type === 'cron' && cycle.cron.next(0) === undefined) {
          return `cron expression '${cycle.cron.text}' never fires: no date matches it`;
        }
        return undefined;
      }
    }
  } catch (error) {
    if (error instanceof TimerExpressionError) return error.message;
    throw error;
  }
}

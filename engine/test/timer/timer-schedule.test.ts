import { describe, it, expect } from 'vitest';
import { evaluate } from 'feelin';
import { checkTimerSyntax, firstDue, nextCycleDue } from '../../src/timer/timer-schedule.js';
import { TimerExpressionError } from '../../src/timer/timer-expression-error.js';

/** Epoch ms of a wall-clock time in China (UTC+8). */
const cn = (s: string) => Date.parse(`${s}+08:00`);
const feel = (expression: string): unknown => {
  const result = evaluate(expression, {}) as unknown;
  return result && typeof result === 'object' && 'value' in result ? (result as { value: unknown }).value : result;
};

const now = cn('2026-10-09T10:00:00');

describe('firstDue', () => {
  it('timeDuration: now plus the duration, once', () => {
    expect(firstDue('timeDuration', 'P1D', now)).toEqual({ dueAt: cn('2026-10-10T10:00:00'), repetitions: 1 });
    expect(firstDue('timeDuration', 'PT15M', now)).toEqual({ dueAt: now + 15 * 60_000, repetitions: 1 });
    expect(firstDue('timeDuration', 'PT0S', now)).toEqual({ dueAt: now, repetitions: 1 });
  });

  it('timeDuration from FEEL: a duration value; a computed negative one fires at once, as in Zeebe', () => {
    expect(firstDue('timeDuration', feel('duration("P2D")'), now).dueAt).toBe(cn('2026-10-11T10:00:00'));
    expect(firstDue('timeDuration', feel('duration("P1M")'), cn('2026-01-31T09:00:00')).dueAt).toBe(cn('2026-02-28T09:00:00'));
    const overdue = feel('date and time("2026-10-01T09:00:00Z") - date and time("2026-10-02T09:00:00Z")');
    expect(firstDue('timeDuration', overdue, now)).toEqual({ dueAt: now, repetitions: 1 });
    // A negative duration written as text is a modelling error.
    expect(() => firstDue('timeDuration', '-PT5M', now)).toThrow(/negative duration/);
  });

  it('timeDuration rejects values of the wrong type', () => {
    expect(() => firstDue('timeDuration', 15, now)).toThrow(/timeDuration must be an ISO 8601 duration .* got number 15/);
    expect(() => firstDue('timeDuration', feel('date and time("2026-10-01T09:00:00Z")'), now)).toThrow(
      /got the date and time 2026-10-01T09:00:00Z/,
    );
  });

  it('timeDate: the instant itself, in China time when no zone is given', () => {
    expect(firstDue('timeDate', '2026-10-01T09:00:00Z', 0)).toEqual({ dueAt: Date.parse('2026-10-01T09:00:00Z'), repetitions: 1 });
    expect(firstDue('timeDate', '2026-10-10T09:00:00', now).dueAt).toBe(cn('2026-10-10T09:00:00'));
    expect(firstDue('timeDate', '2026-10-10T09:00:00[Asia/Shanghai]', now).dueAt).toBe(cn('2026-10-10T09:00:00'));
    // A past date stays past: the timer is due at once.
    expect(firstDue('timeDate', '2026-10-01T09:00:00+08:00', now).dueAt).toBe(cn('2026-10-01T09:00:00'));
  });

  it('timeDate from FEEL: zoned, zone-less and named-zone date-times', () => {
    expect(firstDue('timeDate', feel('date and time("2026-10-10T09:00:00Z")'), now).dueAt).toBe(Date.parse('2026-10-10T09:00:00Z'));
    expect(firstDue('timeDate', feel('date and time("2026-10-10T09:00:00")'), now).dueAt).toBe(cn('2026-10-10T09:00:00'));
    expect(firstDue('timeDate', feel('date and time("2026-10-10T09:00:00@Europe/Berlin")'), now).dueAt).toBe(
      Date.parse('2026-10-10T09:00:00+02:00'),
    );
    expect(firstDue('timeDate', new Date('2026-10-10T01:00:00Z'), now).dueAt).toBe(cn('2026-10-10T09:00:00'));
    expect(() => firstDue('timeDate', feel('date("2026-10-10")'), now)).toThrow(/got the date 2026-10-10/);
  });

  it('timeCycle: Rn/duration starts one interval after now', () => {
    expect(firstDue('timeCycle', 'R5/PT10S', now)).toEqual({ dueAt: now + 10_000, repetitions: 5 });
    expect(firstDue('timeCycle', 'R/P1D', now)).toEqual({ dueAt: cn('2026-10-10T10:00:00'), repetitions: -1 });
  });

  it('timeCycle with a start date fires first at the start, or at once when it has passed', () => {
    const value = 'R3/2026-11-01T09:00:00+08:00/P1D';
    expect(firstDue('timeCycle', value, now)).toEqual({ dueAt: cn('2026-11-01T09:00:00'), repetitions: 3 });
    expect(firstDue('timeCycle', 'R3/2026-01-01T09:00:00+08:00/P1D', now)).toEqual({ dueAt: now, repetitions: 3 });
    // Zeebe's documented example: offset and zone together, the offset fixes the instant.
    expect(firstDue('timeCycle', 'R/2022-01-01T10:00:00+02:00[Europe/Berlin]/P1D', 0)).toEqual({
      dueAt: Date.parse('2022-01-01T08:00:00Z'),
      repetitions: -1,
    });
  });

  it('timeCycle cron: the next match in China time, forever', () => {
    expect(firstDue('timeCycle', '0 0 9 * * MON-FRI', now)).toEqual({ dueAt: cn('2026-10-12T09:00:00'), repetitions: -1 });
    expect(() => firstDue('timeCycle', '0 0 0 30 2 *', now)).toThrow(/never fires/);
  });

  it('timeCycle rejects what Zeebe rejects, and a few things that would misbehave', () => {
    expect(() => firstDue('timeCycle', 'PT10S', now)).toThrow(/plain duration: say how often it repeats, e.g. R\/PT10S/);
    expect(() => firstDue('timeCycle', 'R0/PT10S', now)).toThrow(/repeats 0 times/);
    expect(() => firstDue('timeCycle', 'R5/PT0S', now)).toThrow(/zero interval/);
    expect(() => firstDue('timeCycle', 'Rx/PT10S', now)).toThrow(/must start with R or Rn/);
    expect(() => firstDue('timeCycle', 'R5', now)).toThrow(/no interval/);
    expect(() => firstDue('timeCycle', 'R5/PT1H/2026-01-01T00:00:00Z', now)).toThrow(/ends in a date/);
    expect(() => firstDue('timeCycle', 'R5//PT1H', now)).toThrow(/empty start date/);
    expect(() => firstDue('timeCycle', 'R5/yesterday/PT1H', now)).toThrow(/invalid date and time 'yesterday'/);
    expect(() => firstDue('timeCycle', feel('duration("PT10S")'), now)).toThrow(/timeCycle must be a string/);
    expect(() => firstDue('timeEver' as 'timeDate', 'P1D', now)).toThrow(/unknown timer kind 'timeEver'/);
  });

  it('throws TimerExpressionError for every bad value', () => {
    for (const [kind, value] of [
      ['timeDuration', 'soon'],
      ['timeDate', 'tomorrow'],
      ['timeCycle', 'every day'],
    ] as const) {
      expect(() => firstDue(kind, value, now)).toThrow(TimerExpressionError);
    }
  });
});

describe('nextCycleDue', () => {
  it('adds one interval to the last due time', () => {
    expect(nextCycleDue('R5/PT10S', now)).toBe(now + 10_000);
    expect(nextCycleDue('R3/2026-01-01T09:00:00+08:00/P1D', cn('2026-01-01T09:00:00'))).toBe(cn('2026-01-02T09:00:00'));
  });

  it('steps months from the last due time, so a cycle starting on the 31st settles on the 28th', () => {
    const first = cn('2026-01-31T09:00:00');
    const second = nextCycleDue('R/2026-01-31T09:00:00+08:00/P1M', first)!;
    expect(second).toBe(cn('2026-02-28T09:00:00'));
    expect(nextCycleDue('R/2026-01-31T09:00:00+08:00/P1M', second)).toBe(cn('2026-03-28T09:00:00'));
  });

  it('does the arithmetic in the start’s zone', () => {
    // Across Berlin’s switch to summer time, a daily cycle stays at 09:00 local time.
    const value = 'R/2026-03-28T09:00:00[Europe/Berlin]/P1D';
    expect(nextCycleDue(value, Date.parse('2026-03-28T09:00:00+01:00'))).toBe(Date.parse('2026-03-29T09:00:00+02:00'));
  });

  it('re-anchors on now instead of firing a burst after downtime', () => {
    const lastDue = cn('2026-10-01T09:00:00');
    expect(nextCycleDue('R/P1D', lastDue, now)).toBe(cn('2026-10-10T10:00:00'));
    // Not overdue: the natural next time stands.
    expect(nextCycleDue('R/P1D', lastDue, cn('2026-10-01T12:00:00'))).toBe(cn('2026-10-02T09:00:00'));
  });

  it('cron: the next match after the last due time (or after now, when later)', () => {
    expect(nextCycleDue('0 0 9 * * MON-FRI', cn('2026-10-09T09:00:00'))).toBe(cn('2026-10-12T09:00:00'));
    expect(nextCycleDue('0 */15 * * * *', cn('2026-10-09T09:00:00'), cn('2026-10-09T11:20:00'))).toBe(cn('2026-10-09T11:30:00'));
  });
});

describe('checkTimerSyntax', () => {
  it('accepts valid static values of each kind', () => {
    for (const [kind, value] of [
      ['timeDuration', 'P1D'],
      ['timeDuration', 'PT15M'],
      ['timeDate', '2026-10-01T09:00:00Z'],
      ['timeDate', '2026-10-01T09:00:00'],
      ['timeCycle', 'R5/PT10S'],
      ['timeCycle', 'R/P1D'],
      ['timeCycle', 'R3/2026-01-01T09:00:00+08:00/P1D'],
      ['timeCycle', '0 0 9 * * MON-FRI'],
      ['timeCycle', '0 0 0 29 2 *'],
    ] as const) {
      expect(checkTimerSyntax(kind, value)).toBeUndefined();
    }
  });

  it('leaves FEEL expressions for evaluation time', () => {
    expect(checkTimerSyntax('timeDuration', '=remainingTime')).toBeUndefined();
  });

  it('returns a message naming what is wrong', () => {
    expect(checkTimerSyntax('timeDuration', '')).toBe('timeDuration is empty');
    expect(checkTimerSyntax('timeDuration', '2026-10-01T09:00:00Z')).toMatch(/invalid duration/);
    expect(checkTimerSyntax('timeDate', 'P1D')).toMatch(/invalid date and time 'P1D'/);
    expect(checkTimerSyntax('timeCycle', '0 9 * * *')).toMatch(/has 5 fields/);
    expect(checkTimerSyntax('timeCycle', '0 0 0 31 2 *')).toMatch(/never fires/);
    expect(checkTimerSyntax('timeCycle', 'R/P-1D')).toMatch(/negative duration/);
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDuration, parseIsoDuration } from '../../src/timer/iso-duration.js';
import { TimerExpressionError } from '../../src/timer/timer-expression-error.js';

/** Epoch ms of a wall-clock time in China (UTC+8). */
const cn = (s: string) => Date.parse(`${s}+08:00`);
const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('parseIsoDuration', () => {
  it('reads every designator', () => {
    expect(parseIsoDuration('P1Y2M3DT4H5M6.5S')).toEqual({ years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 5, seconds: 6.5 });
    expect(parseIsoDuration('P1D')).toEqual({ ...zero, days: 1 });
    expect(parseIsoDuration('PT15M')).toEqual({ ...zero, minutes: 15 });
    expect(parseIsoDuration('P2W')).toEqual({ ...zero, weeks: 2 });
    expect(parseIsoDuration('PT36H')).toEqual({ ...zero, hours: 36 });
  });

  it('accepts what java.time accepts: lower case, a comma as decimal mark, a leading +', () => {
    expect(parseIsoDuration('pt1h30m')).toEqual({ ...zero, hours: 1, minutes: 30 });
    expect(parseIsoDuration('PT0,25S')).toEqual({ ...zero, seconds: 0.25 });
    expect(parseIsoDuration('+P3D')).toEqual({ ...zero, days: 3 });
  });

  it('rejects negative durations', () => {
    expect(() => parseIsoDuration('-PT5M')).toThrow(/negative duration '-PT5M'/);
    expect(() => parseIsoDuration('P-1D')).toThrow(TimerExpressionError);
  });

  it('rejects malformed durations with a message naming the value', () => {
    expect(() => parseIsoDuration('')).toThrow(/empty duration/);
    expect(() => parseIsoDuration('P')).toThrow(/'P': it names no amount/);
    expect(() => parseIsoDuration('PT')).toThrow(/'PT'/);
    expect(() => parseIsoDuration('P1DT')).toThrow(/'T' must be followed/);
    expect(() => parseIsoDuration('1D')).toThrow(/invalid duration '1D'/);
    expect(() => parseIsoDuration('P1.5D')).toThrow(/only seconds may have a fraction/);
    expect(() => parseIsoDuration('PT1.5H')).toThrow(/only seconds may have a fraction/);
    expect(() => parseIsoDuration('P1H')).toThrow(/invalid duration 'P1H'/);
    expect(() => parseIsoDuration('PT5M1H')).toThrow(/invalid duration/);
    expect(() => parseIsoDuration(42 as unknown as string)).toThrow(/must be a string/);
  });
});

describe('addDuration', () => {
  it('adds exact time for hours, minutes and seconds', () => {
    const t = cn('2026-10-01T09:00:00');
    expect(addDuration(t, parseIsoDuration('PT15M'))).toBe(t + 15 * 60_000);
    expect(addDuration(t, parseIsoDuration('PT6.5S'))).toBe(t + 6_500);
    expect(addDuration(t, parseIsoDuration('PT36H'))).toBe(cn('2026-10-02T21:00:00'));
  });

  it('adds days and weeks on the calendar', () => {
    expect(addDuration(cn('2026-10-01T09:00:00'), parseIsoDuration('P1D'))).toBe(cn('2026-10-02T09:00:00'));
    expect(addDuration(cn('2026-12-25T09:00:00'), parseIsoDuration('P2W'))).toBe(cn('2027-01-08T09:00:00'));
  });

  it('clamps month arithmetic to the end of the month (Jan 31 + P1M)', () => {
    expect(addDuration(cn('2026-01-31T10:00:00'), parseIsoDuration('P1M'))).toBe(cn('2026-02-28T10:00:00'));
    expect(addDuration(cn('2024-01-31T10:00:00'), parseIsoDuration('P1M'))).toBe(cn('2024-02-29T10:00:00'));
    expect(addDuration(cn('2026-03-31T10:00:00'), parseIsoDuration('P1M'))).toBe(cn('2026-04-30T10:00:00'));
  });

  it('handles leap years: Feb 29 + P1Y = Feb 28, + P4Y = Feb 29', () => {
    expect(addDuration(cn('2024-02-29T08:00:00'), parseIsoDuration('P1Y'))).toBe(cn('2025-02-28T08:00:00'));
    expect(addDuration(cn('2024-02-29T08:00:00'), parseIsoDuration('P4Y'))).toBe(cn('2028-02-29T08:00:00'));
    // 2100 is not a leap year.
    expect(addDuration(cn('2096-02-29T08:00:00'), parseIsoDuration('P4Y'))).toBe(cn('2100-02-28T08:00:00'));
    // Years and months together are one month step: Jan 31 2024 + 13 months = Feb 28 2025.
    expect(addDuration(cn('2024-01-31T08:00:00'), parseIsoDuration('P1Y1M'))).toBe(cn('2025-02-28T08:00:00'));
  });

  it('does the calendar part in China time by default, in another zone when asked', () => {
    // 2026-02-28T20:00Z is already 1 March in China.
    const t = Date.parse('2026-02-28T20:00:00Z');
    expect(addDuration(t, parseIsoDuration('P1M'))).toBe(Date.parse('2026-03-31T20:00:00Z'));
    expect(addDuration(t, parseIsoDuration('P1M'), 0)).toBe(Date.parse('2026-03-28T20:00:00Z'));
  });

  it('keeps the wall-clock time across daylight saving in an IANA zone, as java.time does', () => {
    // Berlin moves to summer time on 29 March 2026.
    const t = Date.parse('2026-03-28T12:00:00+01:00');
    expect(addDuration(t, parseIsoDuration('P1D'), 'Europe/Berlin')).toBe(Date.parse('2026-03-29T12:00:00+02:00'));
    expect(addDuration(t, parseIsoDuration('PT24H'), 'Europe/Berlin')).toBe(Date.parse('2026-03-29T13:00:00+02:00'));
  });

  it('P{n}D is n × 24 hours in China time, which has no daylight saving', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 0, max: 5000 }), (t, n) => {
        expect(addDuration(t, { ...zero, days: n })).toBe(t + n * 86_400_000);
      }),
    );
  });

  it('refuses results beyond the representable dates', () => {
    expect(() => addDuration(0, { ...zero, years: 400_000 })).toThrow(/beyond the representable dates/);
  });
});

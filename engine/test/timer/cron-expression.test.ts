import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CronExpression } from '../../src/timer/cron-expression.js';

/** Epoch ms of a wall-clock time in China (UTC+8). */
const cn = (s: string) => Date.parse(`${s}+08:00`);
const next = (expression: string, after: string) => CronExpression.parse(expression).next(cn(after));

describe('CronExpression', () => {
  it('fires on weekday mornings in China time', () => {
    // 2026-10-09 is a Friday.
    expect(next('0 0 9 * * MON-FRI', '2026-10-09T10:00:00')).toBe(cn('2026-10-12T09:00:00'));
    expect(next('0 0 9 * * MON-FRI', '2026-10-09T08:59:59')).toBe(cn('2026-10-09T09:00:00'));
    // 09:00 China is 01:00 UTC.
    expect(CronExpression.parse('0 0 9 * * *').next(Date.parse('2026-01-01T00:30:00Z'))).toBe(Date.parse('2026-01-01T01:00:00Z'));
  });

  it('is strictly after the given time, rounding up to whole seconds', () => {
    expect(next('0 */15 * * * *', '2026-10-09T09:07:30')).toBe(cn('2026-10-09T09:15:00'));
    expect(next('0 */15 * * * *', '2026-10-09T09:15:00')).toBe(cn('2026-10-09T09:30:00'));
    expect(next('0 */15 * * * *', '2026-10-09T09:14:59.500')).toBe(cn('2026-10-09T09:15:00'));
    expect(next('0 */15 * * * *', '2026-10-09T23:50:00')).toBe(cn('2026-10-10T00:00:00'));
  });

  it('crosses month and year ends', () => {
    expect(next('0 0 0 1 1 *', '2026-12-31T23:59:59')).toBe(cn('2027-01-01T00:00:00'));
    expect(next('0 30 8 31 * *', '2026-04-01T00:00:00')).toBe(cn('2026-05-31T08:30:00'));
  });

  it('supports steps, ranges, lists and names', () => {
    expect(next('5/20 * * * * *', '2026-10-09T09:00:06')).toBe(cn('2026-10-09T09:00:25'));
    expect(next('0 10-40/10 * * * *', '2026-10-09T09:35:00')).toBe(cn('2026-10-09T09:40:00'));
    expect(next('0 10-40/10 * * * *', '2026-10-09T09:41:00')).toBe(cn('2026-10-09T10:10:00'));
    expect(next('0 0 6,19 * * *', '2026-10-09T07:00:00')).toBe(cn('2026-10-09T19:00:00'));
    expect(next('0 0 0 1 jan,Jul *', '2026-02-01T00:00:00')).toBe(cn('2026-07-01T00:00:00'));
    expect(next('0 0 0 25 12 ?', '2026-01-01T00:00:00')).toBe(cn('2026-12-25T00:00:00'));
  });

  it('treats 0 and 7 as Sunday', () => {
    // 2026-10-11 is a Sunday.
    expect(next('0 0 12 * * 0', '2026-10-09T00:00:00')).toBe(cn('2026-10-11T12:00:00'));
    expect(next('0 0 12 * * 7', '2026-10-09T00:00:00')).toBe(cn('2026-10-11T12:00:00'));
    expect(next('0 0 12 * * SAT-SUN', '2026-10-10T13:00:00')).toBe(cn('2026-10-11T12:00:00'));
  });

  it('requires both day fields when both are restricted, as Spring does (Friday the 13th)', () => {
    expect(next('0 0 0 13 * FRI', '2026-01-01T00:00:00')).toBe(cn('2026-02-13T00:00:00'));
    expect(next('0 0 0 13 * FRI', '2026-03-14T00:00:00')).toBe(cn('2026-11-13T00:00:00'));
  });

  it('finds 29 February in leap years only', () => {
    expect(next('0 0 0 29 2 *', '2025-03-01T00:00:00')).toBe(cn('2028-02-29T00:00:00'));
    // The next 29 February that is a Monday.
    expect(next('0 0 0 29 2 MON', '2024-03-01T00:00:00')).toBe(cn('2044-02-29T00:00:00'));
    // No 29 February in 2100.
    expect(next('0 0 0 29 2 *', '2096-03-01T00:00:00')).toBe(cn('2104-02-29T00:00:00'));
  });

  it('supports L, L-n, nW and LW in day-of-month', () => {
    expect(next('0 0 0 L * *', '2024-02-10T00:00:00')).toBe(cn('2024-02-29T00:00:00'));
    expect(next('0 0 0 L * *', '2025-02-10T00:00:00')).toBe(cn('2025-02-28T00:00:00'));
    expect(next('0 0 0 L-2 * *', '2026-04-01T00:00:00')).toBe(cn('2026-04-28T00:00:00'));
    // 2026-08-15 is a Saturday: the nearest weekday is Friday the 14th.
    expect(next('0 0 12 15W * *', '2026-08-01T00:00:00')).toBe(cn('2026-08-14T12:00:00'));
    // 2026-08-01 is a Saturday: 1W does not leave the month, so it is Monday the 3rd.
    expect(next('0 0 12 1W * *', '2026-07-31T00:00:00')).toBe(cn('2026-08-03T12:00:00'));
    // 2026-05-31 is a Sunday: the last weekday of May is Friday the 29th.
    expect(next('0 0 18 LW * *', '2026-05-01T00:00:00')).toBe(cn('2026-05-29T18:00:00'));
  });

  it('supports dL and d#n in day-of-week', () => {
    expect(next('0 0 10 * * FRI#2', '2026-01-01T00:00:00')).toBe(cn('2026-01-09T10:00:00'));
    expect(next('0 0 10 * * 5L', '2026-01-01T00:00:00')).toBe(cn('2026-01-30T10:00:00'));
    expect(next('0 0 10 * * FRIL', '2026-01-31T00:00:00')).toBe(cn('2026-02-27T10:00:00'));
  });

  it('expands the Spring macros', () => {
    expect(next('@daily', '2026-10-09T10:00:00')).toBe(cn('2026-10-10T00:00:00'));
    expect(next('@hourly', '2026-10-09T10:00:00')).toBe(cn('2026-10-09T11:00:00'));
    expect(next('@weekly', '2026-10-09T10:00:00')).toBe(cn('2026-10-11T00:00:00'));
    expect(next('@monthly', '2026-10-09T10:00:00')).toBe(cn('2026-11-01T00:00:00'));
    expect(next('@yearly', '2026-10-09T10:00:00')).toBe(cn('2027-01-01T00:00:00'));
  });

  it('reports that an impossible date never fires', () => {
    expect(CronExpression.parse('0 0 0 30 2 *').next(0)).toBeUndefined();
    expect(CronExpression.parse('0 0 0 31 4,6,9,11 *').next(0)).toBeUndefined();
  });

  it('rejects bad expressions with a message naming the field', () => {
    expect(() => CronExpression.parse('0 9 * * 1-5')).toThrow(/has 5 fields; it needs 6: second minute hour/);
    expect(() => CronExpression.parse('0 0 9 * * MON-FRI 2026')).toThrow(/has 7 fields/);
    expect(() => CronExpression.parse('60 * * * * *')).toThrow(/second 60 .* out of range 0-59/);
    expect(() => CronExpression.parse('0 0 24 * * *')).toThrow(/hour 24 .* out of range 0-23/);
    expect(() => CronExpression.parse('0 0 0 32 * *')).toThrow(/day-of-month 32/);
    expect(() => CronExpression.parse('0 0 0 * 13 *')).toThrow(/month 13/);
    expect(() => CronExpression.parse('0 0 0 * * 8')).toThrow(/day-of-week 8/);
    expect(() => CronExpression.parse('? * * * * *')).toThrow(/'\?' .* only allowed in day-of-month and day-of-week/);
    expect(() => CronExpression.parse('*/0 * * * * *')).toThrow(/step '0'/);
    expect(() => CronExpression.parse('0 0 0 * * SUN-SAT')).toThrow(/runs backwards \(Sunday is 0 or 7/);
    expect(() => CronExpression.parse('0 0 0 * * FUN')).toThrow(/day-of-week 'FUN' .* is not a number or one of MON-SUN/);
    expect(() => CronExpression.parse('0 0 0 * * MON#6')).toThrow(/# must be 1-5/);
    expect(() => CronExpression.parse('0 0 0 5-1 * *')).toThrow(/range '5-1'/);
    expect(() => CronExpression.parse('0 0,,1 * * * *')).toThrow(/empty list item/);
    expect(() => CronExpression.parse('@sometimes')).toThrow(/unknown cron macro '@sometimes'/);
  });

  it('every quarter hour: the next match is on a quarter hour, after the time, within 15 minutes', () => {
    const cron = CronExpression.parse('0 */15 * * * *');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), (t) => {
        const due = cron.next(t)!;
        expect(due).toBeGreaterThan(t);
        expect(due - t).toBeLessThanOrEqual(15 * 60_000);
        expect(due % (15 * 60_000)).toBe(0);
      }),
    );
  });

  it('weekday 09:00: every match is a Monday–Friday 09:00:00 in China and none is skipped', () => {
    const cron = CronExpression.parse('0 0 9 * * MON-FRI');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), (t) => {
        const due = cron.next(t)!;
        const wall = new Date(due + 8 * 3_600_000);
        expect([1, 2, 3, 4, 5]).toContain(wall.getUTCDay());
        expect([wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()]).toEqual([9, 0, 0]);
        // Nothing in between: at most three days and a bit (Friday 09:00 → Monday 09:00).
        expect(due - t).toBeLessThanOrEqual(3 * 86_400_000);
      }),
    );
  });
});

import { describe, it, expect } from 'vitest';
import { builtInHolidayYears } from '../../src/calendar/built-in-holiday-years.js';
import { validateHolidayYear } from '../../src/calendar/holiday-year.js';

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('built-in holiday data', () => {
  it('covers 2025, 2026 and a provisional 2027', () => {
    expect(builtInHolidayYears.map((y) => [y.year, y.provisional ?? false])).toEqual([
      [2025, false],
      [2026, false],
      [2027, true],
    ]);
  });

  it('passes the same validation as data entered by an admin', () => {
    for (const year of builtInHolidayYears) expect(validateHolidayYear(year)).toEqual(year);
  });

  it('has as many days off and make-up days as the notices list', () => {
    const counts = builtInHolidayYears.map((y) => [y.year, y.holidays.length, y.makeUpWorkdays.length]);
    // 2025: 1 + 8 + 3 + 5 + 3 + 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7; 2027 (derived): 3 + 8 + 3 + 5 + 1 + 1 + 7.
    expect(counts).toEqual([
      [2025, 28, 5],
      [2026, 33, 6],
      [2027, 28, 5],
    ]);
  });

  it('balances every year: weekdays off = statutory days on weekdays + statutory days on weekends + make-up days', () => {
    // Statutory days under the 2024 revision: 元旦 1, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3 = 13.
    // Each statutory day falling on a weekend is replaced by a weekday, so 13 weekdays are off by right;
    // every further weekday off must be paid back with a make-up Saturday or Sunday.
    for (const year of builtInHolidayYears) {
      const weekdaysOff = year.holidays.filter((d) => weekday(d) !== 0 && weekday(d) !== 6).length;
      expect(weekdaysOff - year.makeUpWorkdays.length, `year ${year.year}`).toBe(13);
    }
  });
});

import { CalendarError } from './calendar-error.js';
import { formatChinaDay, parseChinaDate, weekdayOf, yearOf } from './china-day.js';

/**
 * One year's public-holiday arrangement as the State Council publishes it each autumn
 * (国务院办公厅关于某年部分节假日安排的通知).
 */
export interface HolidayYear {
  year: number;
  /** Every day off in the holiday blocks (YYYY-MM-DD, China time), weekend days inside a block included. */
  holidays: string[];
  /** 调休上班: Saturdays and Sundays that are working days to make up for the blocks. */
  makeUpWorkdays: string[];
  /** Where the dates come from: the notice's title, date and address. */
  source: string;
  /** True when the dates are derived from the rules rather than read from a published notice. */
  provisional?: boolean;
  /** How provisional dates were derived, or any other remark for whoever corrects them. */
  note?: string;
}

/**
 * Checks a holiday year as an admin might enter it and returns a private copy. Dates may spill into the
 * neighbouring December or January, as notices sometimes do (the 2023 notice began 元旦 on 31 December 2022).
 */
export function validateHolidayYear(input: HolidayYear): HolidayYear {
  if (typeof input !== 'object' || input === null) throw new CalendarError('a holiday year must be an object { year, holidays, makeUpWorkdays, source }');
  const { year } = input;
  if (!Number.isInteger(year) || year < 1949 || year > 9999) {
    throw new CalendarError(`holiday year ${String(year)} is not a year between 1949 and 9999`);
  }
  if (typeof input.source !== 'string' || input.source.trim() === '') {
    throw new CalendarError(`holiday year ${year} needs a source (the notice it comes from)`);
  }
  if (input.provisional !== undefined && typeof input.provisional !== 'boolean') {
    throw new CalendarError(`holiday year ${year}: provisional must be true or false`);
  }
  if (input.note !== undefined && typeof input.note !== 'string') throw new CalendarError(`holiday year ${year}: note must be a string`);
  const seen = new Map<string, string>();
  const check = (list: unknown, field: 'holidays' | 'makeUpWorkdays'): string[] => {
    if (!Array.isArray(list)) throw new CalendarError(`holiday year ${year}: ${field} must be a list of YYYY-MM-DD dates`);
    return list.map((date: unknown) => {
      const day = parseChinaDate(date as string, `holiday year ${year}: ${field} entry`);
      const text = formatChinaDay(day);
      const dateYear = yearOf(day);
      const month = Number(text.slice(5, 7));
      const near = dateYear === year || (dateYear === year - 1 && month === 12) || (dateYear === year + 1 && month === 1);
      if (!near) throw new CalendarError(`holiday year ${year}: ${field} entry ${text} is not in or next to ${year}`);
      const earlier = seen.get(text);
      if (earlier !== undefined) {
        throw new CalendarError(
          earlier === field
            ? `holiday year ${year}: ${text} is listed twice in ${field}`
            : `holiday year ${year}: ${text} is listed both as a holiday and as a make-up working day`,
        );
      }
      seen.set(text, field);
      if (field === 'makeUpWorkdays' && weekdayOf(day) !== 0 && weekdayOf(day) !== 6) {
        throw new CalendarError(`holiday year ${year}: make-up working day ${text} is a weekday; 调休上班 days are Saturdays or Sundays`);
      }
      return text;
    });
  };
  const holidays = check(input.holidays, 'holidays');
  const makeUpWorkdays = check(input.makeUpWorkdays, 'makeUpWorkdays');
  // Frozen: calendars hand these out, and a caller editing one must not change what a calendar reports.
  return Object.freeze({
    year,
    holidays: Object.freeze(holidays) as string[],
    makeUpWorkdays: Object.freeze(makeUpWorkdays) as string[],
    source: input.source,
    ...(input.provisional !== undefined ? { provisional: input.provisional } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
  });
}

import { TimerExpressionError } from './timer-expression-error.js';
import { CHINA_OFFSET_MINUTES } from './time-zone.js';

/*
 * Cron expressions as Zeebe accepts them in a timeCycle: Spring 5.3 style, six fields
 *   second minute hour day-of-month month day-of-week
 * with `*`, `?` (day fields), lists, ranges, steps (`*\/15`, `5/10`, `10-40/10`), month names JAN-DEC, day names
 * MON-SUN (0 and 7 are Sunday), `L`, `L-n`, `nW`, `LW` in day-of-month, `dL` and `d#n` in day-of-week, and the
 * macros @yearly @annually @monthly @weekly @daily @midnight @hourly.
 * As in Spring, a date must satisfy both day fields when both are restricted.
 */

const FORMAT = 'second minute hour day-of-month month day-of-week, e.g. 0 0 9 * * MON-FRI';

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
// Spring numbers the names MON=1 … SUN=7; 0 is Sunday as well.
const DAY_NAMES = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesStartAt?: number;
}

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesStartAt: 1 };
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, namesStartAt: 1 };

type DayOfMonthRule =
  | { kind: 'last'; before: number }
  | { kind: 'nearestWeekday'; day: number }
  | { kind: 'lastWeekday' };

type DayOfWeekRule = { kind: 'lastInMonth'; weekday: number } | { kind: 'nth'; weekday: number; n: number };

const DAY_MS = 86_400_000;
// The Gregorian calendar repeats every 400 years (146097 days, a whole number of weeks):
// an expression that matches nothing in 400 years never matches.
const SEARCH_YEARS = 400;

export class CronExpression {
  private constructor(
    readonly text: string,
    private readonly seconds: boolean[],
    private readonly minutes: boolean[],
    private readonly hours: boolean[],
    private readonly months: boolean[],
    private readonly daysOfMonth: boolean[] | 'any',
    private readonly dayOfMonthRules: DayOfMonthRule[],
    private readonly daysOfWeek: boolean[] | 'any',
    private readonly dayOfWeekRules: DayOfWeekRule[],
  ) {}

  /** Parses a six-field cron expression or macro; throws TimerExpressionError naming the bad field. */
  static parse(expression: string): CronExpression {
    if (typeof expression !== 'string') throw new TimerExpressionError(`a cron expression must be a string, got ${typeof expression}`);
    const text = expression.trim();
    const expanded = text.startsWith('@') ? MACROS[text.toLowerCase()] : text;
    if (expanded === undefined) {
      throw new TimerExpressionError(`unknown cron macro '${text}' (known: ${Object.keys(MACROS).join(' ')})`);
    }
    const fields = expanded.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 6) {
      throw new TimerExpressionError(`cron expression '${text}' has ${fields.length} field${fields.length === 1 ? '' : 's'}; it needs 6: ${FORMAT}`);
    }
    const [sec, min, hour, dom, month, dow] = fields;
    const context = `in cron expression '${text}'`;
    const seconds = parseStandardField(sec, SECOND, context);
    const minutes = parseStandardField(min, MINUTE, context);
    const hours = parseStandardField(hour, HOUR, context);
    const months = parseStandardField(month, MONTH, context);
    const dayOfMonth = parseDayOfMonth(dom, context);
    const dayOfWeek = parseDayOfWeek(dow, context);
    return new CronExpression(
      text,
      seconds,
      minutes,
      hours,
      months,
      dayOfMonth.days,
      dayOfMonth.rules,
      dayOfWeek.days,
      dayOfWeek.rules,
    );
  }

  /**
   * The first matching whole second strictly after `afterEpochMs`, evaluated in a fixed zone offset
   * (default UTC+8, China time); undefined when the expression never matches (e.g. 30 February).
   */
  next(afterEpochMs: number, zoneOffsetMinutes: number = CHINA_OFFSET_MINUTES): number | undefined {
    if (!Number.isFinite(afterEpochMs)) throw new TimerExpressionError(`cannot evaluate a cron expression after the invalid time ${afterEpochMs}`);
    const offsetMs = zoneOffsetMinutes * 60_000;
    const firstCandidate = Math.floor(afterEpochMs / 1000) * 1000 + 1000;
    const wall = firstCandidate + offsetMs;
    let dayStart = Math.floor(wall / DAY_MS) * DAY_MS;
    let secondOfDay = Math.round((wall - dayStart) / 1000);
    const limit = dayStart + SEARCH_YEARS * 366 * DAY_MS;
    while (dayStart < limit) {
      const date = new Date(dayStart);
      const month = date.getUTCMonth() + 1;
      if (!this.months[month]) {
        // Skip the rest of a month the expression excludes.
        dayStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
        secondOfDay = 0;
        continue;
      }
      if (this.matchesDay(date)) {
        const time = this.firstTimeOfDayFrom(secondOfDay);
        if (time !== undefined) return dayStart + time * 1000 - offsetMs;
      }
      dayStart += DAY_MS;
      secondOfDay = 0;
    }
    return undefined;
  }

  private matchesDay(date: Date): boolean {
    const year = date.getUTCFullYear();
    const monthIndex = date.getUTCMonth();
    const day = date.getUTCDate();
    const weekday = date.getUTCDay();
    const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
    const dayOfMonthOk =
      this.daysOfMonth === 'any' ||
      this.daysOfMonth[day] ||
      this.dayOfMonthRules.some((rule) => dayOfMonthRuleMatches(rule, year, monthIndex, day, lastDay));
    if (!dayOfMonthOk) return false;
    return (
      this.daysOfWeek === 'any' ||
      this.daysOfWeek[weekday] ||
      this.dayOfWeekRules.some((rule) =>
        rule.kind === 'lastInMonth'
          ? weekday === rule.weekday && day + 7 > lastDay
          : weekday === rule.weekday && Math.floor((day - 1) / 7) + 1 === rule.n,
      )
    );
  }

  private firstTimeOfDayFrom(secondOfDay: number): number | undefined {
    const h0 = Math.floor(secondOfDay / 3600);
    const m0 = Math.floor((secondOfDay % 3600) / 60);
    const s0 = secondOfDay % 60;
    for (let h = h0; h < 24; h++) {
      if (!this.hours[h]) continue;
      for (let m = h === h0 ? m0 : 0; m < 60; m++) {
        if (!this.minutes[m]) continue;
        for (let s = h === h0 && m === m0 ? s0 : 0; s < 60; s++) {
          if (this.seconds[s]) return h * 3600 + m * 60 + s;
        }
      }
    }
    return undefined;
  }
}

function dayOfMonthRuleMatches(rule: DayOfMonthRule, year: number, monthIndex: number, day: number, lastDay: number): boolean {
  switch (rule.kind) {
    case 'last':
      return day === lastDay - rule.before;
    case 'lastWeekday': {
      const weekdayOfLast = new Date(Date.UTC(year, monthIndex, lastDay)).getUTCDay();
      const target = weekdayOfLast === 6 ? lastDay - 1 : weekdayOfLast === 0 ? lastDay - 2 : lastDay;
      return day === target;
    }
    case 'nearestWeekday': {
      // The weekday nearest to the given day, never leaving the month.
      if (rule.day > lastDay) return false;
      const weekday = new Date(Date.UTC(year, monthIndex, rule.day)).getUTCDay();
      let target = rule.day;
      if (weekday === 6) target = rule.day === 1 ? 3 : rule.day - 1;
      else if (weekday === 0) target = rule.day === lastDay ? rule.day - 2 : rule.day + 1;
      return day === target;
    }
  }
}

function parseValue(token: string, spec: FieldSpec, context: string): number {
  const upper = token.toUpperCase();
  if (spec.names) {
    const index = spec.names.indexOf(upper);
    if (index >= 0) return index + (spec.namesStartAt ?? 0);
  }
  if (!/^\d+$/.test(token)) {
    const hint = spec.names ? ` or one of ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
    throw new TimerExpressionError(`${spec.name} '${token}' ${context} is not a number${hint}`);
  }
  const value = Number(token);
  if (value < spec.min || value > spec.max) {
    throw new TimerExpressionError(`${spec.name} ${value} ${context} is out of range ${spec.min}-${spec.max}`);
  }
  return value;
}

/** Values of one list item: `*`, `n`, `a-b`, each optionally followed by `/step`. */
function parseItem(item: string, spec: FieldSpec, context: string): number[] {
  const [rangePart, stepPart, extra] = item.split('/');
  if (extra !== undefined || rangePart === '' || stepPart === '') {
    throw new TimerExpressionError(`${spec.name} '${item}' ${context} is malformed`);
  }
  let step = 1;
  if (stepPart !== undefined) {
    if (!/^\d+$/.test(stepPart) || Number(stepPart) === 0) {
      throw new TimerExpressionError(`${spec.name} step '${stepPart}' ${context} must be a positive whole number`);
    }
    step = Number(stepPart);
  }
  let from: number;
  let to: number;
  if (rangePart === '*') {
    from = spec.min;
    to = spec.max;
  } else if (rangePart.includes('-')) {
    const [a, b, more] = rangePart.split('-');
    if (more !== undefined || a === '' || b === '') throw new TimerExpressionError(`${spec.name} range '${rangePart}' ${context} is malformed`);
    from = parseValue(a, spec, context);
    to = parseValue(b, spec, context);
    if (from > to) {
      const hint = spec === DAY_OF_WEEK ? ' (Sunday is 0 or 7: write MON-SUN or 0-6)' : '';
      throw new TimerExpressionError(`${spec.name} range '${rangePart}' ${context} runs backwards${hint}`);
    }
  } else {
    from = parseValue(rangePart, spec, context);
    // `5/10` means every tenth from 5 up to the field's maximum.
    to = stepPart === undefined ? from : spec.max;
  }
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

function parseStandardField(field: string, spec: FieldSpec, context: string): boolean[] {
  if (field === '?') {
    throw new TimerExpressionError(`'?' ${context} is only allowed in day-of-month and day-of-week, not in ${spec.name}`);
  }
  const bits = new Array<boolean>(spec.max + 1).fill(false);
  for (const item of field.split(',')) {
    if (item === '') throw new TimerExpressionError(`${spec.name} '${field}' ${context} has an empty list item`);
    for (const value of parseItem(item, spec, context)) bits[value] = true;
  }
  return bits;
}

function parseDayOfMonth(field: string, context: string): { days: boolean[] | 'any'; rules: DayOfMonthRule[] } {
  if (field === '*' || field === '?') return { days: 'any', rules: [] };
  const days = new Array<boolean>(32).fill(false);
  const rules: DayOfMonthRule[] = [];
  for (const item of field.split(',')) {
    const upper = item.toUpperCase();
    let m: RegExpExecArray | null;
    if (upper === 'L') rules.push({ kind: 'last', before: 0 });
    else if (upper === 'LW') rules.push({ kind: 'lastWeekday' });
    else if ((m = /^L-(\d+)$/.exec(upper))) {
      const before = Number(m[1]);
      if (before > 30) throw new TimerExpressionError(`day-of-month '${item}' ${context}: at most 30 days before the last`);
      rules.push({ kind: 'last', before });
    } else if ((m = /^(\d+)W$/.exec(upper))) {
      rules.push({ kind: 'nearestWeekday', day: parseValue(m[1], DAY_OF_MONTH, context) });
    } else if (item === '?') {
      throw new TimerExpressionError(`'?' ${context} must stand alone in day-of-month`);
    } else {
      for (const value of parseItem(item, DAY_OF_MONTH, context)) days[value] = true;
    }
  }
  return { days, rules };
}

function parseDayOfWeek(field: string, context: string): { days: boolean[] | 'any'; rules: DayOfWeekRule[] } {
  if (field === '*' || field === '?') return { days: 'any', rules: [] };
  const days = new Array<boolean>(7).fill(false);
  const rules: DayOfWeekRule[] = [];
  const weekdayOf = (token: string): number => parseValue(token, DAY_OF_WEEK, context) % 7;
  for (const item of field.split(',')) {
    const upper = item.toUpperCase();
    let m: RegExpExecArray | null;
    if (upper === 'L') {
      // Spring: `L` alone is the last day of the (Monday-based) week, Sunday.
      days[0] = true;
    } else if ((m = /^(\w+)L$/.exec(upper))) {
      rules.push({ kind: 'lastInMonth', weekday: weekdayOf(m[1]) });
    } else if ((m = /^(\w+)#(\d+)$/.exec(upper))) {
      const n = Number(m[2]);
      if (n < 1 || n > 5) throw new TimerExpressionError(`day-of-week '${item}' ${context}: the occurrence after # must be 1-5`);
      rules.push({ kind: 'nth', weekday: weekdayOf(m[1]), n });
    } else if (item === '?') {
      throw new TimerExpressionError(`'?' ${context} must stand alone in day-of-week`);
    } else {
      for (const value of parseItem(item, DAY_OF_WEEK, context)) days[value % 7] = true;
    }
  }
  return { days, rules };
}

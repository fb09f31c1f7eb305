import { defineRoute, type Route } from '../http/route.js';
import { badRequest, notFound } from '../http/problem.js';
import { auditActorOf } from '../../audit/index.js';
import { builtInHolidayYears, CalendarError, validateHolidayYear, type DeadlineUnit, type HolidayYear } from '../../calendar/index.js';
import { listYears, loadCalendar, putYear, type StoredHolidayYear } from '../../workers/calendar-store.js';
import { formatChinaDateTime } from '../../workers/china-date-time.js';
import { parseIsoDateTime, TimerExpressionError } from '../../timer/index.js';
import { parseWorkingHours, type WorkingHours } from '../../calendar/working-hours.js';

const TAG = 'Calendar';
const YEAR_PARAM = { type: 'string', pattern: '^[0-9]{4}$', description: 'A year, e.g. 2027' };
const DAY = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD (China time)' };
/** The gongzhi.deadline worker's default, so that the designer's preview matches what the worker computes. */
const DEFAULT_REMINDER_FRACTIONS = [2 / 3];

/** Where the year in use comes from: shipped with the engine, or stored by an admin (over a shipped one, perhaps). */
function describeYear(year: HolidayYear, stored: StoredHolidayYear | undefined) {
  return {
    ...year,
    provisional: year.provisional ?? false,
    origin: stored ? 'stored' : 'built-in',
    builtIn: builtInHolidayYears.some((b) => b.year === year.year),
    updatedAt: stored ? new Date(stored.updatedAt).toISOString() : null,
    updatedBy: stored?.updatedBy ?? null,
  };
}

/**
 * A CalendarError says what is wrong but not where: find the field by adding the entries one at a time,
 * so the 400 names the first entry that makes the year invalid (e.g. /makeUpWorkdays/2).
 */
function fieldOfHolidayYearError(year: HolidayYear): string {
  const fails = (candidate: HolidayYear) => {
    try {
      validateHolidayYear(candidate);
      return false;
    } catch (error) {
      if (error instanceof CalendarError) return true;
      throw error;
    }
  };
  const base = { ...year, holidays: [], makeUpWorkdays: [] };
  if (fails(base)) return '/source';
  for (let i = 0; i < year.holidays.length; i++) if (fails({ ...base, holidays: year.holidays.slice(0, i + 1) })) return `/holidays/${i}`;
  for (let i = 0; i < year.makeUpWorkdays.length; i++) {
    if (fails({ ...base, holidays: year.holidays, makeUpWorkdays: year.makeUpWorkdays.slice(0, i + 1) })) return `/makeUpWorkdays/${i}`;
  }
  return '/';
}

const listCalendarYears = defineRoute({
  method: 'get',
  path: '/v2/calendar/years',
  operationId: 'listCalendarYears',
  summary: 'Holiday years of the working-day calendar: built-in ones and those stored by an admin (which override them)',
  tag: TAG,
  permission: 'definitions:read',
  responses: { 200: { description: '{items: [{year, origin, builtIn, provisional, source, updatedAt, updatedBy}]}' } },
  async handler({ services }) {
    const stored = new Map((await listYears(services.store.db)).map((s) => [s.year, s]));
    const years = new Map<number, HolidayYear>(builtInHolidayYears.map((y) => [y.year, y]));
    for (const s of stored.values()) years.set(s.year, s.data);
    const items = [...years.values()]
      .sort((a, b) => a.year - b.year)
      .map((y) => {
        const { holidays, makeUpWorkdays, ...summary } = describeYear(y, stored.get(y.year));
        return { ...summary, holidays: holidays.length, makeUpWorkdays: makeUpWorkdays.length };
      });
    return { body: { items, page: { totalItems: items.length } } };
  },
});

const getCalendarYear = defineRoute({
  method: 'get',
  path: '/v2/calendar/years/:year',
  operationId: 'getCalendarYear',
  summary: 'The holiday year in use: its holidays and make-up working days (调休上班)',
  tag: TAG,
  permission: 'definitions:read',
  params: { year: YEAR_PARAM },
  responses: { 200: { description: 'The holiday year' }, 404: { description: 'No data for that year' } },
  async handler({ params, services }) {
    const year = Number(params.year);
    const stored = (await listYears(services.store.db)).find((s) => s.year === year);
    const data = stored?.data ?? builtInHolidayYears.find((y) => y.year === year);
    if (!data) throw notFound(`No holiday data for ${year}: neither built in nor stored (PUT /v2/calendar/years/${year} adds it)`);
    return { body: describeYear(data, stored) };
  },
});

const putCalendarYear = defineRoute<HolidayYear>({
  method: 'put',
  path: '/v2/calendar/years/:year',
  operationId: 'putCalendarYear',
  summary: 'Store a holiday year (a correction of a built-in year, or a year not shipped yet); deadlines use it at once',
  tag: TAG,
  permission: 'calendar:manage',
  params: { year: YEAR_PARAM },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['year', 'holidays', 'makeUpWorkdays', 'source'],
    properties: {
      year: { type: 'integer', minimum: 1949, maximum: 9999 },
      holidays: { type: 'array', maxItems: 366, items: DAY },
      makeUpWorkdays: { type: 'array', maxItems: 366, items: DAY },
      source: { type: 'string', minLength: 1, maxLength: 500, description: 'The State Council notice the dates come from' },
      provisional: { type: 'boolean' },
      note: { type: 'string', maxLength: 2000 },
    },
  },
  responses: { 200: { description: 'Stored' }, 400: { description: 'Invalid: names the field' } },
  async handler({ params, body, services, principal }) {
    if (body.year !== Number(params.year)) {
      throw badRequest(`The body is the holiday year ${body.year}, but the path names ${params.year}`, [{ field: '/year', message: `must be ${params.year}, as in the path` }]);
    }
    let stored: StoredHolidayYear;
    try {
      stored = await putYear(services.store.db, body, principal.name, services.clock);
    } catch (error) {
      if (!(error instanceof CalendarError)) throw error;
      throw badRequest(`The holiday year is invalid: ${error.message}`, [{ field: fieldOfHolidayYearError(body), message: error.message }]);
    }
    await services.audit.append({
      actor: auditActorOf(principal),
      action: 'calendar.put-year',
      target: `calendar-year:${stored.year}`,
      details: { holidays: stored.data.holidays.length, makeUpWorkdays: stored.data.makeUpWorkdays.length, source: stored.data.source },
    });
    return { body: describeYear(stored.data, stored) };
  },
});

const computeDeadline = defineRoute<{ start?: string; amount: number; unit: DeadlineUnit; reminderFractions?: number[]; workingHours?: string }>({
  method: 'post',
  path: '/v2/calendar/deadline',
  operationId: 'computeDeadline',
  summary: 'Compute a deadline on the working-day calendar, as the gongzhi.deadline worker would',
  tag: TAG,
  permission: 'definitions:read',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'unit'],
    properties: {
      start: { type: 'string', minLength: 1, description: 'ISO 8601 date and time (default: now)' },
      amount: { type: 'number', minimum: 0, maximum: 100_000 },
      unit: { enum: ['workingDays', 'calendarDays', 'hours', 'workingHours'] },
      reminderFractions: { type: 'array', maxItems: 20, items: { type: 'number', exclusiveMinimum: 0, maximum: 1 } },
      workingHours: { type: 'string', pattern: '^[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}$', description: 'Office hours, e.g. 09:00-17:30' },
    },
  },
  responses: { 200: { description: '{dueAt, reminders, firstReminderAt, start, amount, unit, workingDaysCounted, warnings}' }, 400: { description: 'Invalid input' } },
  async handler({ body, services }) {
    let start = services.clock.now();
    if (body.start !== undefined) {
      try {
        start = parseIsoDateTime(body.start).epochMs;
      } catch (error) {
        if (!(error instanceof TimerExpressionError)) throw error;
        throw badRequest(`start is not a date and time: ${error.message}`, [{ field: '/start', message: error.message }]);
      }
    }
    let workingHours: WorkingHours | undefined;
    if (body.workingHours !== undefined) {
      const [hoursStart, hoursEnd] = body.workingHours.split('-');
      workingHours = { start: hoursStart, end: hoursEnd };
      try {
        parseWorkingHours(workingHours);
      } catch (error) {
        if (!(error instanceof CalendarError)) throw error;
        throw badRequest(`workingHours are not office hours: ${error.message}`, [{ field: '/workingHours', message: error.message }]);
      }
    }
    // Broken stored holiday data is the server's problem (500), not the caller's: only the computation's errors are 400.
    const calendar = await loadCalendar(services.store.db, workingHours ? { workingHours } : {});
    let deadline;
    try {
      deadline = calendar.computeDeadline({ start, amount: body.amount, unit: body.unit, reminderFractions: body.reminderFractions ?? DEFAULT_REMINDER_FRACTIONS });
    } catch (error) {
      if (!(error instanceof CalendarError)) throw error;
      throw badRequest(`The deadline cannot be computed: ${error.message}`, [{ field: '/amount', message: error.message }]);
    }
    const first = deadline.reminders.length > 0 ? Math.min(...deadline.reminders.map((r) => r.at)) : undefined;
    return {
      body: {
        dueAt: formatChinaDateTime(deadline.dueAt),
        reminders: deadline.reminders.map((r) => ({ fraction: r.fraction, at: formatChinaDateTime(r.at) })),
        firstReminderAt: first === undefined ? null : formatChinaDateTime(first),
        start: formatChinaDateTime(start),
        amount: body.amount,
        unit: body.unit,
        workingDaysCounted: deadline.workingDaysCounted ?? null,
        warnings: deadline.warnings,
      },
    };
  },
});

export const calendarRoutes: Route[] = [listCalendarYears, getCalendarYear, putCalendarYear, computeDeadline];

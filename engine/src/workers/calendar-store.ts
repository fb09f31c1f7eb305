import { sql, type Kysely } from 'kysely';
import { SystemClock, type Clock } from '../clock/clock.js';
import { CalendarError, validateHolidayYear, WorkingDayCalendar, type HolidayYear, type WorkingHours } from '../calendar/index.js';

/** A holiday year as stored: an admin's correction or addition, overriding the built-in year with that number. */
export interface StoredHolidayYear {
  year: number;
  data: HolidayYear;
  updatedAt: number;
  updatedBy: string;
}

interface CachedYears {
  /** Each stored row's year and row version (xmin): changes whenever any process writes a row. */
  fingerprint: string;
  years: HolidayYear[];
  calendars: Map<string, WorkingDayCalendar>;
}

const cache = new WeakMap<Kysely<any>, CachedYears>();

/** Every stored year, in year order. */
export async function listYears(db: Kysely<any>): Promise<StoredHolidayYear[]> {
  const rows = await sql<{ year: number; data: unknown; updated_at: number; updated_by: string }>`
    SELECT year, data, updated_at, updated_by FROM holiday_years ORDER BY year`.execute(db);
  return rows.rows.map((r) => ({ year: r.year, data: readStoredYear(r.year, r.data), updatedAt: Number(r.updated_at), updatedBy: r.updated_by }));
}

/**
 * Stores a holiday year (a correction of a built-in year, or a year not shipped yet), replacing what was stored
 * for that year. Validated first: a CalendarError names the field that is wrong.
 */
export async function putYear(db: Kysely<any>, holidayYear: HolidayYear, actor: string, clock: Clock = new SystemClock()): Promise<StoredHolidayYear> {
  const data = validateHolidayYear(holidayYear);
  if (typeof actor !== 'string' || actor.trim() === '') throw new CalendarError('a holiday year is stored by someone: actor must be a non-empty string');
  const updatedAt = clock.now();
  await sql`
    INSERT INTO holiday_years (year, data, updated_at, updated_by) VALUES (${data.year}, ${JSON.stringify(data)}::jsonb, ${updatedAt}, ${actor})
    ON CONFLICT (year) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`.execute(db);
  cache.delete(db);
  return { year: data.year, data, updatedAt, updatedBy: actor };
}

/**
 * The working-day calendar: built-in years with the stored ones layered over them, optionally with office hours.
 * Cached per database; a put through this module drops the cache, and a cheap row-version check catches puts
 * made by other server processes on the same database.
 */
export async function loadCalendar(db: Kysely<any>, options: { workingHours?: WorkingHours } = {}): Promise<WorkingDayCalendar> {
  const versions = await sql<{ year: number; version: string }>`SELECT year, xmin::text AS version FROM holiday_years ORDER BY year`.execute(db);
  const fingerprint = versions.rows.map((r) => `${r.year}:${r.version}`).join(',');
  let cached = cache.get(db);
  if (!cached || cached.fingerprint !== fingerprint) {
    const rows = await sql<{ year: number; data: unknown; version: string }>`
      SELECT year, data, xmin::text AS version FROM holiday_years ORDER BY year`.execute(db);
    cached = {
      fingerprint: rows.rows.map((r) => `${r.year}:${r.version}`).join(','),
      years: rows.rows.map((r) => readStoredYear(r.year, r.data)),
      calendars: new Map(),
    };
    cache.set(db, cached);
  }
  const hours = options.workingHours;
  const key = hours ? `${hours.start}-${hours.end}` : '';
  let calendar = cached.calendars.get(key);
  if (!calendar) {
    calendar = new WorkingDayCalendar(cached.years, hours ? { workingHours: hours } : {});
    cached.calendars.set(key, calendar);
  }
  return calendar;
}

/** Rows may have been written by hand: check them as strictly as a put does. */
function readStoredYear(year: number, data: unknown): HolidayYear {
  let checked: HolidayYear;
  try {
    checked = validateHolidayYear(data as HolidayYear);
  } catch (error) {
    throw new CalendarError(`stored holiday year ${year} is invalid: ${(error as Error).message}`);
  }
  if (checked.year !== year) throw new CalendarError(`stored holiday year ${year} holds data for ${checked.year}`);
  return checked;
}

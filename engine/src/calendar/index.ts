export { WorkingDayCalendar, type Deadline, type DeadlineInput, type DeadlineUnit, type WorkingDayCalendarOptions } from './working-day-calendar.js';
export { validateHolidayYear, type HolidayYear } from './holiday-year.js';
export { builtInHolidayYears } from './built-in-holiday-years.js';
export { CalendarError } from './calendar-error.js';
export type { WorkingHours } from './working-hours.js';

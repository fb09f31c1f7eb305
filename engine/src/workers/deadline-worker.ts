import type { Kysely } from 'kysely';
import { CalendarError, type DeadlineUnit, type WorkingHours } from '../calendar/index.js';
import { parseIsoDateTime, TimerExpressionError } from '../timer/index.js';
import { loadCalendar } from './calendar-store.js';
import { formatChinaDateTime } from './china-date-time.js';
import { JobInputError } from './job-input-error.js';
import { describeInput, JobInput } from './job-input.js';
import type { JobWorker } from './job-worker.js';

export const DEADLINE_TASK_TYPE = 'gongzhi.deadline';

const UNITS: readonly DeadlineUnit[] = ['workingDays', 'calendarDays', 'hours', 'workingHours'];
const DEFAULT_REMINDER_FRACTIONS = [2 / 3];
const WORKING_HOURS_HEADER = /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/;

/** What the worker writes to its result variable (default `deadline`). Times are ISO 8601 with +08:00. */
export interface DeadlineResult {
  dueAt: string;
  reminders: Array<{ fraction: number; at: string }>;
  /** The earliest reminder, or null when there are none. */
  firstReminderAt: string | null;
  start: string;
  amount: number;
  unit: DeadlineUnit;
  warnings: string[];
}

/**
 * `gongzhi.deadline`: an SLA on the Chinese working-day calendar (built-in holiday years plus the corrections
 * stored in the database). Variables: amount (required), unit, start, reminderFractions; headers: resultVariable,
 * workingHours (`09:00-17:30`).
 */
export function deadlineWorker(deps: { db: Kysely<any> }): JobWorker {
  return {
    type: DEADLINE_TASK_TYPE,
    fetchVariables: ['amount', 'unit', 'start', 'reminderFractions'],
    async handle(job, context) {
      const input = new JobInput(DEADLINE_TASK_TYPE, job);
      const resultVariable = input.resultVariable('deadline');
      const amount = readAmount(input);
      const unit = readUnit(input);
      const start = readStart(input, context.now());
      const reminderFractions = readReminderFractions(input);
      const workingHours = readWorkingHours(input);

      let deadline;
      try {
        const calendar = await loadCalendar(deps.db, { workingHours });
        deadline = calendar.computeDeadline({ start, amount, unit, reminderFractions });
      } catch (error) {
        // The calendar refuses the input, the office hours or broken holiday data: none gets better by retrying.
        if (error instanceof CalendarError) throw new JobInputError(DEADLINE_TASK_TYPE, 'deadline', `cannot be computed: ${error.message}`);
        throw error;
      }
      const reminders = deadline.reminders.map((r) => ({ fraction: r.fraction, at: formatChinaDateTime(r.at) }));
      const first = deadline.reminders.length > 0 ? Math.min(...deadline.reminders.map((r) => r.at)) : undefined;
      const result: DeadlineResult = {
        dueAt: formatChinaDateTime(deadline.dueAt),
        reminders,
        firstReminderAt: first === undefined ? null : formatChinaDateTime(first),
        start: formatChinaDateTime(start),
        amount,
        unit,
        warnings: deadline.warnings,
      };
      return { [resultVariable]: result };
    },
  };
}

function readAmount(input: JobInput): number {
  const amount = input.variable('amount');
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw input.variableError('amount', `must be a number, 0 or more (pass it with a zeebe:input mapping, e.g. amount = 20), got ${describeInput(amount)}`);
  }
  return amount;
}

function readUnit(input: JobInput): DeadlineUnit {
  const unit = input.variable('unit');
  if (unit === undefined) return 'workingDays';
  if (!UNITS.includes(unit as DeadlineUnit)) throw input.variableError('unit', `must be one of ${UNITS.join(', ')}, got ${describeInput(unit)}`);
  return unit as DeadlineUnit;
}

function readStart(input: JobInput, now: number): number {
  const start = input.variable('start');
  if (start === undefined) return now;
  if (typeof start !== 'string') throw input.variableError('start', `must be an ISO date and time such as 2026-09-21T10:00:00+08:00, got ${describeInput(start)}`);
  try {
    return parseIsoDateTime(start).epochMs;
  } catch (error) {
    if (error instanceof TimerExpressionError) throw input.variableError('start', `is not a date and time: ${error.message}`);
    throw error;
  }
}

function readReminderFractions(input: JobInput): number[] {
  const fractions = input.variable('reminderFractions');
  if (fractions === undefined) return DEFAULT_REMINDER_FRACTIONS;
  if (!Array.isArray(fractions)) throw input.variableError('reminderFractions', `must be a list of numbers between 0 and 1, e.g. [0.5, 0.8], got ${describeInput(fractions)}`);
  fractions.forEach((fraction, index) => {
    if (typeof fraction !== 'number' || !(fraction > 0 && fraction < 1)) {
      throw input.variableError(`reminderFractions[${index}]`, `must be a number greater than 0 and less than 1, got ${describeInput(fraction)}`);
    }
  });
  return fractions as number[];
}

function readWorkingHours(input: JobInput): WorkingHours | undefined {
  const text = input.header('workingHours');
  if (text === undefined) return undefined;
  const match = WORKING_HOURS_HEADER.exec(text);
  if (!match) throw input.headerError('workingHours', `'${text}' is not office hours in the form HH:MM-HH:MM, e.g. 09:00-17:30`);
  return { start: match[1], end: match[2] };
}

import type { UserTask } from '../../app/api-types.js';

/**
 * How urgent an open task is: green before the reminder point, yellow from it, red once overdue. The reminder point
 * comes from the task's headers when the process sets one — `reminderAt` / `firstReminderAt` (a date-time) or
 * `reminderFraction` (how far from creation to due, 0–1) — and otherwise lies a third of the span before the due date.
 */
export type DueLevel = 'none' | 'ok' | 'soon' | 'overdue';

export interface DueStatus {
  level: DueLevel;
  dueAt?: number;
  reminderAt?: number;
}

const DEFAULT_REMINDER_FRACTION = 2 / 3;

function instant(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

export function reminderPoint(task: Pick<UserTask, 'creationDate' | 'customHeaders'>, dueAt: number): number {
  const headers = task.customHeaders ?? {};
  const explicit = instant(headers.reminderAt) ?? instant(headers.firstReminderAt);
  if (explicit !== undefined && explicit <= dueAt) return explicit;
  const created = instant(task.creationDate) ?? dueAt;
  const fraction = Number(headers.reminderFraction);
  const f = Number.isFinite(fraction) && fraction > 0 && fraction < 1 ? fraction : DEFAULT_REMINDER_FRACTION;
  return created + (dueAt - created) * f;
}

export function dueStatus(task: Pick<UserTask, 'state' | 'dueDate' | 'creationDate' | 'customHeaders'>, now: number): DueStatus {
  const dueAt = instant(task.dueDate);
  if (dueAt === undefined) return { level: 'none' };
  // Done tasks are past worrying about; their due date is still shown, uncoloured.
  if (task.state !== 'CREATED') return { level: 'none', dueAt };
  const reminderAt = reminderPoint(task, dueAt);
  if (now >= dueAt) return { level: 'overdue', dueAt, reminderAt };
  if (now >= reminderAt) return { level: 'soon', dueAt, reminderAt };
  return { level: 'ok', dueAt, reminderAt };
}

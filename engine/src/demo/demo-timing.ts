import type { DemoWorld } from './demo-actor.js';

/*
 * When people act. Office work happens at desk sessions (see OfficeHours.desk) and duty work (grids, hotlines,
 * departments on call) on a grid of minutes, so that what many cases need at about the same time is carried out
 * together; work bound to a short limit keeps a finer grid so that it stays on time.
 */

/**
 * When people act on something with a due date: at a drawn share of the time left, at a desk session (office)
 * or on a `gridMinutes` grid (duty work) when that still keeps it before the due date.
 */
export function onTimeWithin(world: DemoWorld, from: number, dueAt: number, share: [number, number], office = true, gridMinutes = 5): number {
  const span = Math.max(dueAt - from, 0);
  const at = from + Math.floor(span * world.dice.between(share[0], share[1]));
  const snapped = office ? world.office.desk(at) : onGrid(at, gridMinutes);
  if (snapped < dueAt) return snapped;
  const inOffice = office ? world.office.next(at) : at;
  return inOffice < dueAt ? inOffice : at;
}

/** A desk session `[min, max]` working days after the due date. */
export function lateAfter(world: DemoWorld, dueAt: number, workingDays: [number, number]): number {
  return world.office.desk(world.office.workingDaysLater(dueAt, world.dice.integer(workingDays[0], workingDays[1]), world.dice.next()));
}

/** A desk session `[min, max]` working days after `from` (0: the same day when it is one). */
export function workingDaysAfter(world: DemoWorld, from: number, workingDays: [number, number]): number {
  return world.office.desk(world.office.workingDaysLater(from, world.dice.integer(workingDays[0], workingDays[1]), world.dice.next()));
}

/** `[min, max]` minutes after `from` at any hour (duty work), on a grid of `gridMinutes`. */
export function minutesAfter(world: DemoWorld, from: number, minutes: [number, number], gridMinutes = 30): number {
  return onGrid(from + world.dice.integer(minutes[0], minutes[1]) * 60_000, gridMinutes);
}

/** The first moment at or after `epochMs` on a grid of `minutes` (China and UTC agree on minute grids). */
export function onGrid(epochMs: number, minutes: number): number {
  const step = minutes * 60_000;
  return Math.ceil(epochMs / step) * step;
}

/** ISO 8601 in China time with its offset, as the forms and the deadline worker write date-times. */
export function chinaDateTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
}

/** Epoch ms of a date-time text written by the engine or a form (NaN when it is not one). */
export function instant(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

import type { CaseView } from '../simulation/case-tracker.js';
import type { DemoDice } from './demo-dice.js';
import type { DemoGrid, DemoResidents } from './demo-residents.js';
import type { OfficeHours } from './office-hours.js';

/**
 * The people of the demo district for one process: who starts its cases and what staff, residents and
 * departments do at each step. An actor draws a story per case (what will happen to it) and, whenever the case
 * waits for someone, plans what they do and when; the demo run carries the plans out on virtual time through the
 * real engine, so records, timers, deadlines and notifications are what production would have written.
 */
export interface DemoActor<Story = unknown> {
  readonly processId: string;
  /** User tasks and waits (receive tasks, message catch events, event-based gateways) this actor acts on. */
  readonly handles: ReadonlySet<string>;
  /** A new case that arrives at `at`: its story and how it starts. */
  newCase(at: number, world: DemoWorld): { story: Story; start: DemoStart };
  /** Someone works an open user task; undefined leaves it open (the case waits there). */
  onTask(task: DemoTask, story: Story, view: CaseView, world: DemoWorld): DemoPlan[] | DemoPlan | undefined;
  /** The world answers a waiting case (a message arrives); undefined lets it wait (for its timers, or forever). */
  onWait(wait: DemoWait, story: Story, view: CaseView, world: DemoWorld): DemoPlan[] | DemoPlan | undefined;
}

export type DemoStart =
  | { kind: 'create'; variables: Record<string, unknown> }
  | { kind: 'message'; name: string; correlationKey?: string; variables: Record<string, unknown> };

export interface DemoTask {
  elementId: string;
  jobKey: number;
  createdAt: number;
  /** The task's due date, epoch ms (undefined without one). */
  dueAt?: number;
  /** Variables local to the task and its enclosing scopes below the process (multi-instance elements, sub-processes). */
  locals: Record<string, unknown>;
}

export interface DemoWait {
  elementId: string;
  elementInstanceKey: number;
  since: number;
  locals: Record<string, unknown>;
}

export interface DemoMessage {
  name: string;
  correlationKey: string;
  variables?: Record<string, unknown>;
  /** Milliseconds the message waits for its subscription (default 0: it must find one at once). */
  timeToLive?: number;
}

/** What someone does at `at`: complete the task with variables (decided then), or publish messages. */
export type DemoPlan =
  | { at: number; complete: (at: number) => Record<string, unknown> }
  | { at: number; publish: (at: number) => DemoMessage[] };

/** What actors draw on: chance, the calendar, the district's people and places, the demo's time span. */
export interface DemoWorld {
  dice: DemoDice;
  office: OfficeHours;
  residents: DemoResidents;
  grids: readonly DemoGrid[];
  /** Epoch ms the demo history starts and ends (the end is "now": nothing happens after it). */
  start: number;
  end: number;
}

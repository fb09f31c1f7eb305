import type { Kysely } from 'kysely';
import type { OrgScope } from '../query/org-scope.js';
import type { DashboardFigure, LocalizedText } from './dashboard.js';
import type { FigureSpec } from './figure-spec.js';
import type { SeriesSpec } from './series-spec.js';

/** An end event that closes a case, and what the dashboard calls that outcome. */
export interface DashboardOutcome {
  endEventId: string;
  label: LocalizedText;
}

export interface DashboardContext {
  /** The engine's time, epoch ms: what "overdue" and "so far" are measured against. */
  now: number;
}

/**
 * One process's dashboard: what of its cases the rows carry (see case-rows.ts) and the figures and series
 * computed from them. A module per process defines one; computeDashboard runs it.
 */
export interface DashboardDefinition {
  processId: string;
  processName: LocalizedText;
  /** Root variables the figures read (c.vars). */
  variables: readonly string[];
  /** Elements whose entered/completed/active state the figures read. */
  elements: readonly string[];
  /** The end events that close a case; c.outcome is the one a case finished at. */
  outcomes: readonly DashboardOutcome[];
  /** Element instances the `elements` source holds, and the local variables it reads of them. */
  scopedElements?: { ids: readonly string[]; locals: readonly string[] };
  figures(context: DashboardContext): FigureSpec[];
  series(context: DashboardContext): SeriesSpec[];
  /** Figures that need a query of their own (e.g. over the organisation tree), placed after the others. */
  extraFigures?(db: Kysely<any>, scope: OrgScope, context: DashboardContext): Promise<DashboardFigure[]>;
}

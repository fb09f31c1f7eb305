/** What GET /v2/dashboards/{processId} answers: one process's figures and chart series, for the caller's organisations. */

/** A text in both languages the product speaks. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/**
 * Units of figure values. Rates are fractions from 0 to 1 (`ratio`) with their numerator and denominator, so a
 * client can show 98% or "49/50" and never has to guess whether 1 means 1% or 100%.
 */
export type FigureUnit = 'cases' | 'tasks' | 'calls' | 'items' | 'ratio' | 'days' | 'hours' | 'score';

export interface DashboardFigure {
  id: string;
  label: LocalizedText;
  /** null when the figure has nothing to be computed from (a rate whose denominator is 0, a mean of nothing). */
  value: number | null;
  unit?: FigureUnit;
  numerator?: number;
  denominator?: number;
}

export interface SeriesPoint {
  key: string;
  /** What a chart writes at the point: a name from the data (an item, a community) or the key. */
  label: string;
  value: number;
}

export interface DashboardSeries {
  id: string;
  label: LocalizedText;
  unit?: FigureUnit;
  points: SeriesPoint[];
}

/** Whose cases the figures count: everything, or the caller's organisation subtree (the same scope as searches). */
export type DashboardScope =
  | { kind: 'all' }
  | { kind: 'organizations'; orgId: string | null; orgName: string | null; organizations: number };

export interface Dashboard {
  processId: string;
  processName: LocalizedText;
  /** ISO 8601 instant the figures were computed at (the engine's clock). */
  generatedAt: string;
  scope: DashboardScope;
  figures: DashboardFigure[];
  series: DashboardSeries[];
}

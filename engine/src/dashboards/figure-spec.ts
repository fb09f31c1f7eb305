import { sql, type RawBuilder } from 'kysely';
import type { DashboardFigure, FigureUnit, LocalizedText } from './dashboard.js';

/**
 * How one dashboard figure is computed: an aggregate over the rows of one source — `cases` (alias c), `tasks`
 * (alias t, joined to its case c) or `elements` (alias e, joined to its case c); see case-rows.ts. Every spec
 * states its rows with SQL conditions, so each figure's numerator and denominator are written down once, next to
 * its label.
 */
export type FigureSource = 'cases' | 'tasks' | 'elements';

interface FigureSpecBase {
  id: string;
  label: LocalizedText;
  /** Default: cases. */
  source?: FigureSource;
}

/** How many rows meet `where`. */
export interface CountFigureSpec extends FigureSpecBase {
  kind: 'count';
  where?: RawBuilder<boolean>;
  unit: FigureUnit;
}

/** numerator = rows meeting `of` and `where`; denominator = rows meeting `of`; value = numerator / denominator. */
export interface RateFigureSpec extends FigureSpecBase {
  kind: 'rate';
  of: RawBuilder<boolean>;
  where: RawBuilder<boolean>;
}

/** A statistic of `value` over the rows meeting `where` (NULL values left out); denominator = rows counted. */
export interface StatisticFigureSpec extends FigureSpecBase {
  kind: 'mean' | 'median' | 'p90' | 'max' | 'sum';
  value: RawBuilder<number | null>;
  where?: RawBuilder<boolean>;
  unit: FigureUnit;
}

export type FigureSpec = CountFigureSpec | RateFigureSpec | StatisticFigureSpec;

const always = sql<boolean>`TRUE`;

/** The SQL (one jsonb object per figure) that computes the spec over its source's rows. */
export function figureAggregate(spec: FigureSpec): RawBuilder<unknown> {
  switch (spec.kind) {
    case 'count':
      return sql`jsonb_build_object('v', count(*) FILTER (WHERE ${spec.where ?? always}))`;
    case 'rate':
      return sql`jsonb_build_object(
        'n', count(*) FILTER (WHERE (${spec.of}) AND (${spec.where})),
        'd', count(*) FILTER (WHERE ${spec.of}))`;
    default: {
      const where = spec.where ?? always;
      const statistic = {
        mean: sql`avg(${spec.value})`,
        median: sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${spec.value})`,
        p90: sql`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${spec.value})`,
        max: sql`max(${spec.value})`,
        sum: sql`sum(${spec.value})`,
      }[spec.kind];
      return sql`jsonb_build_object('v', ${statistic} FILTER (WHERE ${where}), 'd', count(${spec.value}) FILTER (WHERE ${where}))`;
    }
  }
}

const rounded = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The figure from what figureAggregate computed. */
export function figureFrom(spec: FigureSpec, computed: { v?: unknown; n?: unknown; d?: unknown }): DashboardFigure {
  const base = { id: spec.id, label: spec.label };
  if (spec.kind === 'count') return { ...base, value: Number(computed.v ?? 0), unit: spec.unit };
  if (spec.kind === 'rate') {
    const numerator = Number(computed.n ?? 0);
    const denominator = Number(computed.d ?? 0);
    return { ...base, value: denominator === 0 ? null : rounded(numerator / denominator, 4), unit: 'ratio', numerator, denominator };
  }
  const value = computed.v === null || computed.v === undefined ? null : rounded(Number(computed.v), 2);
  // A sum of nothing is 0, not unknown.
  return { ...base, value: value === null && spec.kind === 'sum' ? 0 : value, unit: spec.unit, denominator: Number(computed.d ?? 0) };
}

import { sql, type RawBuilder } from 'kysely';
import type { DashboardSeries, FigureUnit, LocalizedText, SeriesPoint } from './dashboard.js';
import type { FigureSource } from './figure-spec.js';

/**
 * A chart series: the rows of one source (see figure-spec.ts) that meet `where`, grouped by `key`; each group's
 * value is its row count, or the mean or sum of `value`. `expand` adds a lateral join for series over the
 * elements of a list variable (it may name the alias `item`).
 */
export interface SeriesSpec {
  id: string;
  label: LocalizedText;
  source?: FigureSource;
  expand?: RawBuilder<unknown>;
  key: RawBuilder<string | null>;
  /** What the point is called; default the key. */
  pointLabel?: RawBuilder<string | null>;
  where?: RawBuilder<boolean>;
  value?: { kind: 'count' } | { kind: 'mean' | 'sum'; of: RawBuilder<number | null> };
  /** What the values count or measure. */
  unit: FigureUnit;
  /** 'value': biggest first (ties by key); 'key': by key (months, codes). */
  order: 'value' | 'key';
  /** Points always shown, in this order and with a 0 when no row has them (an enum's values). */
  categories?: readonly string[];
  limit?: number;
}

const FROM: Record<FigureSource, RawBuilder<unknown>> = {
  cases: sql`cases c`,
  tasks: sql`tasks t JOIN cases c ON c.key = t.case_key`,
  elements: sql`elements e JOIN cases c ON c.key = e.case_key`,
};

/** The SQL (a jsonb list of {key, label, value}) that computes the series. */
export function seriesAggregate(spec: SeriesSpec): RawBuilder<unknown> {
  const value = spec.value ?? { kind: 'count' };
  const aggregate = value.kind === 'count' ? sql`count(*)` : value.kind === 'mean' ? sql`avg(${value.of})` : sql`sum(${value.of})`;
  const from = spec.expand ? sql`${FROM[spec.source ?? 'cases']} CROSS JOIN LATERAL ${spec.expand}` : FROM[spec.source ?? 'cases'];
  return sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('key', s.key, 'label', s.label, 'value', s.value) ORDER BY s.key), '[]'::jsonb)
    FROM (SELECT ${spec.key} AS key, max(${spec.pointLabel ?? spec.key}) AS label, ${aggregate} AS value
      FROM ${from} WHERE (${spec.where ?? sql`TRUE`}) AND (${spec.key}) IS NOT NULL GROUP BY 1) s)`;
}

/** The series from what seriesAggregate computed: categories first, then ordered, rounded and cut. */
export function seriesFrom(spec: SeriesSpec, rows: Array<{ key: string; label: string | null; value: unknown }>): DashboardSeries {
  const found = new Map<string, SeriesPoint>();
  for (const row of rows) {
    const value = Math.round(Number(row.value) * 100) / 100;
    found.set(row.key, { key: row.key, label: row.label ?? row.key, value });
  }
  let points: SeriesPoint[];
  if (spec.categories) {
    points = spec.categories.map((key) => found.get(key) ?? { key, label: key, value: 0 });
    const rest = [...found.values()].filter((p) => !spec.categories!.includes(p.key));
    points.push(...sortPoints(rest, spec.order));
  } else {
    points = sortPoints([...found.values()], spec.order);
  }
  if (spec.limit !== undefined) points = points.slice(0, spec.limit);
  return { id: spec.id, label: spec.label, unit: spec.unit, points };
}

function sortPoints(points: SeriesPoint[], order: SeriesSpec['order']): SeriesPoint[] {
  const byKey = (a: SeriesPoint, b: SeriesPoint) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return order === 'key' ? points.sort(byKey) : points.sort((a, b) => b.value - a.value || byKey(a, b));
}

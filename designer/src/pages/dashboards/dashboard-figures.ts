/**
 * Turns a process dashboard (GET /v2/dashboards/{processId}) into what the page draws: single figures as numbers,
 * series as charts. The endpoint is written by another module, so this reads its JSON by shape rather than by name:
 * a number is a figure; an object of numbers, or a list of {label, value} rows, is a chart (a line when the labels
 * are dates); `{label|title|name, value, unit}` objects carry their own label. Anything else is left out.
 */
export type FigureKind = 'count' | 'rate' | 'duration' | 'number';

export interface Figure {
  key: string;
  label: string;
  value: number;
  kind: FigureKind;
  unit?: string;
}

export interface ChartPoint {
  name: string;
  value: number;
}

export interface Chart {
  key: string;
  label: string;
  kind: 'bar' | 'line';
  points: ChartPoint[];
}

export interface DashboardFigures {
  figures: Figure[];
  charts: Chart[];
  /** When the numbers were computed, if the response says. */
  generatedAt?: string;
}

const LABEL_FIELDS = ['label', 'title', 'name'];
const VALUE_FIELDS = ['value', 'count', 'total', 'amount'];
const DATE_TEXT = /^\d{4}-\d{2}(-\d{2})?([T ]|$)/;
/** Names of what is about the response, not a figure. */
const META_KEYS = new Set(['processId', 'processDefinitionId', 'processDefinitionKey', 'version', 'tenantId', 'generatedAt', 'asOf', 'computedAt']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function labelOf(record: Record<string, unknown>): string | undefined {
  for (const field of LABEL_FIELDS) if (typeof record[field] === 'string' && record[field]) return record[field] as string;
  return undefined;
}

function valueOf(record: Record<string, unknown>): number | undefined {
  for (const field of VALUE_FIELDS) if (isNumber(record[field])) return record[field] as number;
  return undefined;
}

/** onTimeRate → "On time rate"; a key is the last resort for a label. */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

export function figureKind(key: string, value: number, unit?: string): FigureKind {
  // By whole words of the key: "duration" must not read as "ratio".
  const words = new Set(humanize(key.split('.').pop() ?? key).toLowerCase().split(' '));
  const has = (...names: string[]) => names.some((n) => words.has(n));
  if (unit === '%') return 'rate';
  if (unit && /^(ms|s|h|d|min|hours?|days?|minutes?|seconds?)$/i.test(unit)) return 'duration';
  if (has('duration', 'hours', 'minutes', 'days', 'seconds', 'ms')) return 'duration';
  // "onTimeRate" is a rate; "leadTime" a duration.
  if (has('rate', 'ratio', 'share', 'percent', 'percentage', 'satisfaction')) return 'rate';
  if (has('time', 'lead', 'cycle')) return 'duration';
  if (has('count', 'total', 'number', 'volume', 'open', 'overdue', 'completed', 'started', 'active') || Number.isInteger(value)) return 'count';
  return 'number';
}

/** A rate as a percentage: 0.98 and 98 both read 98%. */
export function percent(value: number): number {
  return value <= 1 && value >= 0 ? Math.round(value * 1000) / 10 : Math.round(value * 10) / 10;
}

function pointsOf(value: unknown): ChartPoint[] | undefined {
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, v]) => isNumber(v))) return entries.map(([name, v]) => ({ name, value: v as number }));
    return undefined;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
    const points: ChartPoint[] = [];
    for (const row of value as Array<Record<string, unknown>>) {
      const v = valueOf(row);
      const name = labelOf(row) ?? (typeof row.date === 'string' ? row.date : undefined) ?? (typeof row.key === 'string' ? row.key : undefined) ?? (typeof row.day === 'string' ? row.day : undefined);
      if (v === undefined || name === undefined) return undefined;
      points.push({ name, value: v });
    }
    return points;
  }
  return undefined;
}

function collect(value: unknown, key: string, label: string | undefined, out: DashboardFigures, depth: number): void {
  if (META_KEYS.has(key)) {
    if ((key === 'generatedAt' || key === 'asOf' || key === 'computedAt') && typeof value === 'string') out.generatedAt = value;
    return;
  }
  if (isNumber(value)) {
    out.figures.push({ key, label: label ?? humanize(key), value, kind: figureKind(key, value) });
    return;
  }
  if (isRecord(value)) {
    const own = valueOf(value);
    const ownLabel = labelOf(value);
    if (own !== undefined && Object.keys(value).every((k) => LABEL_FIELDS.includes(k) || VALUE_FIELDS.includes(k) || k === 'unit' || k === 'id' || k === 'key' || k === 'description')) {
      const unit = typeof value.unit === 'string' ? value.unit : undefined;
      out.figures.push({ key, label: ownLabel ?? label ?? humanize(key), value: own, unit, kind: figureKind(key, own, unit) });
      return;
    }
  }
  const points = pointsOf(value);
  if (points) {
    const dated = points.every((p) => DATE_TEXT.test(p.name));
    out.charts.push({ key, label: label ?? humanize(key), kind: dated ? 'line' : 'bar', points });
    return;
  }
  if (depth >= 3) return;
  if (isRecord(value)) {
    for (const [child, v] of Object.entries(value)) collect(v, key ? `${key}.${child}` : child, undefined, out, depth + 1);
  } else if (Array.isArray(value)) {
    // A list of self-describing figures: [{ id, label, value, unit }, …] or of charts: [{ id, label, series: […] }].
    value.forEach((item, i) => {
      if (!isRecord(item)) return;
      const id = typeof item.id === 'string' ? item.id : typeof item.key === 'string' ? item.key : `${key}[${i}]`;
      const itemLabel = labelOf(item);
      const series = item.series ?? item.points ?? item.data ?? item.buckets;
      if (series !== undefined) collect(series, id, itemLabel, out, depth + 1);
      else collect(item, id, itemLabel, out, depth + 1);
    });
  }
}

export function dashboardFigures(response: unknown): DashboardFigures {
  const out: DashboardFigures = { figures: [], charts: [] };
  if (isRecord(response)) for (const [key, value] of Object.entries(response)) collect(value, key, undefined, out, 0);
  // Nested keys read better without the path they came from, unless two would then look the same.
  const short = (k: string) => k.split('.').pop()!;
  for (const list of [out.figures, out.charts]) {
    for (const item of list as Array<Figure | Chart>) {
      if (item.label === humanize(item.key) && item.key.includes('.')) {
        const clash = (list as Array<Figure | Chart>).some((other) => other !== item && short(other.key) === short(item.key));
        item.label = humanize(clash ? item.key.replace(/\./g, ' ') : short(item.key));
      }
    }
  }
  return out;
}

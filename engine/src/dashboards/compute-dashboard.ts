import { sql, type Kysely } from 'kysely';
import type { OrgScope } from '../query/org-scope.js';
import { caseRowsCte } from './case-rows.js';
import type { Dashboard, DashboardFigure, DashboardScope } from './dashboard.js';
import type { DashboardDefinition } from './dashboard-definition.js';
import { figureAggregate, figureFrom, type FigureSource, type FigureSpec } from './figure-spec.js';
import { seriesAggregate, seriesFrom } from './series-spec.js';

export interface DashboardRequest {
  /** The caller's organisations (Principal.orgScope). */
  scope: OrgScope;
  /** The caller's own organisation, named in the answer's scope. */
  orgId?: string;
  /** The engine's time, epoch ms. */
  now: number;
}

const FROM: Record<FigureSource, ReturnType<typeof sql>> = {
  cases: sql`cases c`,
  tasks: sql`tasks t JOIN cases c ON c.key = t.case_key`,
  elements: sql`elements e JOIN cases c ON c.key = e.case_key`,
};
// jsonb_build_array takes at most 100 arguments.
const MAX_FIGURES_PER_SOURCE = 100;

/** Computes a process's dashboard over the read model in one query (plus the definition's extra figures). */
export async function computeDashboard(db: Kysely<any>, definition: DashboardDefinition, request: DashboardRequest): Promise<Dashboard> {
  const context = { now: request.now };
  const figures = definition.figures(context);
  const series = definition.series(context);
  const bySource = new Map<FigureSource, FigureSpec[]>([['cases', []], ['tasks', []], ['elements', []]]);
  for (const figure of figures) bySource.get(figure.source ?? 'cases')!.push(figure);
  for (const [source, specs] of bySource) {
    if (specs.length > MAX_FIGURES_PER_SOURCE) throw new Error(`dashboard ${definition.processId} has more than ${MAX_FIGURES_PER_SOURCE} ${source} figures`);
  }
  const aggregates = (source: FigureSource) => {
    const specs = bySource.get(source)!;
    if (specs.length === 0) return sql`'[]'::jsonb`;
    return sql`(SELECT jsonb_build_array(${sql.join(specs.map(figureAggregate))}) FROM ${FROM[source]})`;
  };
  const ctes = caseRowsCte({
    processId: definition.processId,
    scope: request.scope,
    variables: definition.variables,
    elements: definition.elements,
    outcomes: definition.outcomes.map((o) => o.endEventId),
    scopedElements: definition.scopedElements?.ids ?? [],
    locals: definition.scopedElements?.locals ?? [],
  });
  const seriesSql = series.length === 0 ? sql`'[]'::jsonb` : sql`jsonb_build_array(${sql.join(series.map(seriesAggregate))})`;
  const result = await sql<{ cases: unknown[]; tasks: unknown[]; elements: unknown[]; series: unknown[][] }>`
    WITH ${ctes}
    SELECT ${aggregates('cases')} AS cases, ${aggregates('tasks')} AS tasks, ${aggregates('elements')} AS elements, ${seriesSql} AS series`.execute(db);
  const row = result.rows[0];

  const computed = new Map<FigureSpec, DashboardFigure>();
  for (const [source, specs] of bySource) {
    const values = parsed(row[source]) as Array<{ v?: unknown; n?: unknown; d?: unknown }>;
    specs.forEach((spec, i) => computed.set(spec, figureFrom(spec, values[i] ?? {})));
  }
  const out: DashboardFigure[] = figures.map((spec) => computed.get(spec)!);
  if (definition.extraFigures) out.push(...(await definition.extraFigures(db, request.scope, context)));
  const seriesRows = parsed(row.series) as Array<Array<{ key: string; label: string | null; value: unknown }>>;

  return {
    processId: definition.processId,
    processName: definition.processName,
    generatedAt: new Date(request.now).toISOString(),
    scope: await scopeOf(db, request),
    figures: out,
    series: series.map((spec, i) => seriesFrom(spec, seriesRows[i] ?? [])),
  };
}

// Drivers hand jsonb back parsed (pg) or as text (some PGlite paths); both are accepted.
function parsed(value: unknown): unknown[] {
  const v = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(v) ? v : [];
}

async function scopeOf(db: Kysely<any>, request: DashboardRequest): Promise<DashboardScope> {
  if (request.scope === 'all') return { kind: 'all' };
  let orgName: string | null = null;
  if (request.orgId) {
    const found = await sql<{ name: string }>`SELECT name FROM organizations WHERE id = ${request.orgId}`.execute(db);
    orgName = found.rows[0]?.name ?? null;
  }
  return { kind: 'organizations', orgId: request.orgId ?? null, orgName, organizations: request.scope.size };
}

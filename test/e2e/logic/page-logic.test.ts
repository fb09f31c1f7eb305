/** Instance search and dashboard reading without a browser. */
import { describe, expect, it } from 'vitest';
import { criteriaParams, instanceCriteria, instanceSearchRequest } from '../../../designer/src/pages/instances/instance-search.js';
import { dashboardFigures, figureKind, percent } from '../../../designer/src/pages/dashboards/dashboard-figures.js';
import { containing } from '../../../designer/src/app/like-pattern.js';

describe('instance search', () => {
  it('reads the URL, writes it back, and builds the v2 search (a number is a key or part of a case number)', () => {
    const criteria = instanceCriteria(new URLSearchParams('q=2251799813685254&state=ACTIVE&incidents=1&from=2026-03-01&to=2026-03-02&page=3&size=50&process=p'));
    expect(criteriaParams(criteria).toString()).toBe('q=2251799813685254&process=p&state=ACTIVE&incidents=1&from=2026-03-01&to=2026-03-02&page=3&size=50');
    const request = instanceSearchRequest(criteria);
    expect(request.page).toEqual({ from: 100, limit: 50 });
    expect(request.filter).toMatchObject({
      processDefinitionId: 'p',
      state: 'ACTIVE',
      hasIncident: true,
      $or: [{ processInstanceKey: '2251799813685254' }, { businessKey: { $like: '*2251799813685254*' } }],
    });
    const range = (request.filter as { startDate: { $gte: string; $lt: string } }).startDate;
    expect(Date.parse(range.$lt) - Date.parse(range.$gte)).toBe(2 * 86_400_000);
    expect(instanceSearchRequest(instanceCriteria(new URLSearchParams('q=WG-2026&state=bogus'))).filter).toEqual({ businessKey: { $like: '*WG-2026*' } });
  });

  it('takes what people type literally in $like patterns', () => {
    expect(containing('a*b?c\\')).toBe('*a\\*b\\?c\\\\*');
  });
});

describe('dashboard figures', () => {
  it('reads numbers as figures and series as charts, by shape', () => {
    const read = dashboardFigures({
      processId: 'service-item',
      generatedAt: '2026-03-01T00:00:00Z',
      started: 120,
      onTimeRate: 0.975,
      averageDurationHours: 30.5,
      satisfaction: { label: '回访满意率', value: 98, unit: '%' },
      byState: { ACTIVE: 20, COMPLETED: 100 },
      perDay: [
        { date: '2026-02-27', count: 3 },
        { date: '2026-02-28', count: 5 },
      ],
      byCategory: [
        { label: '环境卫生', value: 40 },
        { label: '治安', value: 12 },
      ],
      note: 'ignored',
    });
    expect(read.generatedAt).toBe('2026-03-01T00:00:00Z');
    expect(read.figures.map((f) => [f.label, f.value, f.kind])).toEqual([
      ['Started', 120, 'count'],
      ['On time rate', 0.975, 'rate'],
      ['Average duration hours', 30.5, 'duration'],
      ['回访满意率', 98, 'rate'],
    ]);
    expect(read.charts.map((c) => [c.key, c.kind, c.points.length])).toEqual([
      ['byState', 'bar', 2],
      ['perDay', 'line', 2],
      ['byCategory', 'bar', 2],
    ]);
    expect(percent(0.975)).toBe(97.5);
    expect(percent(98)).toBe(98);
    expect(figureKind('overdue', 3)).toBe('count');
  });

  it('reads a list of self-describing figures and nested groups, and nothing from nonsense', () => {
    const read = dashboardFigures({ figures: [{ id: 'open', label: '在办', value: 7 }, { id: 'trend', label: '趋势', series: [{ date: '2026-01', value: 1 }] }], volumes: { intake: { total: 4 } } });
    expect(read.figures.map((f) => [f.key, f.label, f.value])).toEqual([
      ['open', '在办', 7],
      ['volumes.intake', 'Intake', 4],
    ]);
    expect(read.charts.map((c) => [c.key, c.label, c.kind])).toEqual([['trend', '趋势', 'line']]);
    expect(dashboardFigures(null)).toEqual({ figures: [], charts: [] });
    expect(dashboardFigures([1, 2])).toEqual({ figures: [], charts: [] });
  });
});

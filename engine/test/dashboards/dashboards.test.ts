import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { computeDashboard, dashboardFor, DASHBOARD_PROCESS_IDS, type Dashboard } from '../../src/dashboards/index.js';
import type { OrgScope } from '../../src/query/org-scope.js';
import { demoOrganizations } from '../../src/demo/demo-organizations.js';
import { startServer, type RunningServer } from '../../src/server/gongzhi-server.js';
import { readConfig } from '../../src/server/server-config.js';
import { VirtualClock } from '../../src/clock/clock.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';
import { CaseDriver, electionCases, mediationCases, serviceItemCases, whistleCases } from './dashboard-cases.js';

/** The organisations of a subtree of the demo district (what authentication gives a staff member as orgScope). */
function subtree(orgId: string): Set<string> {
  const orgs = demoOrganizations();
  const out = new Set([orgId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of orgs) if (o.parentId && out.has(o.parentId) && !out.has(o.id)) (out.add(o.id), (grew = true));
  }
  return out;
}

type Figures = Record<string, { value: number | null; numerator?: number; denominator?: number }>;
const figures = (d: Dashboard): Figures => Object.fromEntries(d.figures.map((f) => [f.id, { value: f.value, numerator: f.numerator, denominator: f.denominator }]));
const values = (d: Dashboard): Record<string, number | null> => Object.fromEntries(d.figures.map((f) => [f.id, f.value]));
const points = (d: Dashboard, id: string) => d.series.find((s) => s.id === id)!.points.map((p) => [p.label, p.value]);
const rate = (numerator: number, denominator: number) => ({ value: Math.round((numerator / denominator) * 10_000) / 10_000, numerator, denominator });

describe.each(testStores)('process dashboards on $name', (testStore) => {
  let store: Store;
  let now: number;
  const dashboard = (processId: string, scope: OrgScope = 'all') => computeDashboard(store.db, dashboardFor(processId)!, { scope, now });

  beforeAll(async () => {
    store = await testStore.open();
    const driver = await CaseDriver.open(store);
    try {
      await electionCases(driver);
      await whistleCases(driver);
      await serviceItemCases(driver);
      await mediationCases(driver);
      now = driver.now;
    } finally {
      await driver.close();
    }
  }, 300_000);
  afterAll(async () => store?.close());

  it('ran the case sets to the planned moment', () => {
    // Elections end 25 April 09:00; whistle +3 h +14 d; service items +40 d +10 d; mediations +20 d +31 d.
    expect(new Date(now).toISOString()).toBe('2026-08-18T04:00:00.000Z');
  });

  it('便民服务事项办理: volumes, rates, durations and overdue work of cases A–E', async () => {
    const d = await dashboard('service-item');
    expect(values(d)).toMatchObject({ total: 5, active: 1, completed: 4, overdueTasks: 1, overdueCases: 1, awaitingFollowUp: 1, deemedAccepted: 0, notAccepted: 1 });
    const f = figures(d);
    // Accepted A, B, C; on the spot A, B; C decided after its 红灯; C 帮代办.
    expect(f.immediateRate).toEqual(rate(2, 3));
    expect(f.onTimeRate).toEqual(rate(2, 3));
    expect(f.proxyShare).toEqual(rate(1, 3));
    // Visits A 1, B 0, C 2.
    expect(f.oneVisitRate).toEqual(rate(2, 3));
    // Intakes decided A–D; D asked to supplement.
    expect(f.supplementRate).toEqual(rate(1, 4));
    // A and B reached; C's follow-up is past its 2 working days without a call.
    expect(f.followUpRate).toEqual(rate(2, 3));
    expect(f.satisfactionRate).toEqual(rate(1, 2));
    expect(f.complaintRectifiedRate).toEqual(rate(1, 1));
    expect(f.complaintRevisitRate).toEqual(rate(1, 1));
    // Days to decision: A 0, B 0, C 40.
    expect(f.meanDurationDays).toMatchObject({ value: 13.33, denominator: 3 });
    expect(f.p90DurationDays).toMatchObject({ value: 32, denominator: 3 });
    expect(points(d, 'byChannel')).toEqual([['社区窗口', 1], ['街道窗口', 2], ['网上', 2], ['上门', 0], ['网格员代报', 0]]);
    expect(points(d, 'byCommunity')).toEqual([['和平社区', 2], ['兴业社区', 2], ['北辰社区', 1]]);
    expect(points(d, 'byRating')).toEqual([['非常满意', 1], ['满意', 0], ['基本满意', 0], ['不满意', 1], ['非常不满意', 0]]);
    expect(points(d, 'byOutcome').sort()).toEqual([['办理中', 1], ['办结（满意）', 1], ['办结（整改后）', 1], ['清单外事项', 1], ['补正超期', 1]].sort());
    // Biggest first, ties by item code; an item not on the list keeps its code.
    expect(points(d, 'byItem')).toEqual([['养老金领取资格认证（养老金年审）', 2], ['高龄津贴申请', 1], ['HY-001', 1], ['临时救助申请', 1]]);
  });

  it('吹哨报到: events, calls, response, arrival, refusal, on-time, satisfaction and overdue of events W1–W4', async () => {
    const d = await dashboard('whistle-escalation');
    expect(values(d)).toMatchObject({ total: 4, active: 1, completed: 3, overdueTasks: 1, whistles: 1, calls: 2, reworkCases: 0, reworkTotal: 0, reopened: 1, overdueCases: 1, dispatchOverdue: 1 });
    const f = figures(d);
    // Closed W1, W2 (W4 merged); W1 closed in the grid.
    expect(f.inGridRate).toEqual(rate(1, 2));
    expect(f.responseRate).toEqual(rate(2, 2));
    expect(f.arrivalRate).toEqual(rate(1, 1));
    expect(f.refusalRate).toEqual(rate(1, 2));
    expect(f.onTimeRate).toEqual(rate(2, 2));
    expect(f.satisfactionRate).toEqual(rate(2, 2));
    // W1 and W2 were closed the moment they were reported.
    expect(f.meanDurationDays).toMatchObject({ value: 0, denominator: 2 });
    expect(points(d, 'callsByDept')).toEqual([['市场监管', 1], ['综合执法', 1]]);
    expect(points(d, 'deptRanking')).toEqual([['综合执法', 4.5], ['市场监管', 3]]);
    expect(points(d, 'bySource').slice(0, 2)).toEqual([['网格巡查', 1], ['12345', 2]]);
    expect(points(d, 'bySource').find(([label]) => label === '部门移交')).toEqual(['部门移交', 1]);
  });

  it('三调联动: success, on-time, performance, confirmation, transfers and four-party talks of cases M1–M3', async () => {
    const d = await dashboard('three-way-mediation');
    expect(values(d)).toMatchObject({ total: 3, active: 0, completed: 3, overdueTasks: 0, confirmedValid: 1, transferredCases: 1, transfers: 1, repeatDisputes: 0, highRisk: 1, overdueCases: 0 });
    const f = figures(d);
    // Concluded: M1 (agreement), M3 (terminated); M2 refused mediation.
    expect(f.successRate).toEqual(rate(1, 2));
    expect(f.onTimeRate).toEqual(rate(2, 2));
    expect(f.performanceRate).toEqual(rate(1, 1));
    expect(f.confirmationRate).toEqual(rate(1, 1));
    expect(f.fourPartyRate).toEqual(rate(0, 1));
    expect(f.meanDurationDays).toMatchObject({ value: 0, denominator: 2 });
    expect(f.repeatRate).toEqual(rate(0, 1));
    expect(points(d, 'transfersByRoute')).toEqual([['四方会谈 → 人民调解', 1]]);
    expect(points(d, 'byChannel')).toEqual([['人民调解', 2]]);
    expect(points(d, 'byOutcome').sort()).toEqual([['不予调解', 1], ['调解结案', 1], ['调解终止', 1]].sort());
  });

  it('业委会选举: preparation days, participation against 2/3, party share, filing and renewal alerts of Y1–Y3', async () => {
    const d = await dashboard('owners-committee-election');
    expect(values(d)).toMatchObject({
      total: 3,
      active: 2,
      completed: 1,
      renewalsScheduled: 2,
      renewalsDueSoon: 1,
      meanPreparationDays: 16,
      maxPreparationDays: 16,
      preparationOverdue: 0,
      // 400 of 580 m², 4 of 5 owners (the developer's unsold units are one owner).
      meanAreaParticipation: 0.69,
      meanOwnerParticipation: 0.8,
      meanPartyShare: 0.6,
      committeesFormed: 1,
    });
    const f = figures(d);
    expect(f.preparationOnTimeRate).toEqual(rate(1, 1));
    expect(f.quorumRate).toEqual(rate(1, 1));
    expect(f.partyShareReachedRate).toEqual(rate(1, 1));
    expect(f.filingOnTimeRate).toEqual(rate(1, 1));
    // One of the district's 26 communities has a committee.
    expect(f.committeeCoverage).toEqual(rate(1, 26));
    expect(points(d, 'preparationDays')).toEqual([['和园', 16]]);
    expect(points(d, 'byTrigger')).toEqual([['首次成立', 1], ['换届', 2], ['增补', 0]]);
  });

  it("counts only the cases of the caller's organisations: a grid, a community", async () => {
    const grid = subtree('st-hepingli-c01-g1');
    const community = subtree('st-hepingli-c01');
    expect(values(await dashboard('service-item', grid))).toMatchObject({ total: 1, completed: 1, satisfactionRate: 1, immediateRate: 1 });
    expect(values(await dashboard('service-item', community))).toMatchObject({ total: 2, satisfactionRate: 0.5 });
    expect(figures(await dashboard('whistle-escalation', grid)).inGridRate).toEqual(rate(1, 1));
    expect(values(await dashboard('whistle-escalation', community))).toMatchObject({ total: 3, calls: 2 });
    expect(values(await dashboard('three-way-mediation', grid))).toMatchObject({ total: 1, highRisk: 0 });
    // Elections belong to the community: its grids see none, and no community to cover.
    const gridElections = await dashboard('owners-committee-election', grid);
    expect(values(gridElections)).toMatchObject({ total: 0, committeeCoverage: null });
    expect(figures(await dashboard('owners-committee-election', community)).committeeCoverage).toEqual(rate(1, 1));
    expect(values(await dashboard('service-item', new Set()))).toMatchObject({ total: 0, satisfactionRate: null });
  });

  it('answers the same shape for every process, with labels in both languages', async () => {
    for (const id of DASHBOARD_PROCESS_IDS) {
      const d = await dashboard(id);
      expect(d.processId).toBe(id);
      expect(d.generatedAt).toBe(new Date(now).toISOString());
      expect(d.scope).toEqual({ kind: 'all' });
      for (const f of d.figures) {
        expect(f.label.zh.length * f.label.en.length).toBeGreaterThan(0);
        if (f.unit === 'ratio' && f.value !== null && f.denominator !== undefined && f.numerator !== undefined) expect(f.value).toBeCloseTo(f.numerator / f.denominator, 4);
      }
      expect(new Set(d.figures.map((f) => f.id)).size).toBe(d.figures.length);
      expect(d.series.every((s) => s.points.every((p) => typeof p.key === 'string' && Number.isFinite(p.value)))).toBe(true);
    }
  });

  describe('GET /v2/dashboards/{processId}', () => {
    let server: RunningServer;
    const login = async (username: string, password: string) => {
      const response = await fetch(`${server.url}/v2/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      return `Bearer ${((await response.json()) as { token: string }).token}`;
    };
    const get = (path: string, authorization?: string) => fetch(`${server.url}${path}`, { headers: authorization ? { authorization } : {} });

    beforeAll(async () => {
      const repo = fileURLToPath(new URL('../../../', import.meta.url));
      server = await startServer(
        { ...readConfig({}), port: 0, host: '127.0.0.1', adminPassword: 'Dashboards-Admin-2026', demo: false, processesDir: `${repo}processes`, formsDir: `${repo}forms`, staticDir: `${repo}no-such-build`, workers: false },
        { store, clock: new VirtualClock(now), log: () => {} },
      );
      await server.services.identity.users.create({ username: 'grid-staff', password: 'Grid-Staff-2026', roles: ['staff'], orgId: 'st-hepingli-c01-g1', groups: ['grid-worker'] });
    }, 120_000);
    afterAll(async () => server?.close(), 60_000);

    it("gives a grid's staff the figures of their grid and the admin those of all", async () => {
      const staff = await get('/v2/dashboards/service-item', await login('grid-staff', 'Grid-Staff-2026'));
      expect(staff.status).toBe(200);
      const mine = (await staff.json()) as Dashboard;
      expect(mine.scope).toEqual({ kind: 'organizations', orgId: 'st-hepingli-c01-g1', orgName: '和平社区第1网格', organizations: 1 });
      expect(values(mine)).toMatchObject({ total: 1, completed: 1 });
      const all = (await (await get('/v2/dashboards/service-item', await login('admin', 'Dashboards-Admin-2026'))).json()) as Dashboard;
      expect(values(all)).toMatchObject({ total: 5, active: 1 });
      expect(all.generatedAt).toBe(new Date(now).toISOString());
    });

    it('answers 404 for a process without a dashboard and 401 without credentials', async () => {
      const admin = await login('admin', 'Dashboards-Admin-2026');
      const unknown = await get('/v2/dashboards/no-such-process', admin);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await unknown.json()) as { detail: string }).detail).toContain("'no-such-process' has no dashboard");
      expect((await get('/v2/dashboards/service-item')).status).toBe(401);
      expect((await get('/v2/dashboards/bad%20id', admin)).status).toBe(400);
    });
  });
});

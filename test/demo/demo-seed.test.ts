/**
 * The demo seed: cases of the four processes driven through the engine over six months up to "now", every form
 * accepting what the demo people submit, the seeds' headline figures on the dashboards, cases at every stage, and
 * a second run that does nothing (a third, asked to add, adds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { resourceFiles } from '../../engine/src/server/resource-files.js';
import { seedDemoCases, type DemoCaseResult } from '../../engine/src/demo/demo-cases.js';
import { demoOrganizations } from '../../engine/src/demo/demo-organizations.js';
import { DEMO_PROFILE } from '../../engine/src/demo/demo-profile.js';
import { computeDashboard, dashboardFor, DASHBOARD_PROCESS_IDS, type Dashboard } from '../../engine/src/dashboards/index.js';
import type { Store } from '../../engine/src/store/store.js';
import { testStores } from '../../engine/test/support/test-stores.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const resources = resourceFiles(`${repo}processes`, `${repo}forms`);
/** "Now" of the seeded history: Friday 20 November 2026, 14:00 China time. */
const NOW = Date.parse('2026-11-20T14:00:00+08:00');
const CASES = 60;

const figure = (d: Dashboard, id: string) => {
  const found = d.figures.find((f) => f.id === id);
  if (!found) throw new Error(`no figure ${id}`);
  return found;
};

describe.each(testStores)('demo seed on $name', (testStore) => {
  let store: Store;
  let seeded: DemoCaseResult;
  const dashboard = (processId: string) => computeDashboard(store.db, dashboardFor(processId)!, { scope: 'all', now: NOW });
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(store.db)).rows[0].n);

  beforeAll(async () => {
    store = await testStore.open();
    for (const org of demoOrganizations()) {
      await sql`INSERT INTO organizations (id, name, kind, parent_id, created_at) VALUES (${org.id}, ${org.name}, ${org.kind}, ${org.parentId ?? null}, 0)`.execute(store.db);
    }
    seeded = await seedDemoCases({ store, resources, cases: CASES, now: NOW });
  }, 600_000);
  afterAll(async () => store?.close());

  it('drives every case to plan: each form accepted each submission, no incident', () => {
    expect(seeded.seeded).toBe(true);
    expect(seeded.report!.problems).toEqual([]);
    expect(Object.values(seeded.report!.cases).reduce((a, b) => a + b, 0)).toBe(CASES);
    expect(seeded.until).toBe(NOW);
    expect(NOW - seeded.from!).toBe(DEMO_PROFILE.historyDays * 86_400_000);
  });

  it('spreads the cases over the four processes, the history and the district', async () => {
    const byProcess = await sql<{ id: string; n: number }>`SELECT bpmn_process_id AS id, count(*)::int AS n FROM process_instance_view GROUP BY 1`.execute(store.db);
    const counts = Object.fromEntries(byProcess.rows.map((r) => [r.id, Number(r.n)]));
    for (const [id, share] of Object.entries(DEMO_PROFILE.mix)) expect(Math.abs(counts[id] - share * CASES)).toBeLessThanOrEqual(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM process_instance_view WHERE start_date < ${NOW - 120 * 86_400_000}`)).toBeGreaterThan(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM process_instance_view WHERE start_date < ${NOW - DEMO_PROFILE.historyDays * 86_400_000} OR start_date > ${NOW}`)).toBe(0);
    // Every case is placed in the demo district (a grid, or a community for elections).
    expect(await count(sql`SELECT count(*)::int AS n FROM process_instance_view pi LEFT JOIN organizations o ON o.id = pi.org_id WHERE o.id IS NULL`)).toBe(0);
    expect(await count(sql`SELECT count(DISTINCT org_id)::int AS n FROM process_instance_view`)).toBeGreaterThan(20);
  });

  it('has cases long closed, in progress and overdue', async () => {
    let overdue = 0;
    for (const id of DASHBOARD_PROCESS_IDS) {
      const d = await dashboard(id);
      expect(figure(d, 'total').value).toBeGreaterThan(0);
      expect(figure(d, 'active').value, `${id} in progress`).toBeGreaterThan(0);
      if (id !== 'owners-committee-election') expect(figure(d, 'completed').value, `${id} closed`).toBeGreaterThan(0);
      overdue += (figure(d, 'overdueTasks').value ?? 0) + (figure(d, 'overdueCases').value ?? 0);
    }
    expect(overdue).toBeGreaterThan(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM user_task_view WHERE state = 'CREATED'`)).toBeGreaterThan(5);
  });

  it("reproduces the seeds' headline figures: 回访满意率 98%, 吹哨 按时办结率 100% and 满意率 98%", async () => {
    const service = figure(await dashboard('service-item'), 'satisfactionRate');
    expect(service.denominator).toBeGreaterThan(10);
    expect(Math.abs(service.value! - DEMO_PROFILE.serviceSatisfaction)).toBeLessThanOrEqual(1 / service.denominator!);
    const whistle = await dashboard('whistle-escalation');
    expect(figure(whistle, 'onTimeRate').denominator).toBeGreaterThan(5);
    expect(figure(whistle, 'onTimeRate').value).toBe(DEMO_PROFILE.whistleOnTime);
    const satisfied = figure(whistle, 'satisfactionRate');
    expect(satisfied.value!).toBeGreaterThanOrEqual(DEMO_PROFILE.whistleSatisfaction - 1 / satisfied.denominator!);
  });

  it('leaves nothing due before now and no notification of the past pending', async () => {
    expect(await count(sql`SELECT count(*)::int AS n FROM timers WHERE due_date <= ${NOW}`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM notifications`)).toBeGreaterThan(CASES);
    expect(await count(sql`SELECT count(*)::int AS n FROM incidents WHERE state = 'ACTIVE'`)).toBe(0);
  });

  it('does nothing the second time, and adds cases when asked to', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM process_instance_view`);
    const again = await seedDemoCases({ store, resources, cases: CASES, now: NOW });
    expect(again).toEqual({ seeded: false, reason: 'demo cases were seeded before' });
    expect(await count(sql`SELECT count(*)::int AS n FROM process_instance_view`)).toBe(before);
    const added = await seedDemoCases({ store, resources, cases: 4, now: NOW + 3_600_000, add: true });
    expect(added.seeded).toBe(true);
    expect(added.report!.problems).toEqual([]);
    expect(await count(sql`SELECT count(*)::int AS n FROM process_instance_view`)).toBe(before + 4);
    const marker = await sql<{ value: string }>`SELECT value FROM server_settings WHERE name = 'demo_cases'`.execute(store.db);
    expect(JSON.parse(marker.rows[0].value)).toMatchObject({ cases: before + 4 });
  }, 300_000);

  it('refuses a database whose cases are not demo cases, and skips servers without the four processes', async () => {
    const other = await testStore.open();
    try {
      expect(await seedDemoCases({ store: other, resources: resources.filter((r) => !r.name.startsWith('three-way-mediation')), now: NOW })).toEqual({
        seeded: false,
        reason: 'the resources lack the process three-way-mediation',
      });
      await sql`INSERT INTO process_instance_view (key, process_definition_key, bpmn_process_id, version, state, start_date) VALUES (1, 1, 'service-item', 1, 'ACTIVE', 0)`.execute(other.db);
      expect(await seedDemoCases({ store: other, resources, now: NOW })).toEqual({ seeded: false, reason: 'the database already has 1 case of the four processes' });
      expect((await seedDemoCases({ store: other, resources, now: NOW, add: true, cases: 3 })).seeded).toBe(false);
    } finally {
      await other.close();
    }
  });
});

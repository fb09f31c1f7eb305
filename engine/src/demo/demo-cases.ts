import { sql } from 'kysely';
import type { Identity } from '../identity/index.js';
import type { DeployResource } from '../runtime/runtime-port.js';
import type { Store } from '../store/store.js';
import type { DemoActor, DemoWorld } from './demo-actor.js';
import { DemoDice } from './demo-dice.js';
import { DEMO_PROFILE, type DemoProcessId } from './demo-profile.js';
import { DemoResidents, demoGrids } from './demo-residents.js';
import { runDemo, type DemoArrival, type DemoRunReport } from './demo-run.js';
import { seedDemoStaff } from './demo-staff.js';
import { OfficeHours } from './office-hours.js';
import { onGrid } from './demo-timing.js';
import { serviceItemActor } from './service-item-demo.js';
import { whistleEscalationActor } from './whistle-escalation-demo.js';
import { threeWayMediationActor } from './three-way-mediation-demo.js';
import { ownersCommitteeElectionActor } from './owners-committee-election-demo.js';

/** Cases `npm run demo:seed` makes by default. */
export const DEFAULT_DEMO_CASES = 300;
/**
 * Cases the server seeds on its first start with demo data: as many as `npm run demo:seed`, so that the task list
 * and dashboards look like a district's. Seeding is bound by the engine's batches on virtual time (about three per
 * moment the cases act at, some 1,100 moments for 300 cases): about 50 s of a first start on two busy cores.
 */
export const STARTUP_DEMO_CASES = DEFAULT_DEMO_CASES;
/** The seed of the demo district's history: the same seed and "now" give the same cases. */
export const DEMO_SEED = 20_260_301;
/** Where the store records that demo cases were seeded (table server_settings). */
const MARKER = 'demo_cases';
const DAY = 86_400_000;

export interface DemoCaseOptions {
  /** A migrated store; no engine may run on it meanwhile (the demo runs its own, on virtual time). */
  store: Store;
  /** The product's processes, decisions and forms (processes/ and forms/), deployed if they are not yet. */
  resources: DeployResource[];
  /** How many cases to make (default DEFAULT_DEMO_CASES). */
  cases?: number;
  /** Epoch ms the history ends at: the cases are as they would be now (default: the wall clock). */
  now?: number;
  seed?: number;
  /**
   * Add cases to a database that already has demo cases. Without it, seeding does nothing when the database
   * has any case of the four processes (demo or not); with it, it still refuses a database with cases that are
   * not demo cases.
   */
  add?: boolean;
  log?: (line: string) => void;
  /** With it, the staff who work the demo cases (DEMO_STAFF) are created too, when cases are seeded. */
  identity?: Identity;
}

export interface DemoCaseResult {
  seeded: boolean;
  /** Why nothing was seeded. */
  reason?: string;
  report?: DemoRunReport;
  /** Usernames of the case workers created (with `identity`). */
  staff?: string[];
  /** Epoch ms the history covers. */
  from?: number;
  until?: number;
}

const ACTORS: Record<DemoProcessId, () => DemoActor<any>> = {
  'service-item': serviceItemActor,
  'whistle-escalation': whistleEscalationActor,
  'three-way-mediation': threeWayMediationActor,
  'owners-committee-election': ownersCommitteeElectionActor,
};

/**
 * Seeds demo cases for the quick start: a few hundred cases of the four processes, spread over the demo
 * district's grids and the last six months, driven through the real engine on a virtual clock (timers, deadlines,
 * case numbers and notifications are real), ending at "now" — some long closed, some in progress at every
 * stage, some overdue. The virtual clock stops at "now", so every timer left is still in the future when the
 * server starts on the wall clock (only those falling due while it starts up fire then, as after any restart).
 * Notifications of the simulated past are marked sent: no gateway should deliver them. Idempotent: nothing is
 * done when demo (or any) cases exist, unless `add` is given.
 */
export async function seedDemoCases(options: DemoCaseOptions): Promise<DemoCaseResult> {
  const count = options.cases ?? DEFAULT_DEMO_CASES;
  if (!Number.isSafeInteger(count) || count < 1 || count > 100_000) throw new Error(`the number of demo cases must be a whole number from 1 to 100000, not ${count}`);
  const db = options.store.db;
  const processIds = Object.keys(ACTORS);
  const deployable = processesIn(options.resources, processIds);
  if (deployable.length < processIds.length) {
    const missing = processIds.filter((id) => !deployable.includes(id));
    return { seeded: false, reason: `the resources lack the process${missing.length > 1 ? 'es' : ''} ${missing.join(', ')}` };
  }
  const marker = await sql<{ value: string }>`SELECT value FROM server_settings WHERE name = ${MARKER}`.execute(db);
  const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM process_instance_view WHERE bpmn_process_id = ANY(${processIds}::text[])`.execute(db);
  const hasMarker = marker.rows.length > 0;
  const cases = Number(existing.rows[0].n);
  if (!options.add && (hasMarker || cases > 0)) {
    return { seeded: false, reason: hasMarker ? 'demo cases were seeded before' : `the database already has ${casesText(cases)} of the four processes` };
  }
  if (options.add && cases > 0 && !hasMarker) {
    return { seeded: false, reason: `the database has ${casesText(cases)} that are not demo cases; demo cases are only added to a demo database` };
  }

  const end = options.now ?? Date.now();
  const start = end - DEMO_PROFILE.historyDays * DAY;
  // Cases added later draw a history of their own, not a copy of the first one.
  const seed = (options.seed ?? DEMO_SEED) + (hasMarker ? cases : 0);
  const office = new OfficeHours();
  const grids = demoGrids();
  const actors = (Object.entries(ACTORS) as Array<[DemoProcessId, () => DemoActor<any>]>).map(([id, make], i) => {
    const dice = new DemoDice(seed + 7919 * (i + 1));
    const world: DemoWorld = { dice, office, residents: new DemoResidents(dice, end), grids, start, end };
    return { id, actor: make(), world };
  });
  const arrivals = arrivalsOf(actors, count, new DemoDice(seed), start, end, office);

  const staff = options.identity ? (await seedDemoStaff(options.identity)).map((u) => u.username) : [];
  const report = await runDemo({ store: options.store, resources: options.resources, actors, arrivals, start, end, log: options.log });

  await sql`UPDATE notifications SET status = 'sent' WHERE status = 'pending' AND created_at <= ${end}
    AND process_instance_key IN (SELECT key FROM process_instance_view WHERE bpmn_process_id = ANY(${processIds}::text[]))`.execute(db);
  const total = (hasMarker ? (JSON.parse(marker.rows[0].value) as { cases?: number }).cases ?? 0 : 0) + Object.values(report.cases).reduce((a, b) => a + b, 0);
  const value = JSON.stringify({ seededAt: new Date(end).toISOString(), cases: total, seed: options.seed ?? DEMO_SEED });
  await sql`INSERT INTO server_settings (name, value) VALUES (${MARKER}, ${value}) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`.execute(db);
  return { seeded: true, report, staff, from: start, until: end };
}

const casesText = (n: number) => `${n} case${n === 1 ? '' : 's'}`;

/**
 * When cases arrive: each process gets its share of `count` over the history, more of them lately (use of the
 * platform grew: the density rises fourfold from the first day to the last), so that the last weeks hold cases
 * in progress at every stage. Office processes arrive at desk sessions, events reported by residents and grid
 * patrols on the half hour between 7:00 and 21:00 any day; the last arrival comes at least two hours before the end.
 */
function arrivalsOf(actors: Array<{ id: DemoProcessId; actor: DemoActor }>, count: number, dice: DemoDice, start: number, end: number, office: OfficeHours): DemoArrival[] {
  const out: DemoArrival[] = [];
  const shares = actors.map(({ id }) => DEMO_PROFILE.mix[id]);
  const totalShare = shares.reduce((a, b) => a + b, 0);
  // Largest remainders, so the shares add up to `count` exactly.
  const exact = shares.map((s) => (s / totalShare) * count);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < count; k++) counts[order[k % order.length].i]++;
  const span = end - 2 * 3_600_000 - start;
  // Density 1 + 3x over x in [0, 1]: its cumulative share is (2x + 3x²) / 5, inverted for evenly spread quantiles.
  const position = (q: number) => (-2 + Math.sqrt(4 + 60 * q)) / 6;
  actors.forEach(({ id, actor }, i) => {
    const n = counts[i];
    for (let j = 0; j < n; j++) {
      let at = start + Math.floor(position((j + dice.next()) / n) * span);
      if (id === 'whistle-escalation') {
        const hour = new Date(at + 8 * 3_600_000).getUTCHours();
        if (hour < 7 || hour >= 21) at += ((7 - hour + 24) % 24) * 3_600_000;
        at = onGrid(at, 30);
      } else {
        // The desk session after the last arrival may lie beyond the end: that case comes in as the office closes.
        const desk = office.desk(at);
        at = desk < end ? desk : at;
      }
      if (at < end) out.push({ actor, at });
    }
  });
  return out;
}

/** The processes the BPMN resources define (a cheap look before starting an engine: servers without them skip the demo). */
function processesIn(resources: DeployResource[], processIds: string[]): string[] {
  const texts = resources.filter((r) => r.name.endsWith('.bpmn')).map((r) => (typeof r.content === 'string' ? r.content : Buffer.from(r.content).toString('utf8')));
  return processIds.filter((id) => texts.some((text) => new RegExp(`<(?:bpmn2?:)?process\\b[^>]*\\bid="${id}"`).test(text)));
}

import type { ExecutableProcess } from '../model/executable-process.js';
import { parseIsoDateTime } from '../timer/index.js';
import type { CaseView } from './case-tracker.js';
import { formatDuration } from './fixed-duration.js';
import type { CycleTimeSummary, DeadlineBreaches, WhatIfReport } from './simulation-report.js';

export const NOT_COMPLETED = '(not completed)';

export interface WhatIfFacts {
  runs: number;
  seed: number;
  cases: readonly CaseView[];
  /** The virtual time the run stopped at: open cases are measured up to it. */
  stoppedAt: number;
  process: ExecutableProcess;
  /** Named cycle-time limits in ms. */
  cycleTimeLimits: Record<string, number>;
}

/** The distributions a what-if run reports: how cases ended, how long they took, which deadlines they broke. */
export function summarizeWhatIf(facts: WhatIfFacts): WhatIfReport {
  const { cases, runs } = facts;
  const share = (n: number): number => round(runs === 0 ? 0 : n / runs);
  const done = cases.filter((c) => c.state !== 'ACTIVE');

  const ends = new Map<string, number>();
  for (const c of cases) {
    const end = c.state === 'ACTIVE' ? NOT_COMPLETED : (c.endEventId ?? `(${c.state.toLowerCase()} without an end event)`);
    ends.set(end, (ends.get(end) ?? 0) + 1);
  }
  const endEvents = [...ends]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([endEvent, count]) => ({ endEvent, cases: count, share: share(count) }));

  const waiting = new Map<string, number>();
  for (const c of cases) {
    if (c.state !== 'ACTIVE') continue;
    for (const id of c.activeElementIds()) waiting.set(id, (waiting.get(id) ?? 0) + 1);
  }
  const waitingAt = [...waiting]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([elementId, count]) => ({ elementId, cases: count }));

  const cycleTimes = done.map((c) => c.endedAt! - c.startedAt).sort((a, b) => a - b);
  const cycleTime: CycleTimeSummary | null =
    cycleTimes.length === 0
      ? null
      : summary(percentile(cycleTimes, 50), percentile(cycleTimes, 90), cycleTimes.reduce((s, t) => s + t, 0) / cycleTimes.length, cycleTimes[cycleTimes.length - 1]);

  const deadlines: DeadlineBreaches[] = [];
  // Due dates of user tasks, as the engine evaluated them per case.
  const dueBreaches = new Map<string, Set<CaseView>>();
  for (const c of cases) {
    for (const job of c.jobs.values()) {
      if (!job.dueDate) continue;
      const due = dueDateMs(job.dueDate);
      if (due === undefined) continue;
      const breaches = dueBreaches.get(job.elementId) ?? new Set();
      dueBreaches.set(job.elementId, breaches);
      if ((job.endedAt ?? facts.stoppedAt) > due) breaches.add(c);
    }
  }
  for (const [id, breached] of [...dueBreaches].sort(([a], [b]) => (a < b ? -1 : 1))) {
    deadlines.push({ id, kind: 'userTaskDueDate', breached: breached.size, share: share(breached.size) });
  }
  // Timers that stand for a deadline: on a boundary, or starting an event sub-process.
  for (const element of facts.process.elements.values()) {
    if (element.eventDefinition?.type !== 'timer') continue;
    const onBoundary = element.kind === 'boundaryEvent';
    const startsEventSubProcess = element.kind === 'startEvent' && facts.process.elements.get(element.flowScopeId)?.kind === 'eventSubProcess';
    if (!onBoundary && !startsEventSubProcess) continue;
    const fired = cases.filter((c) => c.coverage.get(facts.process.bpmnProcessId)?.elements.has(element.id)).length;
    deadlines.push({ id: element.id, kind: 'timer', breached: fired, share: share(fired) });
  }
  for (const [id, limit] of Object.entries(facts.cycleTimeLimits)) {
    const breached = cases.filter((c) => (c.endedAt ?? facts.stoppedAt) - c.startedAt > limit).length;
    deadlines.push({ id, kind: 'cycleTime', breached, share: share(breached) });
  }

  return {
    runs,
    seed: facts.seed,
    completed: done.length,
    notCompleted: cases.length - done.length,
    withIncidents: cases.filter((c) => c.openIncidents.size > 0).length,
    endEvents,
    waitingAt,
    cycleTime,
    deadlines,
  };
}

/** The nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('a percentile of no values');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function summary(p50: number, p90: number, mean: number, max: number): CycleTimeSummary {
  const ms = (value: number) => Math.round(value);
  return {
    p50: formatDuration(p50),
    p90: formatDuration(p90),
    mean: formatDuration(Math.round(mean / 1000) * 1000),
    max: formatDuration(max),
    p50Ms: ms(p50),
    p90Ms: ms(p90),
    meanMs: ms(mean),
    maxMs: ms(max),
  };
}

function dueDateMs(text: string): number | undefined {
  try {
    return parseIsoDateTime(text).epochMs;
  } catch {
    return undefined; // the engine raised no incident for it; a due date we cannot read breaches nothing
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

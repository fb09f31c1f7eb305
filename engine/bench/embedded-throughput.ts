import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/store.js';
import { createEngine } from '../src/runtime/embedded/embedded-engine.js';
import { ZEEBE_PROCESS } from './bench-process.js';
import { percentile, RssSampler } from './measure.js';

export interface ThroughputResult {
  piPerSec: number;
  p50Ms: number;
  p99Ms: number;
  rssMb: number;
}

/**
 * Benchmark A: instances started as fast as the engine takes them, an in-process worker
 * activating and completing their jobs, on PGlite on disk; many instances in flight.
 */
export async function embeddedThroughput(instances: number, inFlight: number): Promise<ThroughputResult> {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-'));
  const store = await openStore({ dataDir: dir });
  const engine = await createEngine({ store });
  const rss = new RssSampler();
  try {
    await engine.deploy([{ name: 'bench.bpmn', content: ZEEBE_PROCESS }]);
    const startedAt = new Map<number, number>();
    const latencies: number[] = [];
    let completed = 0;
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const unsubscribe = engine.subscribe((records) => {
      for (const r of records) {
        if (r.intent !== 'ELEMENT_COMPLETED' || (r.value as any).bpmnElementType !== 'PROCESS') continue;
        const t0 = startedAt.get(r.key);
        if (t0 !== undefined) latencies.push(performance.now() - t0);
        if (++completed === instances) resolveDone();
      }
    });
    let stopWorker = false;
    const worker = (async () => {
      while (!stopWorker) {
        const jobs = await engine.activateJobs({ type: 'bench-work', worker: 'bench', timeout: 60_000, maxJobsToActivate: 200, requestTimeout: 50 });
        await Promise.all(jobs.map((job) => engine.completeJob(job.key, { done: true })));
      }
    })();
    const t0 = performance.now();
    let started = 0;
    const starter = async () => {
      while (started < instances) {
        started++;
        const before = performance.now();
        const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'bench', variables: { n: started } });
        startedAt.set(processInstanceKey, before);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, starter));
    await done;
    const seconds = (performance.now() - t0) / 1000;
    stopWorker = true;
    await worker;
    unsubscribe();
    latencies.sort((a, b) => a - b);
    return { piPerSec: instances / seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), rssMb: rss.stop() };
  } finally {
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/store.js';
import { createEngine } from '../src/runtime/embedded/embedded-engine.js';
import { USER_TASK_PROCESS } from './bench-process.js';
import { median } from './measure.js';

export interface WaitingResult {
  waiting: number;
  waitingRssMb: number;
  /** Of that: the JavaScript heap, and memory outside it (PGlite's WebAssembly memory is most of it). */
  waitingHeapMb: number;
  waitingExternalMb: number;
  /** Median latency of single starts with no instance waiting, and with all of them waiting. */
  startMsEmpty: number;
  startMsLoaded: number;
}

async function startLatency(engine: Awaited<ReturnType<typeof createEngine>>, samples = 50): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await engine.createProcessInstance({ bpmnProcessId: 'waiting', variables: { probe: i } });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Benchmark C: many instances waiting at a user task; memory of the engine process and the cost of one more start. */
export async function waitingInstances(count: number): Promise<WaitingResult> {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-wait-'));
  const store = await openStore({ dataDir: dir });
  const engine = await createEngine({ store });
  try {
    await engine.deploy([{ name: 'waiting.bpmn', content: USER_TASK_PROCESS }]);
    const startMsEmpty = await startLatency(engine);
    let started = 0;
    await Promise.all(
      Array.from({ length: 200 }, async () => {
        while (started < count) {
          started++;
          await engine.createProcessInstance({ bpmnProcessId: 'waiting', variables: { caseNo: `BM-${started}`, applicant: { name: '张三', phone: '13800000000' } } });
        }
      }),
    );
    // Steady state, not the load's peak: two full collections a second apart, then a second for V8's memory
    // reducer to give freed pages back to the system.
    global.gc?.();
    await new Promise((r) => setTimeout(r, 1000));
    global.gc?.();
    await new Promise((r) => setTimeout(r, 1000));
    const memory = process.memoryUsage();
    const mb = (bytes: number) => bytes / (1024 * 1024);
    const startMsLoaded = await startLatency(engine);
    return {
      waiting: count,
      waitingRssMb: mb(memory.rss),
      waitingHeapMb: mb(memory.heapUsed),
      waitingExternalMb: mb(memory.external + memory.arrayBuffers),
      startMsEmpty,
      startMsLoaded,
    };
  } finally {
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Benchmark F: the Zeebe gateway facade. The embedded engine on PGlite on disk behind startZeebeGateway;
 * zeebe-node creates `count` instances of start → service task → end, `inFlight` at a time, and a ZBWorker
 * completes their jobs, all over gRPC. Throughput is instances whose job completion was acknowledged per second.
 *
 * Run alone, it prints one JSON line:  node --import tsx engine/bench/zeebe-gateway-throughput.ts [count] [inFlight]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ZBClient } from 'zeebe-node';
import { openStore } from '../src/store/store.js';
import { createEngine } from '../src/runtime/embedded/embedded-engine.js';
import { startZeebeGateway } from '../src/gateway/zeebe-gateway-server.js';
import { ZEEBE_PROCESS } from './bench-process.js';
import { RssSampler } from './measure.js';

export interface GatewayThroughputResult {
  gatewayPiPerSec: number;
  gatewayRssMb: number;
}

export async function gatewayThroughput(instances: number, inFlight: number): Promise<GatewayThroughputResult> {
  if (!Number.isInteger(instances) || instances < 1) throw new Error(`instances must be a positive whole number, got ${instances}`);
  if (!Number.isInteger(inFlight) || inFlight < 1) throw new Error(`inFlight must be a positive whole number, got ${inFlight}`);
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-gateway-'));
  const store = await openStore({ dataDir: join(dir, 'data') });
  const engine = await createEngine({ store });
  const gateway = await startZeebeGateway({ engine, store, port: 0, host: '127.0.0.1' });
  // retry stays on: RESOURCE_EXHAUSTED is retried as zeebe-node does against a real cluster.
  const zbc = new ZBClient(`127.0.0.1:${gateway.port}`, { loglevel: 'NONE', useTLS: false });
  const rss = new RssSampler();
  try {
    await zbc.deployResource({ name: 'bench.bpmn', process: Buffer.from(ZEEBE_PROCESS) });
    let completed = 0;
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const worker = zbc.createWorker({
      taskType: 'bench-work',
      maxJobsToActivate: 200,
      timeout: 300_000,
      loglevel: 'NONE',
      taskHandler: async (job) => {
        const ack = await job.complete({ done: true });
        if (++completed === instances) resolveDone();
        return ack;
      },
    });
    const t0 = performance.now();
    let started = 0;
    const starter = async () => {
      while (started < instances) {
        started++;
        await zbc.createProcessInstance({ bpmnProcessId: 'bench', variables: { n: started } });
      }
    };
    await Promise.all(Array.from({ length: inFlight }, starter));
    await done;
    const seconds = (performance.now() - t0) / 1000;
    await worker.close();
    return { gatewayPiPerSec: instances / seconds, gatewayRssMb: rss.stop() };
  } finally {
    rss.stop();
    await zbc.close();
    await gateway.close();
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [count = '2000', inFlight = '100'] = process.argv.slice(2);
  const result = await gatewayThroughput(Number(count), Number(inFlight));
  console.log(JSON.stringify(result));
  // zeebe-node's channels may keep timers alive after close.
  process.exit(0);
}

import { Engine } from 'bpmn-engine';
import { PLAIN_PROCESS } from './bench-process.js';

/** Benchmark B: the same process on bpmn-engine, in memory, the same number in flight. */
export async function bpmnEngineThroughput(instances: number, inFlight: number): Promise<number> {
  let started = 0;
  const t0 = performance.now();
  const runOne = async (n: number) => {
    const engine = new Engine({
      name: `bench-${n}`,
      source: PLAIN_PROCESS,
      services: { work: (_scope: unknown, callback: (err: unknown, result?: unknown) => void) => setImmediate(() => callback(null, { done: true })) },
    });
    const end = engine.waitFor('end');
    await engine.execute({ variables: { n } });
    await end;
  };
  const starter = async () => {
    while (started < instances) await runOne(++started);
  };
  await Promise.all(Array.from({ length: inFlight }, starter));
  return instances / ((performance.now() - t0) / 1000);
}

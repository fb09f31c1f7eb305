import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../engine/src/store/store.js';
import { createEngine } from '../../engine/src/runtime/embedded/embedded-engine.js';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** Runs the child until it acknowledged `starts` instances (some past their timer, some jobs held), then SIGKILLs it. */
function runAndKill(dataDir: string, starts: number): Promise<{ started: number[]; activated: number[] }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started: number[] = [];
    const activated: number[] = [];
    let buffer = '';
    let killed = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [what, key] = line.split(' ');
        if (what === 'started') started.push(Number(key));
        if (what === 'activated') activated.push(Number(key));
      }
      // Kill mid-load: enough instances acknowledged, and the dead worker holds some jobs.
      if (!killed && started.length >= starts && activated.length > 0) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    proc.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve({ started, activated }) : reject(new Error(`child exited by itself (${signal ?? _code})`))));
  });
}

describe('crash safety on PGlite', () => {
  it('a SIGKILLed engine loses nothing acknowledged, fires no timer twice, and gets back the dead worker’s jobs', { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-crash-'));
    try {
      const { started, activated } = await runAndKill(dataDir, 300);
      expect(started.length).toBeGreaterThanOrEqual(300);
      expect(activated.length).toBeGreaterThan(0);

      const store = await openStore({ dataDir });
      const engine = await createEngine({ store, pollInterval: 100 });
      try {
        const rows = async <T>(sql: string, params: unknown[] = []) => (await store.db.executeQuery<T>(CompiledQuery.raw(sql, params))).rows;
        const known = new Set((await rows<{ key: number }>('SELECT key FROM process_instance_view')).map((r) => r.key));
        for (const key of started) expect(known.has(key), `acknowledged instance ${key}`).toBe(true);

        // Every timer fires after the restart (they were 1 s long), and none fires twice.
        for (let i = 0; i < 100; i++) {
          const [{ n }] = await rows<{ n: number }>('SELECT count(*)::int AS n FROM timers');
          if (n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect((await rows<{ n: number }>('SELECT count(*)::int AS n FROM timers'))[0].n).toBe(0);
        const triggered = (await engine.records()).filter((r) => r.valueType === 'TIMER' && r.intent === 'TRIGGERED').map((r) => r.key);
        expect(new Set(triggered).size).toBe(triggered.length);
        const instances = known.size;
        expect(triggered.length).toBe(instances);

        // One job per instance, never two; the dead worker's jobs come back once their 3 s lock ran out.
        const jobs = await rows<{ element_instance_key: number; n: number }>(
          'SELECT element_instance_key, count(*)::int AS n FROM jobs GROUP BY element_instance_key',
        );
        expect(jobs.length).toBe(instances);
        expect(jobs.every((j) => j.n === 1)).toBe(true);
        await new Promise((r) => setTimeout(r, 3200));
        const available = new Set<number>();
        for (let i = 0; i < 20 && available.size < instances; i++) {
          for (const job of await engine.activateJobs({ type: 'crash-work', worker: 'survivor', timeout: 60_000, maxJobsToActivate: 1000, requestTimeout: 200 })) {
            available.add(job.key);
          }
        }
        expect(available.size).toBe(instances);
        for (const key of activated) expect(available.has(key), `job ${key} held by the dead worker`).toBe(true);
      } finally {
        await engine.close();
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

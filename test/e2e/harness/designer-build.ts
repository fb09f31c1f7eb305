import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const designerDir = join(repoRoot, 'designer');
export const designerDist = join(designerDir, 'dist');

// Outside the clone, so that an interrupted run leaves nothing for git to see.
const LOCK = join(tmpdir(), `gongzhi-designer-build-${createHash('sha256').update(designerDir).digest('hex').slice(0, 12)}.lock`);
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time under the designer's sources and build inputs. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of ['src', 'public', 'index.html', 'vite.config.ts', 'package.json']) {
    const path = join(designerDir, entry);
    if (existsSync(path)) visit(path);
  }
  return newest;
}

function isFresh(): boolean {
  const index = join(designerDist, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The browser tests drive the built designer, as `npm start` serves it. Builds it when there is no build or the
 * sources are newer; test files run in parallel workers, so one builds under a lock while the others wait.
 */
export async function ensureDesignerBuilt(): Promise<string> {
  for (;;) {
    if (isFresh()) return designerDist;
    try {
      mkdirSync(LOCK);
    } catch {
      // Someone else is building; a lock left by a killed run is taken over after a while.
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(1000);
      continue;
    }
    try {
      if (!isFresh()) {
        // vitest sets NODE_ENV=test, which would give a development build of React and antd.
        execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: designerDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
      }
      return designerDist;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

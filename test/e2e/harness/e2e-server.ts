import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../engine/src/server/gongzhi-server.js';
import { openStore } from '../../../engine/src/store/store.js';
import { DEMO_PASSWORD } from '../../../engine/src/demo/demo-organizations.js';
import { ensureDesignerBuilt } from './designer-build.js';

export { DEMO_PASSWORD };
export const ADMIN_PASSWORD = 'E2e-Admin-Gongzhi-2026';

export interface E2eServer {
  url: string;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * A real Gongzhi server for browser tests: a fresh PGlite (in memory), demo organisations and users, the built
 * designer as its static files, an ephemeral port. No product processes are deployed (empty folders), so each test
 * deploys exactly what it drives; `withProductResources` deploys processes/ and forms/ as npm start does.
 */
export async function startE2eServer(options: { withProductResources?: boolean } = {}): Promise<E2eServer> {
  const staticDir = await ensureDesignerBuilt();
  // In memory: a data directory's first open runs initdb in a child process, which needs the built engine.
  const store = await openStore({ memory: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-e2e-data-'));
  const empty = mkdtempSync(join(tmpdir(), 'gongzhi-e2e-empty-'));
  const repo = new URL('../../../', import.meta.url).pathname;
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminPassword: ADMIN_PASSWORD,
      demo: true,
      production: false,
      processesDir: options.withProductResources ? join(repo, 'processes') : empty,
      formsDir: options.withProductResources ? join(repo, 'forms') : empty,
      staticDir,
      workers: true,
    },
    { log: () => {}, store },
  );
  return {
    url: server.url,
    server,
    async close() {
      await server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    },
  };
}

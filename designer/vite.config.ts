import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev`: Vite with hot reload forwards /v2 and /api to the API on GONGZHI_API_PORT (3000 by default).
const apiPort = Number(process.env.GONGZHI_API_PORT ?? 3000);
const api = { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false };
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * In dev, starts the engine's server from its sources (restarting on change) unless one already answers on the API
 * port — so `npm run dev` alone gives a working designer. GONGZHI_DEV_API=0 never starts one.
 */
function devApi(): Plugin {
  let child: ChildProcess | undefined;
  return {
    name: 'gongzhi-dev-api',
    apply: 'serve',
    async configureServer() {
      if (process.env.GONGZHI_DEV_API === '0' || (await portAnswers(apiPort))) return;
      child = spawn(process.execPath, ['--import', 'tsx', '--watch', 'engine/src/server/main.ts'], {
        cwd: repoRoot,
        env: { ...process.env, PORT: String(apiPort) },
        stdio: 'inherit',
      });
      const stop = () => child?.kill('SIGTERM');
      process.once('exit', stop);
      process.once('SIGINT', () => (stop(), process.exit(130)));
      process.once('SIGTERM', () => (stop(), process.exit(143)));
    },
    buildEnd() {
      child?.kill('SIGTERM');
    },
  };
}

export default defineConfig({
  plugins: [react(), devApi()],
  // Served by the engine from /, so absolute asset paths work for deep links such as /tasks/123.
  base: '/',
  server: {
    port: Number(process.env.GONGZHI_DEV_PORT ?? 5173),
    proxy: { '/v2': api, '/api': api, '/healthz': api, '/readyz': api },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bpmn-js, dmn-js and antd are large by nature; the pages load them lazily.
    chunkSizeWarningLimit: 2500,
  },
});

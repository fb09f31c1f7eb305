import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev`: the API runs separately (npm start, or PORT=… npm start) and Vite forwards to it.
const apiPort = Number(process.env.GONGZHI_API_PORT ?? 3000);
const api = { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false };

export default defineConfig({
  plugins: [react()],
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

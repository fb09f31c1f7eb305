import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: a PGlite start or a browser can take long on a loaded 2-core machine; speed is the benchmark's business.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite instances are heavy; two workers match the 2-core machines.
    maxWorkers: 2,
  },
});

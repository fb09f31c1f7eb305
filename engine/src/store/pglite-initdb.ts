/**
 * Creates a PGlite cluster in a new data directory, then exits. Run as a child process by
 * pglite-instance.ts so that initdb's memory growth stays out of the engine's process.
 */
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: pglite-initdb <data directory>');
  process.exit(2);
}
const pglite = await PGlite.create({ dataDir });
await pglite.close();
process.exit(0);

/**
 * `npm run demo:seed -- [--cases N] [--seed N]`: seeds the demo district into the store the server uses
 * (GONGZHI_DATA_DIR, default ./data, or DATABASE_URL): organisations, users for every role and a few hundred
 * cases of the four processes over the last six months. Without --cases it does nothing when the database has
 * cases; --cases N adds N cases to a demo database. Run it while the server is stopped: it drives the cases with an
 * engine of its own. Exit status: 0 done (or nothing to do), 1 the demo ran into problems, 2 bad usage.
 */
import { randomBytes } from 'node:crypto';
import { createIdentity } from '../src/identity/index.js';
import { openStore } from '../src/store/store.js';
import { readConfig, ConfigError } from '../src/server/server-config.js';
import { resourceFiles } from '../src/server/resource-files.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoOrganizations } from '../src/demo/demo-organizations.js';
import { DEFAULT_DEMO_CASES, seedDemoCases } from '../src/demo/demo-cases.js';
import { DEMO_STAFF } from '../src/demo/demo-staff.js';

const usage = `Usage: npm run demo:seed -- [--cases N] [--seed N]
  --cases N   add N demo cases (default: ${DEFAULT_DEMO_CASES} cases, only into a database without cases)
  --seed N    the random seed of the demo history (same seed and day, same cases)
Uses GONGZHI_DATA_DIR (default ./data) or DATABASE_URL, like npm start. Stop the server first.`;

function option(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const text = args[i + 1];
  if (text === undefined || !/^\d+$/.test(text)) throw new UsageError(`${name} needs a whole number, but got ${text === undefined ? 'nothing' : `'${text}'`}`);
  return Number(text);
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const known = new Set(['--cases', '--seed']);
  const unknown = args.filter((a, i) => a.startsWith('-') && !known.has(a) && !known.has(args[i - 1] ?? ''));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(', ')}`);
  const cases = option(args, '--cases');
  const seed = option(args, '--seed');
  if (cases !== undefined && (cases < 1 || cases > 100_000)) throw new UsageError('--cases must be from 1 to 100000');

  const config = readConfig();
  if (config.production) throw new UsageError('demo data is never seeded with NODE_ENV=production');
  const store = await openStore(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    // Organisations and users do not sign tokens here; the secret is only needed to build the identity module.
    const identity = createIdentity({ db: store.db, jwtSecret: randomBytes(48).toString('base64url') });
    const created = await seedDemoOrganizations(identity);
    if (created.length > 0) console.log(`demo organisations and users seeded; log in as ${DEMO_USERS.map((u) => u.username).join(', ')} (and the case workers ${DEMO_STAFF.map((u) => u.username).join(', ')}) with the password ${DEMO_PASSWORD}`);
    const started = Date.now();
    const result = await seedDemoCases({
      store,
      resources: resourceFiles(config.processesDir, config.formsDir),
      cases: cases ?? DEFAULT_DEMO_CASES,
      add: cases !== undefined,
      seed,
      identity,
      log: (line) => console.log(line),
    });
    if (!result.seeded) {
      console.log(`no demo cases seeded: ${result.reason}`);
      return 0;
    }
    const report = result.report!;
    const counts = Object.entries(report.cases).map(([id, n]) => `${n} ${id}`).join(', ');
    console.log(`demo cases seeded in ${Math.round((Date.now() - started) / 1000)} s: ${counts}; ${report.tasksCompleted} tasks completed, ${report.messagesPublished} messages`);
    for (const problem of report.problems) console.error(`problem: ${problem}`);
    return report.problems.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(`${error.message}\n${usage}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}

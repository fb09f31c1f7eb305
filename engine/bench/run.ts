/**
 * `npm run bench [-- --json] [-- --quick]`: the engine's benchmarks, each case in its own process.
 * Figures, not a test: they are printed, and the README records what was measured.
 */
import { execFileSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { median, round } from './measure.js';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
const caseScript = fileURLToPath(new URL('./bench-case.ts', import.meta.url));
const httpScript = fileURLToPath(new URL('./http-throughput.ts', import.meta.url));
const whatIfScript = fileURLToPath(new URL('./what-if.ts', import.meta.url));
const gatewayScript = fileURLToPath(new URL('./zeebe-gateway-throughput.ts', import.meta.url));

function runCase(...caseArgs: string[]): Record<string, number> {
  return runScript(caseScript, ...caseArgs);
}

const bundles = new Map<string, string>();

/**
 * The script bundled to plain JavaScript, as the product runs (`npm start` runs compiled code): under tsx a
 * process carries its loader thread and transpile caches, ~60 MB of RSS that is not the engine's. The bundle
 * sits beside the sources so that its imports of packages resolve to the project's node_modules.
 */
function compiled(script: string): string {
  let bundle = bundles.get(script);
  if (!bundle) {
    bundle = join(dirname(script), '.bundle', `${basename(script, '.ts')}.mjs`);
    buildSync({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: bundle, logLevel: 'error' });
    bundles.set(script, bundle);
  }
  return bundle;
}

/**
 * The V8 flags `npm start` gives the server (package.json): a young generation of 32 MB semi-spaces, where a request's
 * short-lived objects die without being copied; with V8's default the collector took ~6–7 % of the server's thread.
 * The cases that run the server run with them.
 */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/** A benchmark script in a process of its own; its last output line is its JSON result. */
function runScript(script: string, ...scriptArgs: string[]): Record<string, number> {
  return runScriptWith([], script, ...scriptArgs);
}

function runServerScript(script: string, ...scriptArgs: string[]): Record<string, number> {
  return runScriptWith(SERVER_NODE_FLAGS, script, ...scriptArgs);
}

function runScriptWith(nodeFlags: string[], script: string, ...scriptArgs: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, ['--expose-gc', ...nodeFlags, compiled(script), ...scriptArgs], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

const log = (line: string) => {
  if (!json) console.log(line);
  else console.error(line);
};

const runs = quick ? 1 : 3;
const instances = quick ? 2000 : 10_000;
log(`A: start → service task → end on PGlite on disk, ${instances} instances, 200 in flight, ${runs} run(s)`);
const embedded = Array.from({ length: runs }, (_, i) => {
  const r = runCase('embedded', String(instances), '200');
  log(`   run ${i + 1}: ${round(r.piPerSec)} PI/s, p50 ${round(r.p50Ms)} ms, p99 ${round(r.p99Ms)} ms, peak RSS ${round(r.rssMb)} MB`);
  return r;
});
const a = {
  piPerSec: median(embedded.map((r) => r.piPerSec)),
  p50Ms: median(embedded.map((r) => r.p50Ms)),
  p99Ms: median(embedded.map((r) => r.p99Ms)),
  rssMb: Math.max(...embedded.map((r) => r.rssMb)),
};

const beInstances = quick ? 500 : 2000;
log(`B: the same process on bpmn-engine in memory, ${beInstances} instances, 200 in flight`);
const bpmnEngine = median(Array.from({ length: runs }, () => runCase('bpmn-engine', String(beInstances), '200').piPerSec));
log(`   ${round(bpmnEngine)} PI/s`);

const waitingCount = quick ? 10_000 : 100_000;
log(`C: ${waitingCount} instances waiting at a user task`);
const c = runCase('waiting', String(waitingCount));
log(`   RSS ${round(c.waitingRssMb)} MB (JS heap ${round(c.waitingHeapMb)} MB, outside it ${round(c.waitingExternalMb)} MB); one more start: ${round(c.startMsEmpty, 2)} ms with none waiting, ${round(c.startMsLoaded, 2)} ms with all waiting`);

const httpCount = quick ? 1000 : 5000;
const httpInFlight = 200;
log(`D: over HTTP on PGlite on disk: ${httpCount} instances started over REST, ${httpInFlight} in flight, their jobs activated and completed over REST by an external worker, ${runs} run(s)`);
const httpRuns = Array.from({ length: runs }, (_, i) => {
  const r = runServerScript(httpScript, String(httpCount), String(httpInFlight));
  log(`   run ${i + 1}: ${round(r.httpPiPerSec)} PI/s, p50 ${round(r.httpP50Ms)} ms, p99 ${round(r.httpP99Ms)} ms, server CPU ${round(r.httpServerCpuMsPerInstance, 2)} ms/instance, peak RSS ${round(r.httpRssMb)} MB`);
  return r;
});

const whatIfCases = quick ? 200 : 1000;
log(`E: a what-if simulation of ${whatIfCases} service-item cases on one in-memory store with virtual time (opening the store included)`);
const e = runScript(whatIfScript, String(whatIfCases), '--json');
log(`   ${round(e.whatIfCasesPerSec)} cases/s, ${round(e.whatIfSeconds, 1)} s`);

const gatewayCount = quick ? 500 : 2000;
const gatewayInFlight = 100;
log(`F: through the Zeebe gateway facade on PGlite on disk: ${gatewayCount} instances created by zeebe-node, ${gatewayInFlight} in flight, their jobs completed by a ZBWorker over gRPC, ${runs} run(s)`);
const gatewayRuns = Array.from({ length: runs }, (_, i) => {
  const r = runServerScript(gatewayScript, String(gatewayCount), String(gatewayInFlight));
  log(`   run ${i + 1}: ${round(r.gatewayPiPerSec)} PI/s (in process, A: ${round(a.piPerSec)} PI/s), peak RSS ${round(r.gatewayRssMb)} MB`);
  return r;
});

const summary = {
  piPerSec: round(a.piPerSec),
  p50Ms: round(a.p50Ms, 2),
  p99Ms: round(a.p99Ms, 2),
  rssMb: round(a.rssMb),
  bpmnEnginePiPerSec: round(bpmnEngine),
  ratio: round(a.piPerSec / bpmnEngine, 2),
  waitingRssMb: round(c.waitingRssMb),
  startMsEmpty: round(c.startMsEmpty, 2),
  startMsLoaded: round(c.startMsLoaded, 2),
  httpPiPerSec: round(median(httpRuns.map((r) => r.httpPiPerSec))),
  httpP99Ms: round(median(httpRuns.map((r) => r.httpP99Ms)), 2),
  httpServerCpuMsPerInstance: round(median(httpRuns.map((r) => r.httpServerCpuMsPerInstance)), 2),
  whatIfCasesPerSec: round(e.whatIfCasesPerSec),
  gatewayPiPerSec: round(median(gatewayRuns.map((r) => r.gatewayPiPerSec))),
};
log(`A ${summary.piPerSec} PI/s (median), p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, RSS ${summary.rssMb} MB; B ${summary.bpmnEnginePiPerSec} PI/s; ratio ${summary.ratio}; C ${summary.waitingRssMb} MB; D ${summary.httpPiPerSec} PI/s over HTTP, p99 ${summary.httpP99Ms} ms; E ${summary.whatIfCasesPerSec} what-if cases/s; F ${summary.gatewayPiPerSec} PI/s through the Zeebe gateway (A in process: ${summary.piPerSec})`);
if (json) console.log(JSON.stringify(summary));

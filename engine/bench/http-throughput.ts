/**
 * Benchmark D, the HTTP case: the real server on PGlite on disk; instances started over REST and their
 * jobs activated and completed over REST by an external worker loop (node:http, keep-alive), `inFlight` starts at a
 * time. Latency per instance: from sending its creation to the acknowledgement of its job's completion (the
 * process is start → service task → end, so that is when the instance ends).
 *
 * The client — starters and worker — runs in a process of its own, as an integrator's would: in the server's
 * process its HTTP client work (about as much CPU as the server's own request handling) ran on the server's
 * one thread and was counted against the server.
 *
 * Run alone, it prints one JSON line:  node --import tsx engine/bench/http-throughput.ts [count] [inFlight]
 */
import { fork } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../src/server/gongzhi-server.js';
import { readConfig } from '../src/server/server-config.js';
import { ZEEBE_PROCESS } from './bench-process.js';
import { percentile, RssSampler } from './measure.js';

export interface HttpThroughputResult {
  httpPiPerSec: number;
  httpP50Ms: number;
  httpP99Ms: number;
  httpRssMb: number;
  /** The server process's CPU time (all its threads, collector included) per instance: steadier than PI/s on a shared machine. */
  httpServerCpuMsPerInstance: number;
  /** Completions refused because the job had timed out and gone to the other loop: 0 unless the machine is overloaded. */
  httpLateCompletions: number;
}

const ADMIN_PASSWORD = 'Bench-Admin-2026';
/** Worker loops polling at once: one activates while another's completions are still in flight. */
const WORKER_LOOPS = 2;
/** Long enough that a job is completed before it times out, even on a busy machine. */
const JOB_TIMEOUT_MS = 300_000;

/**
 * node:http with keep-alive, not fetch: fetch's web streams cost the client process about a millisecond of CPU per
 * request, and on the 2-core machine the client shares the cores with the server it measures.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, authorization: string | undefined, body: unknown): Promise<{ status: number; text: string }> {
  return send(url, authorization, Buffer.from(JSON.stringify(body)), true);
}

function send(url: string, authorization: string | undefined, payload: Buffer, mayRetry: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          ...(authorization ? { authorization } : {}),
        },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      // The server closed an idle kept-alive socket just as this request went out on it: the request never
      // arrived, so sending it again is safe (what Node's documentation advises for reused sockets).
      if (mayRetry && request.reusedSocket && error.code === 'ECONNRESET') send(url, authorization, payload, false).then(resolve, reject);
      else reject(error);
    });
    request.end(payload);
  });
}

async function call<T>(url: string, authorization: string | undefined, body: unknown): Promise<T> {
  const { status, text } = await post(url, authorization, body);
  if (status >= 400) throw new Error(`POST ${url} answered ${status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function httpThroughput(instances: number, inFlight: number): Promise<HttpThroughputResult> {
  if (!Number.isInteger(instances) || instances < 1) throw new Error(`instances must be a positive whole number, got ${instances}`);
  if (!Number.isInteger(inFlight) || inFlight < 1) throw new Error(`inFlight must be a positive whole number, got ${inFlight}`);
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-http-'));
  const processesDir = join(dir, 'processes');
  mkdirSync(processesDir);
  writeFileSync(join(processesDir, 'bench.bpmn'), ZEEBE_PROCESS);
  const server = await startServer(
    {
      ...readConfig({}),
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      adminPassword: ADMIN_PASSWORD,
      demo: false,
      processesDir,
      formsDir: join(dir, 'forms'),
      staticDir: join(dir, 'no-designer'),
      workers: false,
    },
    { log: () => {} },
  );
  const rss = new RssSampler();
  try {
    const base = server.url;
    // An integrator's API key, made over REST as an integrator would be given one.
    const { token } = await call<{ token: string }>(`${base}/v2/auth/login`, undefined, { username: 'admin', password: ADMIN_PASSWORD });
    const { key } = await call<{ key: string }>(`${base}/v2/api-keys`, `Bearer ${token}`, { name: 'bench worker', roles: ['integrator'] });
    const cpuBefore = process.cpuUsage();
    const load = await driveInChildProcess({ base, auth: `Bearer ${key}`, instances, inFlight });
    const cpu = process.cpuUsage(cpuBefore);
    return { ...load, httpRssMb: rss.stop(), httpServerCpuMsPerInstance: (cpu.user + cpu.system) / 1000 / instances };
  } finally {
    rss.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface DriveRequest {
  base: string;
  auth: string;
  instances: number;
  inFlight: number;
}

type LoadResult = Omit<HttpThroughputResult, 'httpRssMb' | 'httpServerCpuMsPerInstance'>;

/** Runs driveLoad in a child process (this file with --drive) and returns what it measured. */
function driveInChildProcess(request: DriveRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--drive', JSON.stringify(request)], {
      // Bundled (as `npm run bench` runs it) the client needs no loader: tsx's would cost the shared cores CPU.
      execArgv: import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let result: { ok: true; load: LoadResult } | { ok: false; error: string } | undefined;
    child.on('message', (message) => (result = message as typeof result));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result?.ok) resolve(result.load);
      else reject(new Error(result ? `the load process failed: ${result.error}` : `the load process ended (${signal ?? code}) without a result`));
    });
  });
}

/** The external client: `inFlight` starters and WORKER_LOOPS job workers, all over REST. */
async function driveLoad({ base, auth, instances, inFlight }: DriveRequest): Promise<LoadResult> {
  // Jobs that timed out before their completion arrived (an overloaded machine) and were completed by the other
  // loop: their late completion is a 404, as for any Zeebe worker; counted, not fatal.
  let lateCompletions = 0;
  const startedAt = new Map<string, number>();
  // Completion may be acknowledged before its starter has read the creation's answer: pair them at the end.
  const completedAt = new Map<string, number>();
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => {}); // Observed below; a failure while the starters are still running must not go unhandled.
  let stopWorkers = false;
  const workerLoop = () => workerRounds().catch((error) => {
    stopWorkers = true;
    rejectDone(error);
  });
  const workerRounds = async () => {
    while (!stopWorkers) {
      const { jobs } = await call<{ jobs: Array<{ jobKey: string; processInstanceKey: string }> }>(`${base}/v2/jobs/activation`, auth, {
        type: 'bench-work',
        worker: 'bench-http',
        timeout: JOB_TIMEOUT_MS,
        maxJobsToActivate: 200,
        requestTimeout: 200,
      });
      await Promise.all(
        jobs.map(async (job) => {
          const { status, text } = await post(`${base}/v2/jobs/${job.jobKey}/completion`, auth, { variables: { done: true } });
          if (status === 404) {
            lateCompletions++;
            return;
          }
          if (status !== 204) throw new Error(`completing job ${job.jobKey} answered ${status}: ${text.slice(0, 500)}`);
          completedAt.set(job.processInstanceKey, performance.now());
          if (completedAt.size === instances) resolveDone();
        }),
      );
    }
  };
  const workers = Array.from({ length: WORKER_LOOPS }, workerLoop);

  const t0 = performance.now();
  let started = 0;
  const starter = async () => {
    while (started < instances) {
      started++;
      const before = performance.now();
      const created = await call<{ processInstanceKey: string }>(`${base}/v2/process-instances`, auth, { processDefinitionId: 'bench', variables: { n: started } });
      startedAt.set(created.processInstanceKey, before);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, starter));
  await done;
  const seconds = (performance.now() - t0) / 1000;
  stopWorkers = true;
  await Promise.all(workers);
  const latencies = [...completedAt].map(([key, at]) => at - startedAt.get(key)!).sort((a, b) => a - b);
  if (latencies.length !== instances || latencies.some((l) => !(l >= 0))) throw new Error(`expected ${instances} timed instances, got ${latencies.length}`);
  return {
    httpPiPerSec: instances / seconds,
    httpP50Ms: percentile(latencies, 0.5),
    httpP99Ms: percentile(latencies, 0.99),
    httpLateCompletions: lateCompletions,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--drive') {
    let message: unknown;
    try {
      message = { ok: true, load: await driveLoad(JSON.parse(process.argv[3]) as DriveRequest) };
    } catch (error) {
      message = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    // Exit once the result is sent: idle keep-alive sockets would otherwise hold the process open.
    process.send!(message, () => process.exit(0));
  } else {
    const [countArg, inFlightArg] = process.argv.slice(2);
    const result = await httpThroughput(Number(countArg ?? 2000), Number(inFlightArg ?? 200));
    console.log(JSON.stringify(result));
  }
}

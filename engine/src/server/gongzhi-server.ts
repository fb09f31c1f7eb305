import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompiledQuery } from 'kysely';
import { openStore, type Store } from '../store/store.js';
import { createEngine } from '../runtime/embedded/embedded-engine.js';
import { startZeebeGateway, type ZeebeGateway } from '../gateway/zeebe-gateway-server.js';
import { ZeebeRuntime } from '../runtime/zeebe/zeebe-runtime.js';
import { startZeebeObservers, type ObserverOptions } from '../runtime/zeebe/zeebe-observer-workers.js';
import type { ZBClientOptions } from 'zeebe-node';
import { SystemClock, type Clock } from '../clock/clock.js';
import { createIdentity } from '../identity/index.js';
import { createAuditLog, systemActor } from '../audit/index.js';
import { builtInWorkers } from '../workers/built-in-workers.js';
import { startWorkers } from '../workers/job-worker.js';
import { createApp } from './app.js';
import { allRoutes } from './routes/index.js';
import { staticFiles } from './static-files.js';
import { resourceFiles } from './resource-files.js';
import type { ServerConfig } from './server-config.js';
import type { ServerServices } from './server-services.js';
import type { Route } from './http/route.js';
import { DEMO_PASSWORD, seedDemoOrganizations } from '../demo/demo-organizations.js';
import { seedDemoCases, STARTUP_DEMO_CASES } from '../demo/demo-cases.js';

export interface RunningServer {
  url: string;
  port: number;
  services: ServerServices;
  /** Stop accepting, finish in-flight requests, stop workers, close the engine and the store. */
  close(): Promise<void>;
  /** The Zeebe gateway facade's port, when ZEEBE_GATEWAY_PORT started it. */
  zeebeGatewayPort?: number;
}

export interface StartOptions {
  clock?: Clock;
  /** Extra routes (simulations, dashboards, calendar …) mounted beside the core API. */
  routes?: Route[];
  log?: (line: string) => void;
  /** A store opened by the caller (tests); otherwise opened from the config. */
  store?: Store;
  /** With RUNTIME=zeebe: zeebe-node options and the user-task job lock (tests shorten it). */
  zeebe?: ObserverOptions & { clientOptions?: ZBClientOptions };
}

async function setting(store: Store, name: string, create: () => string): Promise<string> {
  await store.db.executeQuery(
    CompiledQuery.raw('INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, create()]),
  );
  const row = await store.db.executeQuery<{ value: string }>(CompiledQuery.raw('SELECT value FROM server_settings WHERE name = $1', [name]));
  return row.rows[0].value;
}

/** Starts Gongzhi: store, engine, identity, audit, built-in workers, the product's processes and forms, the HTTP API. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? new SystemClock();
  const store = options.store ?? (await openStore(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }));
  // Outside production a secret is made once and kept in the store, so tokens survive restarts.
  const jwtSecret = config.jwtSecret ?? (await setting(store, 'jwt_secret', () => randomBytes(48).toString('base64url')));
  const identity = createIdentity({ db: store.db, jwtSecret, clock });
  const audit = createAuditLog(store.db, { clock });
  const resources = resourceFiles(config.processesDir, config.formsDir);

  const adminPassword = config.adminPassword ?? randomBytes(12).toString('base64url');
  const admin = await identity.users.ensureAdmin(adminPassword);
  if (admin.created) {
    await audit.append({ actor: systemActor('startup'), action: 'user.create', target: `user:${admin.user.id}`, details: { username: 'admin' } });
    if (!config.adminPassword) log(`created user 'admin' with the password ${adminPassword} (shown once; set GONGZHI_ADMIN_PASSWORD to choose it)`);
  }
  if (config.demo) {
    const created = await seedDemoOrganizations(identity);
    if (created.length > 0) {
      log(`demo data: organisations and users seeded; log in as ${created.map((u) => u.username).join(', ')} with the password ${DEMO_PASSWORD}`);
    }
    // Demo cases are driven by an engine of their own on virtual time, so they are seeded before the server's
    // engine starts on this store; on a database with cases this does nothing. On Zeebe they would be cases the
    // cluster never saw, so none are seeded.
    if (config.runtime === 'embedded') try {
      const seeded = await seedDemoCases({ store, resources, identity, cases: STARTUP_DEMO_CASES, now: clock.now() });
      if (seeded.seeded) {
        const counts = Object.entries(seeded.report!.cases).map(([id, n]) => `${n} ${id}`).join(', ');
        const staff = seeded.staff?.length ? `; case workers ${seeded.staff.join(', ')} log in with the same password` : '';
        log(`demo data: cases seeded over the last six months (${counts})${staff}; npm run demo:seed -- --cases N adds more`);
        for (const problem of seeded.report!.problems) log(`demo data: ${problem}`);
      }
    } catch (error) {
      log(`demo data: cases could not be seeded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const zeebe =
    config.runtime === 'zeebe' ? await ZeebeRuntime.create({ store, clock, address: config.zeebeAddress, clientOptions: options.zeebe?.clientOptions, audit }) : undefined;
  const embedded = zeebe ? undefined : await createEngine({ store, clock, audit });
  const engine = zeebe ?? embedded!;
  // Audit groups commit in the engine's batches: no transaction of their own on PGlite's single connection.
  if (embedded) audit.writeInside((work) => embedded.withinBatch(work));
  const services: ServerServices = { store, engine, identity, audit, clock, staticDir: config.staticDir, version: '0.1.0' };
  if (resources.length > 0) {
    const deployed = await engine.deploy(resources);
    log(`deployed ${deployed.processes.length} processes, ${deployed.decisions.length} decisions, ${deployed.forms.length} forms`);
  }

  const stopBuiltIn = config.workers ? startWorkers(engine, builtInWorkers({ db: store.db, clock }), { now: () => clock.now() }) : async () => {};
  // On Zeebe, history and user tasks reach our store only through these workers, so they run even with GONGZHI_WORKERS=0.
  const stopObservers = zeebe ? startZeebeObservers(zeebe, options.zeebe) : async () => {};
  const stopWorkers = () => Promise.all([stopBuiltIn(), stopObservers()]);
  const app = createApp(services, { routes: allRoutes(options.routes ?? []), fallback: staticFiles(config.staticDir) });
  const server: Server = createServer(app.callback());
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  log(`Gongzhi 共治 listening on ${url} (store: ${store.kind}${zeebe ? `, runtime: Zeebe at ${config.zeebeAddress}` : ''})`);

  let gateway: ZeebeGateway | undefined;
  if (config.zeebeGatewayPort !== undefined && embedded) {
    gateway = await startZeebeGateway({ engine: embedded, store, port: config.zeebeGatewayPort, host: config.host });
    log(`Zeebe gateway (gRPC) listening on port ${gateway.port}`);
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await gateway?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await stopWorkers();
      audit.writeInside(undefined);
      await engine.close();
      if (!options.store) await store.close();
    })());
  return { url, port, services, close, zeebeGatewayPort: gateway?.port };
}

/**
 * A real Gongzhi server for the API tests: an ephemeral port, a fresh test store (PGlite in memory, or a
 * scratch PostgreSQL database), demo organisations and users, and the case fixture deployed from a temp
 * folder at start. Calls go over HTTP with fetch; nothing is mocked.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../engine/src/server/gongzhi-server.js';
import { readConfig } from '../../../engine/src/server/server-config.js';
import type { Route } from '../../../engine/src/server/http/route.js';
import type { Store } from '../../../engine/src/store/store.js';
import { DEMO_PASSWORD } from '../../../engine/src/demo/demo-organizations.js';
import type { Role } from '../../../engine/src/identity/principal.js';
import { testStores, type TestStore } from '../../../engine/test/support/test-stores.js';
import { API_INTAKE_FORM, CASE_BPMN, CASE_PROCESS_ID, SIGNAL_BPMN } from './api-case-fixture.js';
import type { EmbeddedEngine } from '../../../engine/src/runtime/embedded/embedded-engine.js';
import { startZeebeGateway, type ZeebeGateway } from '../../../engine/src/gateway/zeebe-gateway-server.js';

export const ADMIN_PASSWORD = 'Api-Test-Admin-2026';

/**
 * For the beforeAll that starts a server: a few seconds on an idle machine, but PGlite's start, migrations and
 * the demo seed (245 organisations, 13 scrypt hashes) slow down a lot on a busy 2-core machine.
 */
export const SERVER_START_TIMEOUT = 240_000;

/** The demo user that logs in for each role (staff: a grid worker of 和平里街道's first community). */
export const ROLE_USERS: Record<Role, string> = {
  admin: 'admin',
  designer: 'designer',
  staff: 'grid1',
  integrator: 'integrator',
  tester: 'tester',
};

/** Grids, a community and a street of the demo tree, for scope tests. */
export const DEMO_ORGS = {
  street: 'st-hepingli',
  community: 'st-hepingli-c01',
  /** grid1's grid, inside the community. */
  grid1: 'st-hepingli-c01-g1',
  /** Another grid of the same community. */
  grid1Sibling: 'st-hepingli-c01-g2',
  /** grid2's grid, in another street. */
  grid2: 'st-dongfeng-c01-g1',
} as const;

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON (application/json or problem+json), else the text. */
  body: T;
  text: string;
}

export interface RequestOptions {
  /** JSON body (serialised here); use `raw` for anything else. */
  body?: unknown;
  /** A body sent as is (malformed JSON, multipart FormData, a huge buffer …). */
  raw?: BodyInit;
  headers?: Record<string, string>;
  /** Overrides the client's Authorization header; null sends none. */
  authorization?: string | null;
}

/** fetch with an Authorization header; every method returns status, headers and the parsed body. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly authorization?: string,
  ) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const authorization = options.authorization === undefined ? this.authorization : options.authorization ?? undefined;
    if (authorization) headers.authorization = authorization;
    let body: BodyInit | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method: method.toUpperCase(), headers, body });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (/json/.test(type) && text !== '') parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body: body ?? options.body });
  }
  put<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...options, body: body ?? options.body });
  }
  patch<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...options, body: body ?? options.body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }
}

export interface TestServerOptions {
  /** Default: PGlite in memory. */
  testStore?: TestStore;
  routes?: Route[];
  /** Extra files for the processes/ folder, by name. */
  processes?: Record<string, string>;
  /**
   * zeebe: the server runs with RUNTIME=zeebe against the gateway facade of a second, embedded server (the
   * "cluster", started here with the same folders), each with a store of its own.
   */
  runtime?: 'embedded' | 'zeebe';
  /** false: deploy none of the case fixture (a "cluster" gets its processes from the server that runs on it). */
  fixtures?: boolean;
}

/** Where API suites run: every test store embedded, and once on Zeebe (through the facade, on PGlite). */
export const API_TARGETS: Array<{ name: string; testStore: TestStore; runtime: 'embedded' | 'zeebe' }> = [
  ...testStores.map((testStore) => ({ name: testStore.name, testStore, runtime: 'embedded' as const })),
  { name: 'zeebe (facade, pglite)', testStore: testStores[0], runtime: 'zeebe' as const },
];

interface Cluster {
  server: TestServer;
  gateway: ZeebeGateway;
}

export class TestServer {
  private readonly tokens = new Map<string, Promise<string>>();

  private constructor(
    readonly running: RunningServer,
    readonly store: Store,
    readonly storeKind: TestStore['name'],
    private readonly dir: string,
    readonly logs: string[],
    /** With runtime zeebe: the embedded server whose gateway facade this server's runtime talks to. */
    readonly cluster?: Cluster,
  ) {}

  static async start(options: TestServerOptions = {}): Promise<TestServer> {
    const testStore = options.testStore ?? testStores[0];
    const dir = mkdtempSync(join(tmpdir(), 'gongzhi-api-'));
    const processesDir = join(dir, 'processes');
    const formsDir = join(dir, 'forms');
    mkdirSync(processesDir);
    mkdirSync(formsDir);
    if (options.fixtures !== false) {
      writeFileSync(join(processesDir, `${CASE_PROCESS_ID}.bpmn`), CASE_BPMN);
      writeFileSync(join(processesDir, 'api-signal-wait.bpmn'), SIGNAL_BPMN);
      for (const [name, content] of Object.entries(options.processes ?? {})) writeFileSync(join(processesDir, name), content);
      writeFileSync(join(formsDir, `${API_INTAKE_FORM.id}.form.json`), JSON.stringify(API_INTAKE_FORM, null, 2));
    }
    let cluster: Cluster | undefined;
    if (options.runtime === 'zeebe') {
      const server = await TestServer.start({ testStore, fixtures: false });
      const gateway = await startZeebeGateway({ engine: server.running.services.engine as EmbeddedEngine, store: server.store, port: 0, host: '127.0.0.1' });
      cluster = { server, gateway };
    }
    const store = await testStore.open();
    const logs: string[] = [];
    try {
      const config = {
        ...readConfig({}),
        port: 0,
        host: '127.0.0.1',
        adminPassword: ADMIN_PASSWORD,
        demo: true,
        processesDir,
        formsDir,
        staticDir: join(dir, 'no-designer-build'),
        // The built-in gongzhi.* workers are not under test here; the tests are the workers.
        workers: false,
        ...(cluster ? { runtime: 'zeebe' as const, zeebeAddress: `127.0.0.1:${cluster.gateway.port}` } : {}),
      };
      const running = await startServer(config, {
        store,
        routes: options.routes,
        log: (line) => logs.push(line),
        zeebe: { clientOptions: { useTLS: false, retry: false } },
      });
      return new TestServer(running, store, testStore.name, dir, logs, cluster);
    } catch (error) {
      await store.close();
      await cluster?.gateway.close();
      await cluster?.server.close();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get url(): string {
    return this.running.url;
  }

  /** A client that sends no credentials (or the Authorization header given). */
  client(authorization?: string): ApiClient {
    return new ApiClient(this.url, authorization);
  }

  /** A bearer token for a user (logged in once per server and cached). */
  token(username: string, password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = (async () => {
        const response = await this.client().post<{ token: string }>('/v2/auth/login', { username, password });
        if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${response.text}`);
        return response.body.token;
      })();
      this.tokens.set(username, token);
      token.catch(() => this.tokens.delete(username));
    }
    return token;
  }

  /** A client logged in as the user of a role (see ROLE_USERS) or as a named demo user. */
  async as(who: Role | string): Promise<ApiClient> {
    const username = ROLE_USERS[who as Role] ?? who;
    return this.client(`Bearer ${await this.token(username)}`);
  }

  /** An API key made by the admin over the API. */
  async apiKey(roles: Role[], name = `key-${roles.join('-')}`, orgId?: string): Promise<{ id: string; key: string }> {
    const admin = await this.as('admin');
    const response = await admin.post('/v2/api-keys', { name, roles, ...(orgId ? { orgId } : {}) });
    if (response.status !== 201) throw new Error(`creating an API key failed: ${response.status} ${response.text}`);
    return response.body;
  }

  /** Starts a case of the fixture process as the admin, placed in an organisation by the root variable orgId. */
  async startCase(variables: Record<string, unknown> = {}): Promise<string> {
    const admin = await this.as('admin');
    const response = await admin.post('/v2/process-instances', { processDefinitionId: CASE_PROCESS_ID, variables });
    if (response.status !== 200) throw new Error(`starting a case failed: ${response.status} ${response.text}`);
    return response.body.processInstanceKey;
  }

  /**
   * The user task of an instance at an element, as the admin sees it. Embedded, the read model is written with the
   * command; on Zeebe the task arrives when the server's inbox activates its job, so it is waited for.
   */
  async userTaskOf(processInstanceKey: string, elementId = 'register'): Promise<Record<string, any>> {
    const admin = await this.as('admin');
    const until = Date.now() + (this.cluster ? 30_000 : 0);
    for (;;) {
      const response = await admin.post('/v2/user-tasks/search', { filter: { processInstanceKey, elementId } });
      const task = response.body.items?.[0];
      if (task) return task;
      if (Date.now() >= until) throw new Error(`instance ${processInstanceKey} has no user task at ${elementId}: ${response.text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Reads until `done` holds and returns the last read. Embedded, one read (the read model is written with the
   * command); on Zeebe, history arrives through the listener jobs, so it is waited for (up to 30 s).
   */
  async settled<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const until = Date.now() + (this.cluster ? 30_000 : 0);
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() >= until) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    try {
      await this.running.close();
    } finally {
      await this.store.close();
      rmSync(this.dir, { recursive: true, force: true });
      await this.cluster?.gateway.close();
      await this.cluster?.server.close();
    }
  }
}

/** Base64 of `user:password` for HTTP Basic. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Multipart form data with files in the part `resources`, as Camunda clients deploy. */
export function deploymentForm(files: Array<{ name: string; content: string | Uint8Array }>, field = 'resources'): FormData {
  const form = new FormData();
  for (const file of files) form.append(field, new Blob([file.content as BlobPart]), file.name);
  return form;
}

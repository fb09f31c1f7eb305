import { credentials, loadPackageDefinition, type Client } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ZBClient } from 'zeebe-node';
import { CompiledQuery } from 'kysely';
import { createEngine, type EmbeddedEngine } from '../../src/runtime/embedded/embedded-engine.js';
import type { Store } from '../../src/store/store.js';
import { startZeebeGateway, type ZeebeGateway, type ZeebeGatewayOptions } from '../../src/gateway/zeebe-gateway-server.js';
import { protoLoaderOptions, zeebeProtoPath } from '../../src/gateway/gateway-protocol.js';
import type { TestStore } from '../support/test-stores.js';

/** A raw gRPC client of the gateway service, for what zeebe-node 8.3 does not expose (job streams, raw requests). */
export type RawGatewayClient = Client & Record<string, (...args: any[]) => any>;

/** An embedded engine (real clock: long polling and timeouts are real time) behind the facade, and zeebe-node pointed at it. */
export class GatewayFixture {
  private raws: RawGatewayClient[] = [];
  private constructor(
    readonly store: Store,
    readonly engine: EmbeddedEngine,
    readonly gateway: ZeebeGateway,
    readonly zbc: ZBClient,
  ) {}

  static async start(testStore: TestStore, options: Partial<ZeebeGatewayOptions> = {}): Promise<GatewayFixture> {
    const store = await testStore.open();
    const engine = await createEngine({ store, pollInterval: 50 });
    const gateway = await startZeebeGateway({ engine, store, port: 0, host: '127.0.0.1', ...options });
    const zbc = new ZBClient(`127.0.0.1:${gateway.port}`, { retry: false, loglevel: 'NONE', useTLS: false });
    return new GatewayFixture(store, engine, gateway, zbc);
  }

  raw(): RawGatewayClient {
    const definition = loadSync(zeebeProtoPath(), protoLoaderOptions);
    const pkg = loadPackageDefinition(definition) as any;
    const client = new pkg.gateway_protocol.Gateway(`127.0.0.1:${this.gateway.port}`, credentials.createInsecure()) as RawGatewayClient;
    this.raws.push(client);
    return client;
  }

  /** The instance's state in the read model (ACTIVE, COMPLETED, TERMINATED), or undefined when unknown. */
  async instanceState(key: string): Promise<string | undefined> {
    const rows = await this.store.db.executeQuery<{ state: string }>(CompiledQuery.raw('SELECT state FROM process_instance_view WHERE key = $1', [Number(key)]));
    return rows.rows[0]?.state;
  }

  /** A unary call on the raw client as a promise. */
  call<T = any>(client: RawGatewayClient, method: string, request: object): Promise<T> {
    return new Promise((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
  }

  async close(): Promise<void> {
    for (const raw of this.raws) raw.close();
    await this.zbc.close();
    await this.gateway.close();
    await this.engine.close();
    await this.store.close();
  }
}

/** Polls until `check` returns something truthy (the engine works asynchronously behind the workers). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { EmbeddedEngine } from '../runtime/embedded/embedded-engine.js';
import type { Store } from '../store/store.js';
import { CommandBackpressure, type GatewayContext } from './gateway-context.js';
import { gatewayService } from './gateway-protocol.js';
import { topologyRpc } from './topology-rpc.js';
import { deploymentRpcs } from './deployment-rpcs.js';
import { processInstanceRpcs } from './process-instance-rpcs.js';
import { messageRpcs } from './message-rpcs.js';
import { jobRpcs } from './job-rpcs.js';
import { incidentVariableRpcs } from './incident-variable-rpcs.js';
import { decisionRpcs } from './decision-rpcs.js';

export interface ZeebeGatewayOptions {
  engine: EmbeddedEngine;
  store: Store;
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on (default 0.0.0.0). */
  host?: string;
  /** ActivateJobs' wait when the request names none (ms, default 10 000 as Zeebe's gateway). */
  defaultLongPollTimeout?: number;
  /** CreateProcessInstanceWithResult's wait when the request names none (ms, default 15 000 as Zeebe's gateway). */
  defaultRequestTimeout?: number;
  /** Commands in flight before RESOURCE_EXHAUSTED (default 10 000). */
  maxCommandsInFlight?: number;
}

export interface ZeebeGateway {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves Zeebe's gateway gRPC API (the gateway.proto zeebe-node ships) over the embedded engine, so
 * zeebe-node, zbctl, the Java client and Camunda Modeler can drive it. Plaintext, no authentication:
 * put it behind TLS termination and a network boundary.
 */
/**
 * Zeebe's Node clients (grpc-js underneath) end every unary call with a RST_STREAM, and Node's HTTP/2 server
 * closes a session that has sent more than ~1,000 of them in a burst (plus 33 a second): its guard against the
 * "rapid reset" attack, not configurable on Node 20. A zeebe-node client making a few hundred calls a second was
 * cut off within seconds, its calls in flight failing with INTERNAL. So sessions are short-lived instead: every
 * 300 ms the server asks the client to reconnect (GOAWAY with no error; clients open a new session at once) and
 * lets the calls already running finish — long polls included, hence the long grace. A session thus takes ~1,000
 * calls in 300 ms before the guard could bite (measured: a second's age was too long at ~600 calls a second).
 */
const SESSION_OPTIONS = {
  'grpc.max_connection_age_ms': 300,
  'grpc.max_connection_age_grace_ms': 10 * 60_000,
};

export async function startZeebeGateway(options: ZeebeGatewayOptions): Promise<ZeebeGateway> {
  const host = options.host ?? '0.0.0.0';
  const server = new Server(SESSION_OPTIONS);
  const closing = new AbortController();
  const context: GatewayContext = {
    engine: options.engine,
    store: options.store,
    advertisedHost: host === '0.0.0.0' || host === '::' ? 'localhost' : host,
    advertisedPort: options.port,
    closing: closing.signal,
    defaultLongPollTimeout: options.defaultLongPollTimeout ?? 10_000,
    defaultRequestTimeout: options.defaultRequestTimeout ?? 15_000,
    backpressure: new CommandBackpressure(options.maxCommandsInFlight ?? 10_000),
  };
  server.addService(gatewayService(), {
    ...topologyRpc(context),
    ...deploymentRpcs(context),
    ...processInstanceRpcs(context),
    ...messageRpcs(context),
    ...jobRpcs(context),
    ...incidentVariableRpcs(context),
    ...decisionRpcs(context),
  });
  const address = host.includes(':') ? `[${host}]:${options.port}` : `${host}:${options.port}`;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  context.advertisedPort = port;
  let closed: Promise<void> | undefined;
  return {
    port,
    close: () =>
      (closed ??= (async () => {
        // Long polls and job streams end first, so that a graceful shutdown does not wait for them.
        closing.abort();
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => {
            server.forceShutdown();
            resolve();
          }, 5_000);
          force.unref();
          server.tryShutdown(() => {
            clearTimeout(force);
            resolve();
          });
        });
      })()),
  };
}


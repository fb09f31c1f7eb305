import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

/**
 * The Zeebe gateway protocol, read from the gateway.proto that zeebe-node ships, so that the facade
 * speaks exactly the protocol its clients were built against.
 */
export function zeebeProtoPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('zeebe-node/package.json')), 'proto', 'zeebe.proto');
}

/**
 * RPCs of Zeebe's protocol newer than zeebe-node's proto (UpdateJobTimeout), in a small proto of our own beside the
 * package's sources (engine/proto, reached the same way from src/ and dist/).
 */
export function additionsProtoPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'proto', 'gateway-job-timeout.proto');
}

/** The options zeebe-node loads the proto with: int64 as decimal strings, enums by name, defaults filled in. */
export const protoLoaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true } as const;

let cached: ServiceDefinition | undefined;

function loadGateway(path: string): ServiceDefinition {
  const loaded = loadPackageDefinition(loadSync(path, protoLoaderOptions)) as unknown as { gateway_protocol: { Gateway: { service: ServiceDefinition } } };
  return loaded.gateway_protocol.Gateway.service;
}

/**
 * The `gateway_protocol.Gateway` service definition: zeebe-node's RPCs and our additions, one service, so one
 * server answers both. (Loaded apart: the two files each declare the service, which one load would refuse.)
 */
export function gatewayService(): ServiceDefinition {
  cached ??= { ...loadGateway(zeebeProtoPath()), ...loadGateway(additionsProtoPath()) };
  return cached;
}

export type GatewayHandlers = UntypedServiceImplementation;

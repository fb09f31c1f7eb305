import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/** The options zeebe-node loads the proto with: int64 as decimal strings, enums by name, defaults filled in. */
export const protoLoaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true } as const;

let cached: ServiceDefinition | undefined;

/** The `gateway_protocol.Gateway` service definition. */
export function gatewayService(): ServiceDefinition {
  if (!cached) {
    const definition = loadSync(zeebeProtoPath(), protoLoaderOptions);
    const loaded = loadPackageDefinition(definition) as unknown as { gateway_protocol: { Gateway: { service: ServiceDefinition } } };
    cached = loaded.gateway_protocol.Gateway.service;
  }
  return cached;
}

export type GatewayHandlers = UntypedServiceImplementation;

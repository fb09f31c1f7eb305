import type { GatewayContext } from './gateway-context.js';
import type { GatewayHandlers } from './gateway-protocol.js';
import { unaryCall } from './unary-call.js';

/** The Zeebe version whose semantics the embedded engine follows (what Topology reports). */
export const ZEEBE_SEMANTICS_VERSION = '8.6.0';

/** One broker, one partition, led by it: the embedded engine is a single-partition cluster. */
export function topologyRpc(context: GatewayContext): GatewayHandlers {
  return {
    Topology: unaryCall(
      context,
      'TOPOLOGY',
      async () => ({
        brokers: [
          {
            nodeId: 0,
            host: context.advertisedHost,
            port: context.advertisedPort,
            partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
            version: ZEEBE_SEMANTICS_VERSION,
          },
        ],
        clusterSize: 1,
        partitionsCount: 1,
        replicationFactor: 1,
        gatewayVersion: ZEEBE_SEMANTICS_VERSION,
      }),
      { backpressure: false },
    ),
  };
}

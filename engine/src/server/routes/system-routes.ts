import { CompiledQuery } from 'kysely';
import { defineRoute, type Route } from '../http/route.js';
import { HttpProblem } from '../http/problem.js';

const health = defineRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'health',
  summary: 'Liveness: the process answers',
  tag: 'System',
  permission: null,
  responses: { 200: { description: 'Alive' } },
  async handler() {
    return { body: { status: 'UP' } };
  },
});

const ready = defineRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'ready',
  summary: 'Readiness: the store answers',
  tag: 'System',
  permission: null,
  responses: { 200: { description: 'Ready' }, 503: { description: 'The store does not answer' } },
  async handler({ services }) {
    try {
      await services.store.db.executeQuery(CompiledQuery.raw('SELECT 1'));
    } catch {
      throw new HttpProblem(503, 'UNAVAILABLE', 'The store does not answer');
    }
    return { body: { status: 'READY', store: services.store.kind } };
  },
});

const topology = defineRoute({
  method: 'get',
  path: '/v2/topology',
  operationId: 'getTopology',
  summary: 'The cluster topology (one embedded broker)',
  tag: 'System',
  permission: 'definitions:read',
  responses: { 200: { description: 'Topology' } },
  async handler({ services }) {
    return {
      body: {
        brokers: [{ nodeId: 0, host: 'embedded', port: 0, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: services.version }],
        clusterSize: 1,
        partitionsCount: 1,
        replicationFactor: 1,
        gatewayVersion: services.version,
      },
    };
  },
});

export const systemRoutes: Route[] = [health, ready, topology];

import { defineRoute, type Route } from '../http/route.js';
import { notFound } from '../http/problem.js';
import { computeDashboard, dashboardFor, DASHBOARD_PROCESS_IDS } from '../../dashboards/index.js';

const labelled = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };

const getDashboard = defineRoute({
  method: 'get',
  path: '/v2/dashboards/:processId',
  operationId: 'getDashboard',
  summary: `A process's dashboard (看板): counts, rates, durations and overdue figures, and series for charts, over the cases of your organisations (${DASHBOARD_PROCESS_IDS.join(', ')})`,
  tag: 'Dashboards',
  permission: 'dashboards:read',
  params: { processId: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,99}$', description: 'A process id' } },
  responses: {
    200: {
      description: 'The dashboard',
      schema: {
        type: 'object',
        required: ['processId', 'generatedAt', 'scope', 'figures', 'series'],
        properties: {
          processId: { type: 'string' },
          processName: labelled,
          generatedAt: { type: 'string', format: 'date-time' },
          scope: { type: 'object', description: "{ kind: 'all' } or { kind: 'organizations', orgId, orgName, organizations }" },
          figures: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'label', 'value'],
              properties: {
                id: { type: 'string' },
                label: labelled,
                value: { type: ['number', 'null'], description: 'Rates are fractions 0–1 (unit ratio); null when there is nothing to compute from' },
                unit: { type: 'string', enum: ['cases', 'tasks', 'calls', 'items', 'ratio', 'days', 'hours', 'score'] },
                numerator: { type: 'integer' },
                denominator: { type: 'integer' },
              },
            },
          },
          series: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'label', 'points'],
              properties: {
                id: { type: 'string' },
                label: labelled,
                unit: { type: 'string' },
                points: {
                  type: 'array',
                  items: { type: 'object', required: ['key', 'label', 'value'], properties: { key: { type: 'string' }, label: { type: 'string' }, value: { type: 'number' } } },
                },
              },
            },
          },
        },
      },
    },
    404: { description: 'The process has no dashboard' },
  },
  async handler({ params, services, principal }) {
    const definition = dashboardFor(params.processId);
    if (!definition) throw notFound(`Process '${params.processId}' has no dashboard (dashboards exist for ${DASHBOARD_PROCESS_IDS.join(', ')})`);
    return {
      body: await computeDashboard(services.store.db, definition, { scope: principal.orgScope, orgId: principal.orgId, now: services.clock.now() }),
    };
  },
});

export const dashboardRoutes: Route[] = [getDashboard];

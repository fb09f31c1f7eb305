import { defineRoute, type Route } from '../http/route.js';
import { processRoutes } from './process-routes.js';
import { messagingRoutes } from './messaging-routes.js';
import { jobRoutes } from './job-routes.js';
import { userTaskRoutes } from './user-task-routes.js';
import { incidentVariableRoutes } from './incident-variable-routes.js';
import { deploymentRoutes } from './deployment-routes.js';
import { formRoutes } from './form-routes.js';
import { identityRoutes } from './identity-routes.js';
import { auditRoutes } from './audit-routes.js';
import { systemRoutes } from './system-routes.js';
import { simulationRoutes } from './simulation-routes.js';
import { calendarRoutes } from './calendar-routes.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { apiDocsPage, openApiDocument } from '../openapi.js';

/** Every API route; the OpenAPI document is generated from this list. */
export function allRoutes(extra: Route[] = []): Route[] {
  const routes: Route[] = [
    ...systemRoutes,
    ...identityRoutes,
    ...deploymentRoutes,
    ...processRoutes,
    ...messagingRoutes,
    ...jobRoutes,
    ...userTaskRoutes,
    ...incidentVariableRoutes,
    ...formRoutes,
    ...auditRoutes,
    ...simulationRoutes,
    ...calendarRoutes,
    ...dashboardRoutes,
    ...extra,
  ];
  let document: Record<string, unknown> | undefined;
  const spec = (version: string) => (document ??= openApiDocument(routes, version));
  routes.push(
    defineRoute({
      method: 'get',
      path: '/v2/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This API as OpenAPI 3.1',
      tag: 'System',
      permission: null,
      responses: { 200: { description: 'The OpenAPI document' } },
      async handler({ services }) {
        return { body: spec(services.version) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      operationId: 'getApiDocs',
      summary: 'Human-readable API documentation',
      tag: 'System',
      permission: null,
      responses: { 200: { description: 'HTML' } },
      async handler({ services }) {
        return { body: apiDocsPage(spec(services.version)), type: 'text/html; charset=utf-8' };
      },
    }),
  );
  return routes;
}

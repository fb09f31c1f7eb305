import { defineRoute, type Route } from '../http/route.js';
import { notFound } from '../http/problem.js';
import { normalizeSearch, searchRequest, searchResponse } from './schemas.js';
import { elementInstanceInScope, getIncident, searchIncidents, searchVariables, getProcessInstance } from '../../query/index.js';
import { auditActorOf } from '../../audit/index.js';
import { maskVariables } from './pii.js';

const searchIncidentsRoute = defineRoute<Record<string, unknown>>({
  method: 'post',
  path: '/v2/incidents/search',
  operationId: 'searchIncidents',
  summary: 'Search incidents',
  tag: 'Incidents',
  permission: 'instances:read',
  body: searchRequest,
  responses: { 200: { description: 'Matching incidents', schema: searchResponse() } },
  async handler({ body, services, principal }) {
    return { body: await searchIncidents(services.store.db, normalizeSearch(body) as never, principal.orgScope) };
  },
});

const getIncidentRoute = defineRoute({
  method: 'get',
  path: '/v2/incidents/:incidentKey',
  operationId: 'getIncident',
  summary: 'Get an incident',
  tag: 'Incidents',
  permission: 'instances:read',
  responses: { 200: { description: 'The incident' }, 404: { description: 'Not found' } },
  async handler({ params, services, principal }) {
    const incident = await getIncident(services.store.db, params.incidentKey, principal.orgScope);
    if (!incident) throw notFound(`Incident '${params.incidentKey}' not found`);
    return { body: incident };
  },
});

const resolve = defineRoute({
  method: 'post',
  path: '/v2/incidents/:incidentKey/resolution',
  operationId: 'resolveIncident',
  summary: 'Resolve an incident: the failed step runs again',
  tag: 'Incidents',
  permission: 'instances:modify',
  responses: { 204: { description: 'Resolved' }, 404: { description: 'Not found' }, 409: { description: 'Cannot be resolved yet' } },
  async handler({ params, services, principal }) {
    const incident = await getIncident(services.store.db, params.incidentKey, principal.orgScope);
    if (!incident) throw notFound(`Incident '${params.incidentKey}' not found`);
    await services.engine.resolveIncident(Number(params.incidentKey));
    await services.audit.append({ actor: auditActorOf(principal), action: 'incident.resolve', processInstanceKey: incident.processInstanceKey, target: `incident:${params.incidentKey}` });
  },
});

const searchVariablesRoute = defineRoute<Record<string, unknown>>({
  method: 'post',
  path: '/v2/variables/search',
  operationId: 'searchVariables',
  summary: 'Search variables (personal data masked without pii:read)',
  tag: 'Variables',
  permission: 'instances:read',
  body: searchRequest,
  responses: { 200: { description: 'Matching variables', schema: searchResponse() } },
  async handler({ body, services, principal }) {
    const result = await searchVariables(services.store.db, normalizeSearch(body) as never, principal.orgScope);
    if (principal.permissions.has('pii:read')) return { body: result };
    const processOf = new Map<string, string | undefined>();
    const items = [];
    for (const item of result.items) {
      if (!processOf.has(item.processInstanceKey)) {
        const instance = await getProcessInstance(services.store.db, item.processInstanceKey, principal.orgScope);
        processOf.set(item.processInstanceKey, instance?.processDefinitionId);
      }
      const masked = maskVariables(services, processOf.get(item.processInstanceKey), { [item.name]: JSON.parse(item.value) });
      items.push({ ...item, value: JSON.stringify(masked[item.name]) });
    }
    return { body: { ...result, items } };
  },
});

const setVariables = defineRoute<{ variables: Record<string, unknown>; local?: boolean }>({
  method: 'put',
  path: '/v2/element-instances/:elementInstanceKey/variables',
  operationId: 'setVariables',
  summary: 'Set variables on an element instance’s scope (local) or merge them upwards',
  tag: 'Variables',
  permission: 'instances:modify',
  body: { type: 'object', additionalProperties: false, required: ['variables'], properties: { variables: { type: 'object' }, local: { type: 'boolean' }, operationReference: { type: 'integer' } } },
  responses: { 204: { description: 'Set' }, 404: { description: 'No such element instance' } },
  async handler({ params, body, services, principal }) {
    if (!(await elementInstanceInScope(services.store.db, params.elementInstanceKey, principal.orgScope))) {
      throw notFound(`Element instance '${params.elementInstanceKey}' not found`);
    }
    await services.engine.setVariables(Number(params.elementInstanceKey), body.variables, body.local ?? false);
    await services.audit.append({ actor: auditActorOf(principal), action: 'variables.set', target: `element-instance:${params.elementInstanceKey}`, details: { names: Object.keys(body.variables), local: body.local ?? false } });
  },
});

export const incidentVariableRoutes: Route[] = [searchIncidentsRoute, getIncidentRoute, resolve, searchVariablesRoute, setVariables];

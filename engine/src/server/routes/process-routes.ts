import { defineRoute, type Route } from '../http/route.js';
import { badRequest, notFound } from '../http/problem.js';
import { keyString, normalizeSearch, searchRequest, searchResponse, variablesSchema } from './schemas.js';
import { getProcessInstance, searchProcessDefinitions, searchProcessInstances, getProcessDefinition } from '../../query/index.js';
import { auditActorOf } from '../../audit/index.js';
import { maskVariables } from './pii.js';

const TAG = 'Process instances';

const createInstance = defineRoute<{
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionVersion?: number;
  variables?: Record<string, unknown>;
  startInstructions?: Array<{ elementId: string }>;
}>({
  method: 'post',
  path: '/v2/process-instances',
  operationId: 'createProcessInstance',
  summary: 'Create a process instance (by process id and optional version, or by definition key)',
  tag: TAG,
  permission: 'instances:start',
  idempotent: true,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      processDefinitionId: { type: 'string', minLength: 1 },
      processDefinitionKey: keyString,
      processDefinitionVersion: { type: 'integer', minimum: -1 },
      variables: { type: 'object' },
      startInstructions: { type: 'array', items: { type: 'object', required: ['elementId'], additionalProperties: false, properties: { elementId: { type: 'string', minLength: 1 } } } },
      tenantId: { type: 'string' },
      operationReference: { type: 'integer' },
    },
    oneOf: [{ required: ['processDefinitionId'] }, { required: ['processDefinitionKey'] }],
  },
  responses: {
    200: {
      description: 'The instance was created',
      schema: { type: 'object', properties: { processInstanceKey: keyString, processDefinitionId: { type: 'string' }, processDefinitionVersion: { type: 'integer' }, processDefinitionKey: keyString, tenantId: { type: 'string' } } },
    },
  },
  async handler({ body, services, principal }) {
    const created = await services.engine.createProcessInstance({
      bpmnProcessId: body.processDefinitionId,
      processDefinitionKey: body.processDefinitionKey !== undefined ? Number(body.processDefinitionKey) : undefined,
      version: body.processDefinitionVersion,
      variables: body.variables,
      startInstructions: body.startInstructions,
      audit: (instance) => ({
        actor: auditActorOf(principal),
        action: 'process-instance.create',
        processInstanceKey: instance.processInstanceKey,
        details: { processDefinitionId: instance.bpmnProcessId, version: instance.version },
      }),
    });
    return {
      body: {
        processInstanceKey: String(created.processInstanceKey),
        processDefinitionId: created.bpmnProcessId,
        processDefinitionVersion: created.version,
        processDefinitionKey: String(created.processDefinitionKey),
        tenantId: '<default>',
        variables: {},
      },
    };
  },
});

const searchInstances = defineRoute<Record<string, unknown>>({
  method: 'post',
  path: '/v2/process-instances/search',
  operationId: 'searchProcessInstances',
  summary: 'Search process instances',
  tag: TAG,
  permission: 'instances:read',
  body: searchRequest,
  responses: { 200: { description: 'Matching instances', schema: searchResponse() } },
  async handler({ body, services, principal }) {
    return { body: await searchProcessInstances(services.store.db, normalizeSearch(body) as never, principal.orgScope) };
  },
});

const getInstance = defineRoute({
  method: 'get',
  path: '/v2/process-instances/:processInstanceKey',
  operationId: 'getProcessInstance',
  summary: 'Get a process instance with its variables, active and completed elements, incidents and taken flows',
  tag: TAG,
  permission: 'instances:read',
  responses: { 200: { description: 'The instance' }, 404: { description: 'Not found (or not in your organisation)' } },
  async handler({ params, services, principal }) {
    const detail = await getProcessInstance(services.store.db, params.processInstanceKey, principal.orgScope);
    if (!detail) throw notFound(`Process instance '${params.processInstanceKey}' not found`);
    const process = services.engine.definitions.process(Number(detail.processDefinitionKey));
    const variables = principal.permissions.has('pii:read') ? detail.variables : maskVariables(services, process?.bpmnProcessId, detail.variables);
    return { body: { ...detail, variables } };
  },
});

const cancelInstance = defineRoute<{ operationReference?: number }>({
  method: 'post',
  path: '/v2/process-instances/:processInstanceKey/cancellation',
  operationId: 'cancelProcessInstance',
  summary: 'Cancel a process instance (and the instances it called)',
  tag: TAG,
  permission: 'instances:cancel',
  body: { type: 'object', additionalProperties: false, properties: { operationReference: { type: 'integer' } } },
  responses: { 204: { description: 'Cancelled' }, 404: { description: 'Not found' } },
  async handler({ params, services, principal }) {
    const visible = await getProcessInstance(services.store.db, params.processInstanceKey, principal.orgScope);
    if (!visible) throw notFound(`Process instance '${params.processInstanceKey}' not found`);
    await services.engine.cancelProcessInstance(Number(params.processInstanceKey));
    await services.audit.append({ actor: auditActorOf(principal), action: 'process-instance.cancel', processInstanceKey: params.processInstanceKey });
  },
});

const searchDefinitions = defineRoute<Record<string, unknown>>({
  method: 'post',
  path: '/v2/process-definitions/search',
  operationId: 'searchProcessDefinitions',
  summary: 'Search process definitions',
  tag: 'Process definitions',
  permission: 'definitions:read',
  body: searchRequest,
  responses: { 200: { description: 'Matching definitions', schema: searchResponse() } },
  async handler({ body, services, principal }) {
    return { body: await searchProcessDefinitions(services.store.db, normalizeSearch(body) as never, principal.orgScope) };
  },
});

const getDefinition = defineRoute({
  method: 'get',
  path: '/v2/process-definitions/:processDefinitionKey',
  operationId: 'getProcessDefinition',
  summary: 'Get a process definition',
  tag: 'Process definitions',
  permission: 'definitions:read',
  responses: { 200: { description: 'The definition' }, 404: { description: 'Not found' } },
  async handler({ params, services, principal }) {
    const found = await getProcessDefinition(services.store.db, params.processDefinitionKey, principal.orgScope);
    if (!found) throw notFound(`Process definition '${params.processDefinitionKey}' not found`);
    return { body: found };
  },
});

const getDefinitionXml = defineRoute({
  method: 'get',
  path: '/v2/process-definitions/:processDefinitionKey/xml',
  operationId: 'getProcessDefinitionXml',
  summary: 'Get the BPMN XML of a process definition',
  tag: 'Process definitions',
  permission: 'definitions:read',
  responses: { 200: { description: 'BPMN 2.0 XML' }, 404: { description: 'Not found' } },
  async handler({ params, services }) {
    const result = await services.store.db
      .selectFrom('process_definitions')
      .select('resource')
      .where('key', '=', Number(params.processDefinitionKey))
      .executeTakeFirst();
    if (!result) throw notFound(`Process definition '${params.processDefinitionKey}' not found`);
    return { body: result.resource, type: 'text/xml; charset=utf-8' };
  },
});

export const processRoutes: Route[] = [createInstance, searchInstances, getInstance, cancelInstance, searchDefinitions, getDefinition, getDefinitionXml];
void badRequest;
void variablesSchema;

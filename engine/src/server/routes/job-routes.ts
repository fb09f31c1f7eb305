import { defineRoute, type Route, type RouteContext } from '../http/route.js';
import { badRequest, forbidden, notFound } from '../http/problem.js';
import { jobInScope } from '../../query/index.js';

/** A caller scoped to organisations acts only on jobs of cases in its scope; others answer 404, as on reading. */
async function checkJobInScope({ params, services, principal }: RouteContext): Promise<void> {
  if (!(await jobInScope(services.store.db, params.jobKey, principal.orgScope))) throw notFound(`Job '${params.jobKey}' not found`);
}

const activate = defineRoute<{ type: string; worker?: string; timeout: number; maxJobsToActivate: number; fetchVariable?: string[]; requestTimeout?: number }>({
  method: 'post',
  path: '/v2/jobs/activation',
  operationId: 'activateJobs',
  summary: 'Activate jobs of a type (long polling up to requestTimeout ms)',
  tag: 'Jobs',
  permission: 'jobs:work',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'timeout', 'maxJobsToActivate'],
    properties: {
      type: { type: 'string', minLength: 1 },
      worker: { type: 'string' },
      timeout: { type: 'integer', minimum: 1 },
      maxJobsToActivate: { type: 'integer', minimum: 1, maximum: 1000 },
      fetchVariable: { type: 'array', items: { type: 'string' } },
      requestTimeout: { type: 'integer', minimum: 0, maximum: 600_000 },
      tenantIds: { type: 'array', items: { type: 'string' } },
    },
  },
  responses: { 200: { description: 'The activated jobs' }, 403: { description: 'The caller is limited to an organisation (activation is organisation-wide)' } },
  async handler({ body, services, principal }) {
    if (principal.orgScope !== 'all') {
      // Activation hands out jobs of every organisation, with their variables; it cannot be narrowed to a subtree.
      throw forbidden(`Activating jobs needs organisation-wide scope; this caller is limited to organisation ${principal.orgId ?? '(none)'}`);
    }
    const jobs = await services.engine.activateJobs({
      type: body.type,
      worker: body.worker ?? 'rest',
      timeout: body.timeout,
      maxJobsToActivate: body.maxJobsToActivate,
      fetchVariables: body.fetchVariable,
      requestTimeout: body.requestTimeout ?? 0,
    });
    return {
      body: {
        jobs: jobs.map((job) => ({
          jobKey: String(job.key),
          type: job.type,
          processInstanceKey: String(job.processInstanceKey),
          processDefinitionId: job.bpmnProcessId,
          processDefinitionVersion: job.processDefinitionVersion,
          processDefinitionKey: String(job.processDefinitionKey),
          elementId: job.elementId,
          elementInstanceKey: String(job.elementInstanceKey),
          customHeaders: job.customHeaders,
          worker: job.worker,
          retries: job.retries,
          deadline: job.deadline,
          variables: job.variables,
          tenantId: '<default>',
          kind: job.kind,
          listenerEventType: job.listenerEventType,
        })),
      },
    };
  },
});

const complete = defineRoute<{ variables?: Record<string, unknown> }>({
  method: 'post',
  path: '/v2/jobs/:jobKey/completion',
  operationId: 'completeJob',
  summary: 'Complete a job',
  tag: 'Jobs',
  permission: 'jobs:work',
  body: { type: 'object', additionalProperties: false, properties: { variables: { type: ['object', 'null'] }, result: { type: 'object' } } },
  responses: { 204: { description: 'Completed' }, 404: { description: 'No such job' }, 409: { description: 'The job is not in a state to complete' } },
  async handler(context) {
    const { params, body, services } = context;
    await checkJobInScope(context);
    await services.engine.completeJob(Number(params.jobKey), body.variables ?? {});
  },
});

const fail = defineRoute<{ retries?: number; errorMessage?: string; retryBackOff?: number; variables?: Record<string, unknown> }>({
  method: 'post',
  path: '/v2/jobs/:jobKey/failure',
  operationId: 'failJob',
  summary: 'Fail a job (retries left; 0 raises an incident)',
  tag: 'Jobs',
  permission: 'jobs:work',
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      retries: { type: 'integer', minimum: 0 },
      errorMessage: { type: 'string' },
      retryBackOff: { type: 'integer', minimum: 0 },
      variables: { type: 'object' },
    },
  },
  responses: { 204: { description: 'Failed' }, 404: { description: 'No such job' } },
  async handler(context) {
    const { params, body, services } = context;
    await checkJobInScope(context);
    await services.engine.failJob(Number(params.jobKey), {
      retries: body.retries ?? 0,
      errorMessage: body.errorMessage,
      retryBackOff: body.retryBackOff,
      variables: body.variables,
    });
  },
});

const error = defineRoute<{ errorCode: string; errorMessage?: string; variables?: Record<string, unknown> }>({
  method: 'post',
  path: '/v2/jobs/:jobKey/error',
  operationId: 'throwJobError',
  summary: 'Throw a BPMN error from a job (caught by the nearest matching catch, else an incident)',
  tag: 'Jobs',
  permission: 'jobs:work',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['errorCode'],
    properties: { errorCode: { type: 'string', minLength: 1 }, errorMessage: { type: 'string' }, variables: { type: 'object' } },
  },
  responses: { 204: { description: 'Thrown' }, 404: { description: 'No such job' } },
  async handler(context) {
    const { params, body, services } = context;
    await checkJobInScope(context);
    await services.engine.throwError(Number(params.jobKey), body.errorCode, body.errorMessage ?? '', body.variables);
  },
});

const update = defineRoute<{ changeset: { retries?: number; timeout?: number } }>({
  method: 'patch',
  path: '/v2/jobs/:jobKey',
  operationId: 'updateJob',
  summary: 'Update a job’s retries and/or timeout',
  tag: 'Jobs',
  permission: 'jobs:work',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['changeset'],
    properties: {
      changeset: {
        type: 'object',
        additionalProperties: false,
        properties: { retries: { type: 'integer', minimum: 1 }, timeout: { type: 'integer', minimum: 0 } },
      },
      operationReference: { type: 'integer' },
    },
  },
  responses: { 204: { description: 'Updated' }, 404: { description: 'No such job' } },
  async handler(context) {
    const { params, body, services } = context;
    const { retries, timeout } = body.changeset;
    if (retries === undefined && timeout === undefined) throw badRequest('changeset must set retries or timeout', [{ field: '/changeset', message: 'empty' }]);
    await checkJobInScope(context);
    if (retries !== undefined) await services.engine.updateJobRetries(Number(params.jobKey), retries);
    if (timeout !== undefined) await services.engine.updateJobTimeout(Number(params.jobKey), timeout);
  },
});

export const jobRoutes: Route[] = [activate, complete, fail, error, update];

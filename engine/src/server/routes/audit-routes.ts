import { defineRoute, type Route } from '../http/route.js';

const list = defineRoute<unknown, { processInstanceKey?: string; userTaskKey?: string; actorId?: string; action?: string; after?: string; limit?: string }>({
  method: 'get',
  path: '/v2/audit',
  operationId: 'listAudit',
  summary: 'The audit trail: who did what to which instance or task',
  tag: 'Audit',
  permission: 'audit:read',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      processInstanceKey: { type: 'string', pattern: '^[0-9]{1,19}$' },
      userTaskKey: { type: 'string', pattern: '^[0-9]{1,19}$' },
      actorId: { type: 'string', maxLength: 64 },
      action: { type: 'string', maxLength: 64 },
      after: { type: 'string', pattern: '^[0-9]{1,19}$' },
      limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
    },
  },
  responses: { 200: { description: 'Audit records, oldest first' } },
  async handler({ query, services }) {
    const items = await services.audit.list({
      processInstanceKey: query.processInstanceKey,
      userTaskKey: query.userTaskKey,
      actorId: query.actorId,
      action: query.action,
      after: query.after !== undefined ? Number(query.after) : undefined,
      limit: query.limit !== undefined ? Math.min(1000, Math.max(1, Number(query.limit))) : undefined,
    });
    return { body: { items } };
  },
});

const verify = defineRoute({
  method: 'get',
  path: '/v2/audit/verify',
  operationId: 'verifyAudit',
  summary: 'Recompute the audit hash chain: {ok, records, brokenAt?}',
  tag: 'Audit',
  permission: 'audit:read',
  responses: { 200: { description: 'The verification' } },
  async handler({ services }) {
    return { body: await services.audit.verify() };
  },
});

export const auditRoutes: Route[] = [list, verify];

import { defineRoute, type Route } from '../http/route.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { checkFormDefinition } from '../../forms/index.js';
import { auditActorOf } from '../../audit/index.js';
import { deploymentResponse } from './deployment-routes.js';

const FORM_ID = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' };
const formBody = {
  type: 'object',
  required: ['title', 'schema'],
  properties: {
    id: FORM_ID,
    title: { type: 'string', minLength: 1 },
    schema: { type: 'object' },
    uiSchema: { type: 'object' },
    version: { type: 'integer' },
    description: { type: 'string' },
  },
  additionalProperties: false,
};

/** Checks a form and deploys it as a new version (unchanged content keeps its version). */
async function saveForm(ctx: Parameters<Route['handler']>[0], form: Record<string, unknown>) {
  const { version: _ignored, ...content } = form;
  const problems = checkFormDefinition(content);
  if (problems.length > 0) {
    throw new HttpProblem(400, 'INVALID_ARGUMENT', `The form is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, {
      errors: problems.map((p) => ({ field: p.path, message: p.message })),
    });
  }
  const result = await ctx.services.engine.deploy([{ name: `${content.id}.form.json`, content: JSON.stringify(content, null, 2) }]);
  const deployed = result.forms[0];
  await ctx.services.audit.append({ actor: auditActorOf(ctx.principal), action: 'form.save', target: `form:${deployed.formId}`, details: { version: deployed.version } });
  return { status: 201, body: { id: deployed.formId, version: deployed.version, formKey: String(deployed.formKey), deployment: deploymentResponse(result) } };
}

const create = defineRoute<Record<string, unknown>>({
  method: 'post',
  path: '/v2/forms',
  operationId: 'createForm',
  summary: 'Create a form (JSON Schema + uiSchema); it is deployed as version 1, or a new version of an existing id',
  tag: 'Forms',
  permission: 'forms:write',
  idempotent: true,
  body: { ...formBody, required: ['id', 'title', 'schema'] },
  responses: { 201: { description: 'Saved: {id, version}' }, 400: { description: 'Invalid form: one error per problem' } },
  async handler(ctx) {
    return saveForm(ctx, ctx.body);
  },
});

const newVersion = defineRoute<Record<string, unknown>>({
  method: 'post',
  path: '/v2/forms/:formId/versions',
  operationId: 'createFormVersion',
  summary: 'Save a new version of a form',
  tag: 'Forms',
  permission: 'forms:write',
  params: { formId: FORM_ID },
  body: formBody,
  responses: { 201: { description: 'Saved: {id, version}' }, 400: { description: 'Invalid form' } },
  async handler(ctx) {
    if (ctx.body.id !== undefined && ctx.body.id !== ctx.params.formId) {
      throw new HttpProblem(400, 'INVALID_ARGUMENT', `The body's id '${String(ctx.body.id)}' differs from the path's '${ctx.params.formId}'`, {
        errors: [{ field: '/id', message: 'must match the path' }],
      });
    }
    return saveForm(ctx, { ...ctx.body, id: ctx.params.formId });
  },
});

const list = defineRoute({
  method: 'get',
  path: '/v2/forms',
  operationId: 'listForms',
  summary: 'List forms (latest version of each)',
  tag: 'Forms',
  permission: 'forms:read',
  responses: { 200: { description: 'Forms' } },
  async handler({ services }) {
    const latest = new Map<string, ReturnType<typeof services.engine.definitions.allForms>[number]>();
    for (const form of services.engine.definitions.allForms()) {
      const seen = latest.get(form.formId);
      if (!seen || seen.version < form.version) latest.set(form.formId, form);
    }
    const items = [...latest.values()]
      .sort((a, b) => a.formId.localeCompare(b.formId))
      .map((f) => ({ id: f.formId, version: f.version, formKey: String(f.key), title: f.content.title ?? f.formId }));
    return { body: { items, page: { totalItems: items.length } } };
  },
});

const get = defineRoute<unknown, { version?: string }>({
  method: 'get',
  path: '/v2/forms/:formId',
  operationId: 'getForm',
  summary: 'Get a form (latest, or ?version=n)',
  tag: 'Forms',
  permission: 'forms:read',
  params: { formId: FORM_ID },
  query: { type: 'object', additionalProperties: false, properties: { version: { type: 'string', pattern: '^[1-9][0-9]*$' } } },
  responses: { 200: { description: 'The form' }, 404: { description: 'Not found' } },
  async handler({ params, query, services }) {
    const forms = services.engine.definitions.allForms().filter((f) => f.formId === params.formId);
    const form = query.version ? forms.find((f) => f.version === Number(query.version)) : forms.sort((a, b) => b.version - a.version)[0];
    if (!form) throw notFound(`Form '${params.formId}'${query.version ? ` version ${query.version}` : ''} not found`);
    return { body: { ...form.content, id: form.formId, version: form.version, formKey: String(form.key), versions: forms.map((f) => f.version).sort((a, b) => a - b) } };
  },
});

export const formRoutes: Route[] = [create, newVersion, list, get];

import { defineRoute, type Route, type RouteContext } from '../http/route.js';
import { HttpProblem, conflict, forbidden, notFound } from '../http/problem.js';
import { normalizeSearch, searchRequest, searchResponse } from './schemas.js';
import { getProcessInstance, getUserTask, searchUserTasks, type UserTaskItem } from '../../query/index.js';
import { parseFormKey, validateSubmission, type FormDefinition } from '../../forms/index.js';
import { auditActorOf } from '../../audit/index.js';
import { maskFormData } from './pii.js';

const TAG = 'User tasks';

async function visibleTask(ctx: RouteContext, key: string): Promise<UserTaskItem> {
  const task = await getUserTask(ctx.services.store.db, key, ctx.principal.orgScope);
  if (!task) throw notFound(`User task '${key}' not found`);
  return task;
}

function formOf(ctx: RouteContext, task: UserTaskItem): (FormDefinition & { version: number }) | undefined {
  if (!task.formKey) return undefined;
  const form = ctx.services.engine.definitions.latestForm(parseFormKey(task.formKey));
  if (!form) return undefined;
  return { ...(form.content as unknown as FormDefinition), version: form.version };
}

/** Staff work on tasks assigned to them, offered to their groups or to them, or unassigned ones they claimed. */
function assertMayWork(ctx: RouteContext, task: UserTaskItem): void {
  const p = ctx.principal;
  if (p.roles.includes('admin') || p.kind === 'apiKey') return;
  const mine = task.assignee === p.name;
  const offered = !task.assignee && (task.candidateGroups.some((g) => p.groups.includes(g)) || task.candidateUsers.includes(p.name) || (task.candidateGroups.length === 0 && task.candidateUsers.length === 0));
  if (!mine && !offered) throw forbidden(`User task '${task.userTaskKey}' is ${task.assignee ? `assigned to '${task.assignee}'` : 'not offered to you'}`);
}

const search = defineRoute<Record<string, unknown>>({
  method: 'post',
  path: '/v2/user-tasks/search',
  operationId: 'searchUserTasks',
  summary: 'Search user tasks (staff see their organisation’s)',
  tag: TAG,
  permission: 'tasks:read',
  body: searchRequest,
  responses: { 200: { description: 'Matching tasks', schema: searchResponse() } },
  async handler({ body, services, principal }) {
    return { body: await searchUserTasks(services.store.db, normalizeSearch(body) as never, principal.orgScope) };
  },
});

const get = defineRoute({
  method: 'get',
  path: '/v2/user-tasks/:userTaskKey',
  operationId: 'getUserTask',
  summary: 'Get a user task with its form (schema and uiSchema) and the variables the form shows',
  tag: TAG,
  permission: 'tasks:read',
  responses: { 200: { description: 'The task' }, 404: { description: 'Not found' } },
  async handler(ctx) {
    const task = await visibleTask(ctx, ctx.params.userTaskKey);
    const form = formOf(ctx, task);
    const instance = await getProcessInstance(ctx.services.store.db, task.processInstanceKey, ctx.principal.orgScope);
    const all = instance?.variables ?? {};
    const fields = Object.keys(((form?.schema as { properties?: object } | undefined)?.properties ?? {}) as object);
    let variables: Record<string, unknown> = form ? Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])) : all;
    if (form && !ctx.principal.permissions.has('pii:read')) variables = maskFormData(form.schema, variables);
    return {
      body: {
        ...task,
        form: form ? { id: form.id, version: form.version, title: form.title, schema: form.schema, uiSchema: form.uiSchema ?? {} } : null,
        variables,
      },
    };
  },
});

const assign = defineRoute<{ assignee: string; allowOverride?: boolean; action?: string }>({
  method: 'post',
  path: '/v2/user-tasks/:userTaskKey/assignment',
  operationId: 'assignUserTask',
  summary: 'Assign (claim) a user task',
  tag: TAG,
  permission: 'tasks:work',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['assignee'],
    properties: { assignee: { type: 'string', minLength: 1, maxLength: 64 }, allowOverride: { type: 'boolean' }, action: { type: 'string' } },
  },
  responses: { 204: { description: 'Assigned' }, 404: { description: 'Not found' }, 409: { description: 'Already assigned or completed' } },
  async handler(ctx) {
    const task = await visibleTask(ctx, ctx.params.userTaskKey);
    if (task.state !== 'CREATED') throw conflict(`User task '${task.userTaskKey}' is ${task.state}`);
    if (task.assignee && task.assignee !== ctx.body.assignee && ctx.body.allowOverride === false) {
      throw conflict(`User task '${task.userTaskKey}' is already assigned to '${task.assignee}'`);
    }
    const p = ctx.principal;
    if (!p.roles.includes('admin') && p.kind !== 'apiKey') {
      if (ctx.body.assignee !== p.name) throw forbidden('Staff can only claim tasks for themselves');
      // A task someone else holds is theirs until they give it back or an admin reassigns it.
      assertMayWork(ctx, task);
    }
    await ctx.services.engine.assignUserTask(Number(task.userTaskKey), ctx.body.assignee);
    await ctx.services.audit.append({ actor: auditActorOf(p), action: 'user-task.assign', userTaskKey: task.userTaskKey, processInstanceKey: task.processInstanceKey, details: { assignee: ctx.body.assignee } });
  },
});

const unassign = defineRoute({
  method: 'delete',
  path: '/v2/user-tasks/:userTaskKey/assignee',
  operationId: 'unassignUserTask',
  summary: 'Unassign (unclaim) a user task',
  tag: TAG,
  permission: 'tasks:work',
  responses: { 204: { description: 'Unassigned' }, 404: { description: 'Not found' } },
  async handler(ctx) {
    const task = await visibleTask(ctx, ctx.params.userTaskKey);
    if (task.state !== 'CREATED') throw conflict(`User task '${task.userTaskKey}' is ${task.state}`);
    const p = ctx.principal;
    if (!p.roles.includes('admin') && p.kind !== 'apiKey' && task.assignee !== p.name) throw forbidden('Only the assignee can give a task back');
    await ctx.services.engine.assignUserTask(Number(task.userTaskKey), null);
    await ctx.services.audit.append({ actor: auditActorOf(p), action: 'user-task.unassign', userTaskKey: task.userTaskKey, processInstanceKey: task.processInstanceKey });
  },
});

const complete = defineRoute<{ variables?: Record<string, unknown>; action?: string }>({
  method: 'post',
  path: '/v2/user-tasks/:userTaskKey/completion',
  operationId: 'completeUserTask',
  summary: 'Complete a user task; the variables are validated against its form (422 with one error per field)',
  tag: TAG,
  permission: 'tasks:work',
  body: { type: 'object', additionalProperties: false, properties: { variables: { type: ['object', 'null'] }, action: { type: 'string' } } },
  responses: {
    204: { description: 'Completed' },
    404: { description: 'Not found' },
    409: { description: 'Already completed' },
    422: { description: 'The form data is invalid; the task stays open' },
  },
  async handler(ctx) {
    const task = await visibleTask(ctx, ctx.params.userTaskKey);
    if (task.state !== 'CREATED') throw conflict(`User task '${task.userTaskKey}' is already ${task.state.toLowerCase()}`);
    assertMayWork(ctx, task);
    const variables = ctx.body.variables ?? {};
    const form = formOf(ctx, task);
    if (task.formKey && !form) throw new HttpProblem(409, 'INVALID_STATE', `The form '${task.formKey}' of this task is not deployed`);
    if (form) {
      const result = validateSubmission(form, variables, ctx.locale);
      if (!result.valid) {
        throw new HttpProblem(422, 'INVALID_FORM_DATA', ctx.locale === 'zh' ? '表单填写有误' : 'The form data is invalid', {
          errors: result.errors.map((e) => ({ field: e.field, message: e.message })),
        });
      }
    }
    await ctx.services.engine.completeJob(Number(task.userTaskKey), variables);
    await ctx.services.audit.append({
      actor: auditActorOf(ctx.principal),
      action: 'user-task.complete',
      userTaskKey: task.userTaskKey,
      processInstanceKey: task.processInstanceKey,
      details: { elementId: task.elementId, fields: Object.keys(variables) },
    });
  },
});

export const userTaskRoutes: Route[] = [search, get, assign, unassign, complete];

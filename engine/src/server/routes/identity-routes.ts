import { defineRoute, type Route } from '../http/route.js';
import { auditActorOf } from '../../audit/index.js';
import { ROLES } from '../../identity/principal.js';

const ROLE_LIST = { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...ROLES] } };
const ORG_ID = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' };

const login = defineRoute<{ username: string; password: string }>({
  method: 'post',
  path: '/v2/auth/login',
  operationId: 'login',
  summary: 'Log in with a username and password; returns a bearer token (12 h)',
  tag: 'Authentication',
  permission: null,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'password'],
    properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 256 } },
  },
  responses: { 200: { description: 'Logged in: {token, expiresAt, user}' }, 401: { description: 'Wrong username or password' }, 429: { description: 'Too many failed attempts' } },
  async handler({ body, services, koa }) {
    const result = await services.identity.auth.login(body.username, body.password, koa.ip || 'unknown');
    const p = result.principal;
    await services.audit.append({ actor: auditActorOf(p), action: 'auth.login' });
    return {
      body: {
        token: result.token,
        expiresAt: new Date(result.expiresAt).toISOString(),
        user: { id: p.id, username: p.name, roles: p.roles, orgId: p.orgId ?? null, groups: p.groups, permissions: [...p.permissions] },
      },
    };
  },
});

const me = defineRoute({
  method: 'get',
  path: '/v2/auth/me',
  operationId: 'whoAmI',
  summary: 'Who the token belongs to, with roles and permissions',
  tag: 'Authentication',
  permission: null,
  anyPermission: ['forms:read', 'simulate', 'definitions:read', 'tasks:read'],
  responses: { 200: { description: 'The caller' } },
  async handler({ principal: p }) {
    return { body: { id: p.id, kind: p.kind, username: p.name, roles: p.roles, orgId: p.orgId ?? null, groups: p.groups, permissions: [...p.permissions] } };
  },
});

const listUsers = defineRoute({
  method: 'get',
  path: '/v2/users',
  operationId: 'listUsers',
  summary: 'List users',
  tag: 'Users',
  permission: 'users:manage',
  responses: { 200: { description: 'Users' } },
  async handler({ services }) {
    const items = await services.identity.users.list();
    return { body: { items, page: { totalItems: items.length } } };
  },
});

const createUser = defineRoute<{ username: string; password: string; displayName?: string; roles: string[]; orgId?: string; groups?: string[] }>({
  method: 'post',
  path: '/v2/users',
  operationId: 'createUser',
  summary: 'Create a user (staff need an organisation)',
  tag: 'Users',
  permission: 'users:manage',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'password', 'roles'],
    properties: {
      username: { type: 'string' },
      password: { type: 'string' },
      displayName: { type: 'string', maxLength: 64 },
      roles: ROLE_LIST,
      orgId: ORG_ID,
      groups: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 } },
    },
  },
  responses: { 201: { description: 'Created' }, 400: { description: 'Invalid' }, 409: { description: 'Username taken' } },
  async handler({ body, services, principal }) {
    const user = await services.identity.users.create(body as never);
    await services.audit.append({ actor: auditActorOf(principal), action: 'user.create', target: `user:${user.id}`, details: { username: user.username, roles: user.roles } });
    return { status: 201, body: user };
  },
});

const updateUser = defineRoute<Record<string, unknown>>({
  method: 'patch',
  path: '/v2/users/:userId',
  operationId: 'updateUser',
  summary: 'Change a user’s roles, organisation, groups, password or disable them',
  tag: 'Users',
  permission: 'users:manage',
  params: { userId: { type: 'string', minLength: 1, maxLength: 64 } },
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      displayName: { type: 'string', maxLength: 64 },
      roles: ROLE_LIST,
      orgId: { anyOf: [ORG_ID, { type: 'null' }] },
      groups: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 } },
      disabled: { type: 'boolean' },
      password: { type: 'string' },
    },
  },
  responses: { 200: { description: 'Updated' }, 404: { description: 'No such user' } },
  async handler({ params, body, services, principal }) {
    const user = await services.identity.users.update(params.userId, body as never);
    const { password: _secret, ...changed } = body;
    await services.audit.append({ actor: auditActorOf(principal), action: 'user.update', target: `user:${params.userId}`, details: { changed: Object.keys(changed), password: 'password' in body } });
    return { body: user };
  },
});

const listOrgs = defineRoute({
  method: 'get',
  path: '/v2/organizations',
  operationId: 'listOrganizations',
  summary: 'The organisation tree: district → street → community → grid',
  tag: 'Organizations',
  permission: 'orgs:read',
  responses: { 200: { description: 'The tree and a flat list' } },
  async handler({ services }) {
    const items = await services.identity.organizations.list();
    return { body: { items, tree: await services.identity.organizations.tree(), page: { totalItems: items.length } } };
  },
});

const createOrg = defineRoute<{ id: string; name: string; kind: string; parentId?: string }>({
  method: 'post',
  path: '/v2/organizations',
  operationId: 'createOrganization',
  summary: 'Add a street, community or grid (kinds nest in that order)',
  tag: 'Organizations',
  permission: 'orgs:manage',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'name', 'kind'],
    properties: { id: ORG_ID, name: { type: 'string', minLength: 1, maxLength: 64 }, kind: { enum: ['district', 'street', 'community', 'grid'] }, parentId: ORG_ID },
  },
  responses: { 201: { description: 'Created' }, 400: { description: 'Wrong nesting or unknown parent' }, 409: { description: 'Id taken' } },
  async handler({ body, services, principal }) {
    const org = await services.identity.organizations.create(body as never);
    await services.audit.append({ actor: auditActorOf(principal), action: 'organization.create', target: `org:${org.id}` });
    return { status: 201, body: org };
  },
});

const listKeys = defineRoute({
  method: 'get',
  path: '/v2/api-keys',
  operationId: 'listApiKeys',
  summary: 'List API keys (never the keys themselves)',
  tag: 'API keys',
  permission: 'apikeys:manage',
  responses: { 200: { description: 'API keys' } },
  async handler({ services }) {
    const items = await services.identity.apiKeys.list();
    return { body: { items, page: { totalItems: items.length } } };
  },
});

const createKey = defineRoute<{ name: string; roles: string[]; orgId?: string }>({
  method: 'post',
  path: '/v2/api-keys',
  operationId: 'createApiKey',
  summary: 'Create an API key for an integrator; the key is shown once',
  tag: 'API keys',
  permission: 'apikeys:manage',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'roles'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 64 }, roles: ROLE_LIST, orgId: ORG_ID },
  },
  responses: { 201: { description: 'Created: {id, name, key}' } },
  async handler({ body, services, principal }) {
    const created = await services.identity.apiKeys.create(body as never, principal.id);
    await services.audit.append({ actor: auditActorOf(principal), action: 'api-key.create', target: `api-key:${created.id}`, details: { name: created.name, roles: body.roles } });
    return { status: 201, body: created };
  },
});

const revokeKey = defineRoute({
  method: 'delete',
  path: '/v2/api-keys/:apiKeyId',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key',
  tag: 'API keys',
  permission: 'apikeys:manage',
  params: { apiKeyId: { type: 'string', minLength: 1, maxLength: 64 } },
  responses: { 204: { description: 'Revoked' }, 404: { description: 'No such key' } },
  async handler({ params, services, principal }) {
    await services.identity.apiKeys.revoke(params.apiKeyId);
    await services.audit.append({ actor: auditActorOf(principal), action: 'api-key.revoke', target: `api-key:${params.apiKeyId}` });
  },
});

export const identityRoutes: Route[] = [login, me, listUsers, createUser, updateUser, listOrgs, createOrg, listKeys, createKey, revokeKey];

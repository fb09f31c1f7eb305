/**
 * Every route of allRoutes() against every kind of caller: the expected outcome (allowed, 401, 403) is computed
 * from the route's permission and ROLE_PERMISSIONS, and checked against the real server's answer. The table is
 * generated from the route list, so a new route is covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { allRoutes } from '../../engine/src/server/routes/index.js';
import { KEY_PARAM, type Route } from '../../engine/src/server/http/route.js';
import { permissionsOf, ROLES, type Permission, type Role } from '../../engine/src/identity/principal.js';
import { basic, TestServer, SERVER_START_TIMEOUT } from './support/test-server.js';

const routes = allRoutes();

/** A caller: how it authenticates, and what it may do (undefined: it is not authenticated at all). */
interface Caller {
  name: string;
  authorization?: string;
  permissions?: ReadonlySet<Permission>;
}

type Expected = 'allowed' | 401 | 403;

function expectedFor(route: Route, caller: Caller): Expected {
  const isPublic = route.permission === null && !route.anyPermission;
  if (isPublic) return 'allowed';
  if (!caller.permissions) return 401;
  const has = (p: Permission) => caller.permissions!.has(p);
  if (route.permission && !has(route.permission)) return 403;
  if (route.anyPermission && !route.anyPermission.some(has)) return 403;
  return 'allowed';
}

const ajv = new Ajv2020({ strict: false });
/** Path values that pass the parameter's schema, so that allowed calls reach their handler (and find nothing). */
const DUMMY_VALUES = ['4503599627370495', 'no-such-thing', '2031'];
function dummyPath(route: Route): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const validate = ajv.compile(route.params?.[name] ?? KEY_PARAM);
    const value = DUMMY_VALUES.find((v) => validate(v));
    if (!value) throw new Error(`no dummy value fits the parameter ${name} of ${route.path}; add one to DUMMY_VALUES`);
    return value;
  });
}

/** A request that is harmless when allowed: an empty body (rejected or matching nothing), a multipart without files. */
function requestInit(route: Route, authorization: string | undefined): RequestInit {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  if (route.multipart) return { method: route.method.toUpperCase(), headers, body: new FormData() };
  if (route.body) return { method: route.method.toUpperCase(), headers: { ...headers, 'content-type': 'application/json' }, body: '{}' };
  return { method: route.method.toUpperCase(), headers };
}

describe('authorization matrix (PGlite)', () => {
  let t: TestServer;
  const callers: Caller[] = [];

  beforeAll(async () => {
    t = await TestServer.start();
    for (const role of ROLES) {
      const client = await t.as(role);
      callers.push({ name: role, authorization: client.authorization, permissions: permissionsOf([role as Role]) });
    }
    const key = await t.apiKey(['integrator'], 'matrix integrator');
    const revoked = await t.apiKey(['integrator'], 'matrix revoked');
    const admin = await t.as('admin');
    expect((await admin.delete(`/v2/api-keys/${revoked.id}`)).status).toBe(204);
    callers.push(
      { name: 'API key as Bearer (integrator)', authorization: `Bearer ${key.key}`, permissions: permissionsOf(['integrator']) },
      { name: 'API key as HTTP Basic (integrator)', authorization: basic(key.id, key.key), permissions: permissionsOf(['integrator']) },
      { name: 'no credentials' },
      { name: 'a bad token', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
      { name: 'a malformed Authorization header', authorization: 'Token abc' },
      { name: 'a revoked API key', authorization: `Bearer ${revoked.key}` },
      { name: 'HTTP Basic with a wrong API key secret', authorization: basic(key.id, 'gzk_wrong') },
    );
  }, SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  it('covers every route, the calendar routes included', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['put /v2/calendar/years/:year', 'post /v2/calendar/deadline', 'post /v2/user-tasks/:userTaskKey/completion']));
    expect(routes.length).toBeGreaterThanOrEqual(50);
  });

  it.each(routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s', async (_name, route) => {
    const path = dummyPath(route);
    const outcomes = await Promise.all(
      callers.map(async (caller) => {
        const response = await fetch(t.url + path, requestInit(route, caller.authorization));
        const text = await response.text();
        return { caller, status: response.status, type: response.headers.get('content-type') ?? '', challenge: response.headers.get('www-authenticate'), text };
      }),
    );
    const wrong: string[] = [];
    for (const { caller, status, type, challenge, text } of outcomes) {
      const expected = expectedFor(route, caller);
      const ok = expected === 'allowed' ? status !== 401 && status !== 403 && status < 500 : status === expected;
      if (!ok) wrong.push(`${caller.name}: expected ${expected}, got ${status} ${text.slice(0, 200)}`);
      if (status >= 400 && !type.startsWith('application/problem+json')) wrong.push(`${caller.name}: ${status} is not problem+json but ${type}`);
      if (status === 401 && !challenge?.includes('Bearer')) wrong.push(`${caller.name}: 401 without WWW-Authenticate`);
    }
    expect(wrong).toEqual([]);
  });
});

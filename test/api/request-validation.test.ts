/**
 * Bad input for every route, generated from allRoutes(): unknown and mistyped fields, malformed JSON, a wrong
 * content type, bodies over the limit, path keys that are not keys, prototype-polluting keys in variables and
 * unknown query parameters. Every answer is RFC 9457 problem+json. And the OpenAPI document that lists them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { allRoutes } from '../../engine/src/server/routes/index.js';
import { KEY_PARAM, type JsonSchema, type Route } from '../../engine/src/server/http/route.js';
import { TestServer, type ApiClient, type ApiResponse, SERVER_START_TIMEOUT } from './support/test-server.js';

const routes = allRoutes();
const label = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;
const jsonBodyRoutes = routes.filter((r) => r.body && !r.multipart);
const paramRoutes = routes.filter((r) => r.path.includes(':'));
const ajv = new Ajv2020({ strict: false });
// OpenAPI's format for uploaded files.
ajv.addFormat('binary', true);

/** Path values that pass every parameter's schema (so the request is refused for what the test sends, not the path). */
function validPath(route: Route, overrides: Record<string, string> = {}): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (name in overrides) return encodeURIComponent(overrides[name]);
    const validate = ajv.compile(route.params?.[name] ?? KEY_PARAM);
    return ['4503599627370495', 'no-such-thing', '2031'].find((v) => validate(v))!;
  });
}

/** A value of the wrong type for a property schema. */
function wrongValue(schema: JsonSchema): unknown {
  const type = schema.type;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  if (types.includes('string')) return 12345;
  if (types.includes('object') || types.includes('array')) return 'not-a-structure';
  if (types.includes('integer') || types.includes('number')) return 'not-a-number';
  if (types.includes('boolean')) return 'not-a-boolean';
  if (schema.enum) return { not: 'in the enum' };
  return undefined;
}

/** The first property that has a type (or an enum), and a wrong value for it. */
function mistypedField(route: Route): [string, unknown] {
  const properties = (route.body as { properties?: Record<string, JsonSchema> }).properties ?? {};
  for (const [name, schema] of Object.entries(properties)) {
    const value = wrongValue(schema);
    if (value !== undefined) return [name, value];
  }
  throw new Error(`${label(route)} has no typed property to mistype`);
}

function expectProblem(response: ApiResponse, status: number, what: string): void {
  expect(response.status, `${what}: ${response.text.slice(0, 300)}`).toBe(status);
  expect(response.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  expect(response.body, what).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
}

describe('request validation (PGlite)', () => {
  let t: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.as('admin');
  }, SERVER_START_TIMEOUT);
  afterAll(async () => t?.close(), SERVER_START_TIMEOUT);

  it('every JSON body schema refuses unknown fields (additionalProperties: false)', () => {
    expect(jsonBodyRoutes.length).toBeGreaterThan(20);
    const open = jsonBodyRoutes.filter((r) => (r.body as { additionalProperties?: unknown }).additionalProperties !== false).map(label);
    expect(open).toEqual([]);
  });

  describe.each(jsonBodyRoutes.map((r) => [label(r), r] as const))('%s', (_name, route) => {
    const send = (init: { body?: string | Uint8Array; type?: string }) =>
      admin.request(route.method, validPath(route), { raw: init.body as BodyInit, headers: init.type ? { 'content-type': init.type } : {} });

    it('names an unknown field (400)', async () => {
      const response = await admin.request(route.method, validPath(route), { body: { zzUnknownField: 1 } });
      expectProblem(response, 400, 'unknown field');
      expect(response.body.errors).toEqual(expect.arrayContaining([{ field: '/zzUnknownField', message: "unknown field 'zzUnknownField'" }]));
    });

    it('names a mistyped field (400), and refuses a body that is not an object', async () => {
      const [field, value] = mistypedField(route);
      const response = await admin.request(route.method, validPath(route), { body: { [field]: value } });
      expectProblem(response, 400, `mistyped ${field}`);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(`/${field}`);
      expectProblem(await admin.request(route.method, validPath(route), { body: [1, 2] }), 400, 'array body');
    });

    it('refuses malformed JSON (400), another content type (415) and a body over the limit (413)', async () => {
      const malformed = await send({ body: '{"variables": {', type: 'application/json' });
      expectProblem(malformed, 400, 'malformed JSON');
      expect(malformed.body.detail).toMatch(/JSON/);
      expectProblem(await send({ body: 'name=x', type: 'application/x-www-form-urlencoded' }), 415, 'form-encoded');
      expectProblem(await send({ body: 'hello', type: 'text/plain' }), 415, 'text/plain');
      const huge = new TextEncoder().encode(`{"zz":"${'x'.repeat(2 * 1024 * 1024 + 10)}"}`);
      expectProblem(await send({ body: huge, type: 'application/json' }), 413, 'over the limit');
    });
  });

  const variableRoutes = jsonBodyRoutes.filter((r) => 'variables' in ((r.body as { properties?: object }).properties ?? {}));
  it.each(variableRoutes.map((r) => [label(r), r] as const))('%s refuses __proto__, constructor and prototype keys in variables (400)', async (_name, route) => {
    expect(variableRoutes.length).toBeGreaterThanOrEqual(7);
    for (const raw of [
      '{"variables": {"__proto__": {"isAdmin": true}}}',
      '{"variables": {"applicant": {"constructor": {"prototype": {"x": 1}}}}}',
      '{"variables": {"list": [{"prototype": 1}]}}',
    ]) {
      const response = await admin.request(route.method, validPath(route), { raw, headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, raw);
      expect(response.body.errors[0].message).toBe('forbidden key');
    }
  });

  it.each(paramRoutes.map((r) => [label(r), r] as const))('%s refuses a path parameter that does not fit (400 naming it)', async (_name, route) => {
    const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    for (const name of names) {
      const validate = ajv.compile(route.params?.[name] ?? KEY_PARAM);
      const bad = ['abc', 'NOT_A_SLUG!', '12ab', 'x'.repeat(100)].find((v) => !validate(v))!;
      const path = validPath(route, { [name]: bad });
      const response = await admin.request(route.method, path, route.body && !route.multipart ? { body: {} } : {});
      expectProblem(response, 400, `${name} = ${bad}`);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(`/path/${name}`);
    }
  });

  it.each(routes.map((r) => [label(r), r] as const))('%s refuses an unknown query parameter (400 naming it)', async (_name, route) => {
    const options = route.multipart ? { raw: new FormData() } : route.body ? { body: {} } : {};
    const response = await admin.request(route.method, `${validPath(route)}?zzUnknown=1`, options);
    expectProblem(response, 400, 'unknown query parameter');
    expect(response.body.errors).toContainEqual({ field: '/query/zzUnknown', message: "unknown field 'zzUnknown'" });
  });

  it('refuses unknown query parameters (400 naming them), on routes with and without query parameters', async () => {
    const audit = await admin.get('/v2/audit?colour=red');
    expectProblem(audit, 400, 'audit');
    expect(audit.body.errors).toEqual([{ field: '/query/colour', message: "unknown field 'colour'" }]);
    const forms = await admin.get('/v2/forms/api-intake?version=first');
    expectProblem(forms, 400, 'forms version');
    expect(forms.body.errors[0].field).toBe('/query/version');
    const users = await admin.get('/v2/users?colour=red');
    expectProblem(users, 400, 'users');
    expect(users.body.errors).toEqual([{ field: '/query/colour', message: "unknown field 'colour'" }]);
  });

  it('answers unknown paths with 404 and wrong methods with 405, both as problem+json', async () => {
    expectProblem(await admin.get('/v2/no-such-thing'), 404, 'unknown path');
    const wrongMethod = await admin.delete('/v2/process-instances/search');
    expectProblem(wrongMethod, 405, 'wrong method');
    expect(wrongMethod.headers.get('allow')).toMatch(/POST/);
  });

  it('matches paths without regard to case or a trailing slash, and routes with parameters beside fixed ones', async () => {
    expect((await admin.request('POST', '/V2/Process-Instances/search/')).status).toBe(200);
    expect((await admin.get('/healthz/')).status).toBe(200);
    // POST /v2/process-instances/search is fixed, GET /v2/process-instances/{key} is not: both live in one group.
    expectProblem(await admin.get('/v2/process-instances/search'), 400, "GET reads 'search' as a key");
    expectProblem(await admin.put('/v2/process-instances/search', {}), 405, 'PUT is no method of search');
    expectProblem(await admin.get('/v2/process-instances/2251799813685249'), 404, 'no such instance');
    expectProblem(await admin.get('/v2'), 404, 'a group with no route of its own');
  });

  it('accepts an empty body where every field is optional, and JSON with a charset', async () => {
    expect((await admin.request('POST', '/v2/process-instances/search')).status).toBe(200);
    const withCharset = await admin.request('POST', '/v2/user-tasks/search', { raw: '{}', headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(withCharset.status).toBe(200);
  });

  it('hides internal errors: a 500 says nothing of its cause', async () => {
    // A stored holiday year broken by hand makes the calendar fail inside the server.
    const { CompiledQuery } = await import('kysely');
    await t.store.db.executeQuery(
      CompiledQuery.raw(`INSERT INTO holiday_years (year, data, updated_at, updated_by) VALUES (2040, '{"year": 2041}'::jsonb, 0, 'sql')`),
    );
    const response = await admin.post('/v2/calendar/deadline', { amount: 1, unit: 'workingDays', start: '2040-03-02T09:00:00+08:00' });
    expectProblem(response, 500, 'internal');
    expect(response.body.detail).not.toMatch(/2041|holiday|stack/i);
    await t.store.db.executeQuery(CompiledQuery.raw('DELETE FROM holiday_years WHERE year = 2040'));
  });

  describe('OpenAPI', () => {
    it('GET /v2/openapi.json is OpenAPI 3.1 listing every route, with the request schemas that validate it', async () => {
      const response = await t.client().get('/v2/openapi.json');
      expect(response.status).toBe(200);
      const document = response.body;
      expect(document.openapi).toBe('3.1.0');
      const operationIds = new Set<string>();
      for (const route of routes) {
        const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
        const operation = document.paths[path]?.[route.method];
        expect(operation, label(route)).toBeDefined();
        expect(operation.operationId).toBe(route.operationId);
        operationIds.add(operation.operationId);
        const pathParams = operation.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name);
        expect(pathParams, label(route)).toEqual([...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]));
        if (route.body) {
          const content = operation.requestBody.content[route.multipart ? 'multipart/form-data' : 'application/json'];
          expect(content.schema, label(route)).toEqual(JSON.parse(JSON.stringify(route.body)));
          // A usable JSON Schema 2020-12, as OpenAPI 3.1 means.
          expect(() => ajv.compile(content.schema), label(route)).not.toThrow();
        }
        const isPublic = route.permission === null && !route.anyPermission;
        if (isPublic) expect(operation.security, label(route)).toEqual([]);
        else expect(Object.keys(operation.responses), label(route)).toEqual(expect.arrayContaining(['401', '403']));
        if (route.idempotent) expect(operation.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key')).toBe(true);
      }
      expect(operationIds.size).toBe(routes.length);
      expect(document.components.schemas.ProblemDetail).toBeDefined();
      expect(document.components.securitySchemes).toMatchObject({ bearer: { scheme: 'bearer' }, basic: { scheme: 'basic' } });
    });

    it('/api/docs is an HTML page listing the operations', async () => {
      const response = await t.client().get('/api/docs');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.text).toMatch(/^<!doctype html>/i);
      for (const route of routes) expect(response.text).toContain(route.path.replace(/:([A-Za-z]+)/g, '{$1}'));
    });
  });
});

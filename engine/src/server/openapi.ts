import type { Route } from './http/route.js';
import { problemSchema } from './routes/schemas.js';

/** The OpenAPI 3.1 document, generated from the same route definitions and schemas that validate requests. */
export function openApiDocument(routes: Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: route.params?.[m[1]] ?? { type: 'string', pattern: '^[0-9]{1,19}$' },
    }));
    const query = route.query as { properties?: Record<string, unknown> } | undefined;
    for (const [name, schema] of Object.entries(query?.properties ?? {})) parameters.push({ name, in: 'query', required: false, schema: schema as never });
    if (route.idempotent) {
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } as never });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = response.schema
        ? { description: response.description, content: { 'application/json': { schema: response.schema } } }
        : { description: response.description };
    }
    for (const status of route.permission === null && !route.anyPermission ? ['400', '500'] : ['400', '401', '403', '500']) {
      responses[status] ??= { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetail' } } } };
    }
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
      ...(route.permission === null && !route.anyPermission ? { security: [] } : { 'x-permission': route.permission ?? route.anyPermission }),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: route.multipart ? { 'multipart/form-data': { schema: route.body } } : { 'application/json': { schema: route.body } },
      };
    }
    (paths[path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gongzhi 共治 API',
      version,
      description:
        'Shaped like the Camunda 8 Orchestration Cluster REST API (v2) for the operations it has; Gongzhi additions (forms, auth, organisations, audit, simulations, dashboards) beside them. Keys are strings. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ProblemDetail: problemSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from /v2/auth/login, or an API key' },
        basic: { type: 'http', scheme: 'basic', description: 'API key id and key, or username and password' },
      },
    },
    security: [{ bearer: [] }, { basic: [] }],
  };
}

/** A small human page over the OpenAPI document (no external scripts: the machines have no CDN). */
export function apiDocsPage(document: Record<string, unknown>): string {
  const paths = document.paths as Record<string, Record<string, { summary: string; tags: string[]; operationId: string; 'x-permission'?: unknown }>>;
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      rows.push(
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary)}</td><td>${escapeHtml(String(op['x-permission'] ?? 'public'))}</td></tr>`,
      );
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Gongzhi 共治 API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}code{font-size:.9em}</style></head>
<body><h1>Gongzhi 共治 API</h1><p>OpenAPI 3.1: <a href="/v2/openapi.json">/v2/openapi.json</a>. Authenticate with <code>POST /v2/auth/login</code> and send <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Permission</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

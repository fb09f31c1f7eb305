import type { Context } from 'koa';
import type { Permission, Principal } from '../../identity/principal.js';
import type { ServerServices } from '../server-services.js';

/** A JSON Schema (draft 2020-12) as routes write it; also the OpenAPI 3.1 schema of the operation. */
export type JsonSchema = Record<string, unknown>;

export interface RouteResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  type?: string;
}

export interface RouteContext<Body = any, Query = Record<string, string>> {
  koa: Context;
  services: ServerServices;
  /** Undefined only on public routes. */
  principal: Principal;
  body: Body;
  params: Record<string, string>;
  query: Query;
  locale: 'zh' | 'en';
}

/** One operation: its HTTP shape, who may call it, the schemas that validate it (and document it), and its handler. */
export interface Route<Body = any, Query = any> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-router path, e.g. `/v2/process-instances/:processInstanceKey`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** null: public (health, login, OpenAPI). */
  permission: Permission | null;
  /** Any of these permissions is enough (with `permission`, both must hold). */
  anyPermission?: Permission[];
  body?: JsonSchema;
  query?: JsonSchema;
  /** Path parameter schemas (default: a key — a string of digits). */
  params?: Record<string, JsonSchema>;
  /** Multipart upload (deployments); the body schema describes the form fields. */
  multipart?: { field: string; maxFiles: number };
  /** Honours Idempotency-Key. */
  idempotent?: boolean;
  responses: Record<number, { description: string; schema?: JsonSchema }>;
  handler(ctx: RouteContext<Body, Query>): Promise<RouteResponse | void>;
}

export function defineRoute<Body = any, Query = any>(route: Route<Body, Query>): Route<Body, Query> {
  return route;
}

/** A path parameter that is an engine key: digits, as Camunda writes keys. */
export const KEY_PARAM: JsonSchema = { type: 'string', pattern: '^[0-9]{1,19}$', description: 'A key, as a string of digits' };

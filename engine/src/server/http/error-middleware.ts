import type { Context, Next } from 'koa';
import { HttpProblem, type ProblemDetail } from './problem.js';
import { EngineRejection } from '../../runtime/engine-rejection.js';
import { QueryError } from '../../query/index.js';
import { AuthenticationError, IdentityError } from '../../identity/index.js';

const ENGINE_STATUS: Record<string, [number, string]> = {
  NOT_FOUND: [404, 'NOT_FOUND'],
  INVALID_ARGUMENT: [400, 'INVALID_ARGUMENT'],
  INVALID_STATE: [409, 'INVALID_STATE'],
  ALREADY_EXISTS: [409, 'ALREADY_EXISTS'],
};

/** Turns anything a route throws into problem+json; internal errors never leak their details. */
export function toProblem(error: unknown, instance: string): { problem: ProblemDetail; headers: Record<string, string> } {
  const make = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}): ProblemDetail => ({
    type: 'about:blank',
    title,
    status,
    detail,
    instance,
    ...extra,
  });
  if (error instanceof HttpProblem) return { problem: make(error.status, error.title, error.message, error.extensions), headers: error.headers };
  if (error instanceof EngineRejection) {
    const [status, title] = ENGINE_STATUS[error.type];
    const problems = Array.isArray(error.details) ? { errors: error.details } : {};
    return { problem: make(status, title, error.message, problems), headers: {} };
  }
  if (error instanceof QueryError) {
    return { problem: make(400, 'INVALID_ARGUMENT', error.message, { errors: [{ field: error.field, message: error.reason }] }), headers: {} };
  }
  if (error instanceof IdentityError) {
    const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'ALREADY_EXISTS' ? 409 : 400;
    const errors = error.field ? { errors: [{ field: error.field, message: error.message }] } : {};
    return { problem: make(status, error.code, error.message, errors), headers: {} };
  }
  if (error instanceof AuthenticationError) {
    if (error.failure === 'LOCKED') {
      const seconds = Math.ceil((error.retryAfterMs ?? 60_000) / 1000);
      return { problem: make(429, 'TOO_MANY_REQUESTS', error.message), headers: { 'Retry-After': String(seconds) } };
    }
    return {
      problem: make(401, 'UNAUTHORIZED', error.message),
      headers: { 'WWW-Authenticate': 'Bearer realm="gongzhi", Basic realm="gongzhi"' },
    };
  }
  const status = (error as { status?: number; statusCode?: number })?.status ?? (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Errors of the body parser and multipart reader (413 too large, 415, 400 malformed JSON …).
    const title = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_ARGUMENT';
    return { problem: make(status, title, (error as Error).message || title), headers: {} };
  }
  return { problem: make(500, 'INTERNAL_ERROR', 'The server failed to process the request; it has been logged.'), headers: {} };
}

export function errorMiddleware(log: (error: unknown, ctx: Context) => void) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
      // Answers no route gave a body: no route (404), a known path with another method (405, with Allow), 501.
      if (ctx.status === 404 && ctx.body == null) throw new HttpProblem(404, 'NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
      if (ctx.status === 405 && ctx.body == null) {
        throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}; allowed: ${ctx.response.get('Allow')}`);
      }
      if (ctx.status >= 400 && ctx.body == null) throw new HttpProblem(ctx.status, 'ERROR', `${ctx.method} ${ctx.path} failed with ${ctx.status}`);
    } catch (error) {
      const { problem, headers } = toProblem(error, ctx.path);
      if (problem.status >= 500) log(error, ctx);
      ctx.status = problem.status;
      ctx.set(headers);
      ctx.body = problem;
      // After the body: Koa makes an object body application/json.
      ctx.type = 'application/problem+json';
    }
  };
}

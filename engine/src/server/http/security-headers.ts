import type { Context, Next } from 'koa';

/**
 * Conservative headers for an API that also serves the designer's static files. Set before the routes run, so
 * that errors (401, 404, problem+json of any kind) carry them too.
 */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!ctx.path.startsWith('/api/docs')) {
    ctx.set(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    );
  }
  if (ctx.path.startsWith('/v2/')) ctx.set('Cache-Control', 'no-store');
  await next();
}

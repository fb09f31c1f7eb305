import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { Context, Next } from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the designer's built files; unknown paths outside /v2 get index.html (a single-page app).
 * Without a build, / says how to get one.
 */
export function staticFiles(dir: string | undefined) {
  const root = dir ? resolve(dir) : undefined;
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path.startsWith('/v2/') || ctx.path === '/v2') return next();
    if (!root || !existsSync(join(root, 'index.html'))) {
      if (ctx.path === '/') {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = `<!doctype html><meta charset="utf-8"><title>Gongzhi 共治</title><h1>Gongzhi 共治</h1><p>The API is at <a href="/api/docs">/api/docs</a>. The designer is not built here (npm start builds it).</p>`;
        return;
      }
      return next();
    }
    const file = normalize(join(root, decodeURIComponent(ctx.path)));
    if (!file.startsWith(root)) return next();
    const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
    ctx.type = TYPES[extname(target)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', target.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.body = createReadStream(target);
  };
}

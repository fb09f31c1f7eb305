/** The JSON body reader alone, on a bare Koa app: encodings, charsets, limits, what is left alone. */
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../engine/src/server/http/error-middleware.js';
import { jsonBody } from '../../engine/src/server/http/json-body.js';

const LIMIT = 1000;

describe('jsonBody', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const app = new Koa();
    app.use(errorMiddleware(() => {}));
    app.use(jsonBody(LIMIT));
    app.use((ctx) => {
      const body = (ctx.request as { body?: unknown }).body;
      ctx.body = { read: body !== undefined, body: body ?? null };
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** Sends raw bytes; chunked (no Content-Length) when asked. */
  function send(body: Buffer | string, headers: Record<string, string>, options: { method?: string; chunked?: boolean } = {}) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    return new Promise<{ status: number; json: any }>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path: '/', method: options.method ?? 'POST', headers: options.chunked ? headers : { ...headers, 'content-length': bytes.length } },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (part: Buffer) => parts.push(part));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString('utf8') || 'null') }));
        },
      );
      request.on('error', reject);
      if (options.chunked) {
        // Several writes: the body arrives in chunks, without a declared length.
        for (let i = 0; i < bytes.length; i += 300) request.write(bytes.subarray(i, i + 300));
        request.end();
      } else {
        request.end(bytes);
      }
    });
  }

  const json = { 'content-type': 'application/json' };
  const value = { name: '社区网格', list: [1, 2, { deep: true }] };

  it('reads JSON sent plainly, chunked, gzip, deflate or br, with or without a UTF-8 charset or a BOM', async () => {
    const text = JSON.stringify(value);
    for (const [body, headers, chunked] of [
      [text, json, false],
      [text, json, true],
      [gzipSync(text), { ...json, 'content-encoding': 'gzip' }, false],
      [deflateSync(text), { ...json, 'content-encoding': 'deflate' }, true],
      [brotliCompressSync(text), { ...json, 'content-encoding': 'br' }, false],
      [text, { 'content-type': 'application/json; charset=UTF-8' }, false],
      [text, { 'content-type': 'application/problem+json; charset="utf8"' }, false],
      [`\ufeff${text}`, json, false],
    ] as const) {
      const response = await send(body, headers, { chunked });
      expect(response, JSON.stringify(headers)).toEqual({ status: 200, json: { read: true, body: value } });
    }
  });

  it('reads an empty JSON body as an empty object, and leaves other types and GET alone', async () => {
    expect((await send('', json)).json).toEqual({ read: true, body: {} });
    expect((await send('  \n', json)).json).toEqual({ read: true, body: {} });
    expect((await send('name=x', { 'content-type': 'application/x-www-form-urlencoded' })).json).toEqual({ read: false, body: null });
    expect((await send('{"a":1}', { 'content-type': 'text/plain' })).json).toEqual({ read: false, body: null });
    expect((await send('{"a":1}', json, { method: 'GET' })).json).toEqual({ read: false, body: null });
  });

  it('keeps a __proto__ key as data, for validation to refuse by name', async () => {
    const response = await send('{"variables": {"__proto__": {"isAdmin": true}}}', json);
    expect(response.status).toBe(200);
    expect(Object.keys(response.json.body.variables)).toEqual(['__proto__']);
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });

  it('refuses JSON that is malformed, or not an object or array (400)', async () => {
    for (const body of ['{"a": ', '"text"', '42', 'null', '{"a": 1} x']) {
      const response = await send(body, json);
      expect(response.status, body).toBe(400);
      expect(response.json.detail, body).toMatch(/not valid JSON/);
    }
  });

  it('refuses another charset or an unknown encoding (415), and a corrupt gzip body (400)', async () => {
    const latin1 = await send('{"a":"x"}', { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect(latin1.json.detail).toMatch(/latin1/);
    const zstd = await send('{"a":"x"}', { ...json, 'content-encoding': 'zstd' });
    expect(zstd.status).toBe(415);
    expect(zstd.json.detail).toMatch(/zstd/);
    expect((await send('not gzip at all', { ...json, 'content-encoding': 'gzip' })).status).toBe(400);
  });

  it('refuses bodies over the limit (413): declared, sent chunked, or once decompressed', async () => {
    const big = JSON.stringify({ x: 'y'.repeat(LIMIT) });
    expect((await send(big, json)).status).toBe(413);
    expect((await send(big, json, { chunked: true })).status).toBe(413);
    // A few dozen bytes that inflate past the limit.
    const bomb = gzipSync(JSON.stringify({ x: ' '.repeat(LIMIT * 20) }));
    expect(bomb.length).toBeLessThan(LIMIT);
    const response = await send(bomb, { ...json, 'content-encoding': 'gzip' });
    expect(response.status).toBe(413);
    expect(response.json.title).toBe('PAYLOAD_TOO_LARGE');
    // The server goes on serving.
    expect((await send('{"a":1}', json)).json).toEqual({ read: true, body: { a: 1 } });
  });
});

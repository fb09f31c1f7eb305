import type { IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Context, Next } from 'koa';
import { HttpProblem, badRequest } from './problem.js';

/** Methods whose requests carry a body the API reads. */
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

const DECOMPRESSORS: Record<string, (bytes: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/**
 * Reads a JSON request body into `ctx.request.body`: UTF-8, gzip, deflate or br, at most `limitBytes` (sent and
 * decompressed). Other content types are left alone; routes that want JSON answer them with 415. Prototype keys are
 * refused by the routes' validation, which names where they are.
 *
 * Ours rather than @koa/bodyparser: its stack (co-body, raw-body, iconv-lite, type-is, @hapi/bourne) cost ~2.5 % of
 * the server's thread under load, for bodies that are JSON in UTF-8 and a few hundred bytes long.
 */
export function jsonBody(limitBytes: number) {
  return async function readJsonBody(ctx: Context, next: Next): Promise<void> {
    if (METHODS_WITH_BODY.has(ctx.method) && (ctx.request as { body?: unknown }).body === undefined) {
      const charset = jsonCharset(ctx.get('Content-Type'));
      if (charset !== undefined) {
        if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8') {
          throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `The request body must be UTF-8, not ${charset}`);
        }
        (ctx.request as { body?: unknown }).body = parseJson(await readBody(ctx.req, ctx.get('Content-Encoding'), limitBytes));
      }
    }
    await next();
  };
}

/**
 * The charset parameter ('' when none) of a JSON content type (application/json or any +json), lower case;
 * undefined for any other type.
 */
function jsonCharset(contentType: string): string | undefined {
  const [type, ...parameters] = contentType.toLowerCase().split(';');
  const mediaType = type.trim();
  if (mediaType !== 'application/json' && !(mediaType.startsWith('application/') && mediaType.endsWith('+json'))) return undefined;
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=');
    if (name.trim() === 'charset') return value.trim().replace(/^"(.*)"$/, '$1');
  }
  return '';
}

function tooLarge(limitBytes: number): HttpProblem {
  return new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${limitBytes} bytes`);
}

function readBody(request: IncomingMessage, contentEncoding: string, limitBytes: number): Promise<string> {
  const encoding = contentEncoding.trim().toLowerCase() || 'identity';
  const decompress = DECOMPRESSORS[encoding];
  if (encoding !== 'identity' && decompress === undefined) {
    return Promise.reject(new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Encoding '${contentEncoding}' is not supported (gzip, deflate, br or none)`));
  }
  const declared = Number(request.headers['content-length']);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanUp = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    const fail = (problem: HttpProblem) => {
      cleanUp();
      // The rest of the body is not wanted: let it flow away instead of holding the socket.
      request.resume();
      reject(problem);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) fail(tooLarge(limitBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanUp();
      let bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      if (decompress) {
        try {
          bytes = decompress(bytes, { maxOutputLength: limitBytes });
        } catch (error) {
          if (error instanceof RangeError) return reject(tooLarge(limitBytes));
          return reject(badRequest(`The request body is not valid ${encoding}: ${(error as Error).message}`));
        }
      }
      resolve(bytes.toString('utf8'));
    };
    const onError = (error: Error) => fail(badRequest(`The request body could not be read: ${error.message}`));
    const onAborted = () => fail(badRequest('The request was aborted before its body arrived'));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

/** An object or array, as the API's bodies are; an empty body is an empty object. */
function parseJson(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = /\S/.exec(json);
  if (start === null) return {};
  if (start[0] !== '{' && start[0] !== '[') {
    throw badRequest('The request body is not valid JSON: it must be an object or an array');
  }
  try {
    return JSON.parse(json);
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

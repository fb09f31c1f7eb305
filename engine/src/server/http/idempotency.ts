import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import { HttpProblem } from './problem.js';
import type { RouteResponse } from './route.js';
import { canonicalJson } from '../../audit/index.js';

/** How long a stored response answers repeats of its Idempotency-Key. */
const RETENTION_MS = 24 * 3600 * 1000;
/** A key claimed longer ago than this without a response belongs to a request that died (a crash): take it over. */
const ABANDONED_MS = 60_000;
/** How long a repeat waits for the first request with its key to finish before it is told to retry (409). */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 25;
/** status of a claimed key whose request is still running. */
const PENDING = 0;

export interface IdempotencyScope {
  key: string;
  principalId: string;
  operation: string;
  body: unknown;
}

interface KeyRow {
  request_hash: string;
  status: number;
  response: unknown;
  created_at: number;
}

function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

/**
 * Idempotency-Key (create endpoints): the same key and body return the first response; the same key with another
 * body is refused with 422. Keys are per caller and operation, kept for a day. The key is claimed before the
 * request runs, so that a repeat sent while the first is still running (a client retrying after a timeout) waits
 * for the first response instead of creating a second instance.
 */
export async function withIdempotency(
  db: Kysely<any>,
  now: number,
  scope: IdempotencyScope,
  run: () => Promise<RouteResponse>,
): Promise<RouteResponse> {
  if (scope.key.length > 255) throw new HttpProblem(400, 'INVALID_ARGUMENT', 'Idempotency-Key must be at most 255 characters');
  const hash = requestHash(scope.body);
  const ids = [scope.key, scope.principalId, scope.operation];
  const waitUntil = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const claimed = await db.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO idempotency_keys (key, principal_id, operation, request_hash, status, response, created_at)
         VALUES ($1, $2, $3, $4, ${PENDING}, NULL, $5) ON CONFLICT (key, principal_id, operation) DO NOTHING RETURNING key`,
        [...ids, hash, now],
      ),
    );
    if (claimed.rows.length > 0) break;
    const found = await db.executeQuery<KeyRow>(
      CompiledQuery.raw('SELECT request_hash, status, response, created_at FROM idempotency_keys WHERE key = $1 AND principal_id = $2 AND operation = $3', ids),
    );
    const previous = found.rows[0];
    if (!previous) continue; // The first request failed and let the key go: claim it again.
    const age = now - Number(previous.created_at);
    const expired = age >= RETENTION_MS || (previous.status === PENDING && age >= ABANDONED_MS);
    if (expired) {
      // Take the key over, unless another repeat did so first.
      const taken = await db.executeQuery(
        CompiledQuery.raw(
          `UPDATE idempotency_keys SET request_hash = $4, status = ${PENDING}, response = NULL, created_at = $5
           WHERE key = $1 AND principal_id = $2 AND operation = $3 AND created_at = $6 RETURNING key`,
          [...ids, hash, now, previous.created_at],
        ),
      );
      if (taken.rows.length > 0) break;
      continue;
    }
    if (previous.request_hash !== hash) {
      throw new HttpProblem(422, 'IDEMPOTENCY_KEY_REUSED', `Idempotency-Key '${scope.key}' was already used with a different request body`);
    }
    if (previous.status !== PENDING) return { status: previous.status, body: previous.response, headers: { 'Idempotent-Replayed': 'true' } };
    if (Date.now() >= waitUntil) {
      throw new HttpProblem(409, 'IDEMPOTENCY_KEY_IN_USE', `A request with Idempotency-Key '${scope.key}' is still being processed; retry later`, {}, { 'Retry-After': '1' });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  let response: RouteResponse;
  try {
    response = await run();
  } catch (error) {
    // Nothing was created: let a repeat try again.
    await db.executeQuery(CompiledQuery.raw(`DELETE FROM idempotency_keys WHERE key = $1 AND principal_id = $2 AND operation = $3 AND status = ${PENDING}`, ids));
    throw error;
  }
  await db.executeQuery(
    CompiledQuery.raw('UPDATE idempotency_keys SET status = $4, response = $5::jsonb WHERE key = $1 AND principal_id = $2 AND operation = $3', [
      ...ids,
      response.status ?? 200,
      JSON.stringify(response.body ?? null),
    ]),
  );
  return response;
}

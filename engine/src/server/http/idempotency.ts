import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import { HttpProblem } from './problem.js';
import type { RouteResponse } from './route.js';
import { canonicalJson } from '../../audit/index.js';

/** How long a stored response answers repeats of its Idempotency-Key. */
const RETENTION_MS = 24 * 3600 * 1000;

export interface IdempotencyScope {
  key: string;
  principalId: string;
  operation: string;
  body: unknown;
}

function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

/**
 * Idempotency-Key (create endpoints): the same key and body return the first response; the same
 * key with another body is refused with 422. Keys are per caller and operation, kept for a day.
 */
export async function withIdempotency(
  db: Kysely<any>,
  now: number,
  scope: IdempotencyScope,
  run: () => Promise<RouteResponse>,
): Promise<RouteResponse> {
  if (scope.key.length > 255) throw new HttpProblem(400, 'INVALID_ARGUMENT', 'Idempotency-Key must be at most 255 characters');
  const hash = requestHash(scope.body);
  const found = await db.executeQuery<{ request_hash: string; status: number; response: unknown; created_at: number }>(
    CompiledQuery.raw(
      'SELECT request_hash, status, response, created_at FROM idempotency_keys WHERE key = $1 AND principal_id = $2 AND operation = $3',
      [scope.key, scope.principalId, scope.operation],
    ),
  );
  const previous = found.rows[0];
  if (previous && Number(previous.created_at) > now - RETENTION_MS) {
    if (previous.request_hash !== hash) {
      throw new HttpProblem(422, 'IDEMPOTENCY_KEY_REUSED', `Idempotency-Key '${scope.key}' was already used with a different request body`);
    }
    return { status: previous.status, body: previous.response, headers: { 'Idempotent-Replayed': 'true' } };
  }
  const response = await run();
  await db.executeQuery(
    CompiledQuery.raw(
      `INSERT INTO idempotency_keys (key, principal_id, operation, request_hash, status, response, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (key, principal_id, operation) DO UPDATE SET request_hash = EXCLUDED.request_hash,
         status = EXCLUDED.status, response = EXCLUDED.response, created_at = EXCLUDED.created_at`,
      [scope.key, scope.principalId, scope.operation, hash, response.status ?? 200, JSON.stringify(response.body ?? null), now],
    ),
  );
  return response;
}

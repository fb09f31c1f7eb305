import { hash } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Principal } from './principal.js';

/** How long a verified principal is reused: the longest another process may act on a revoked key or a disabled user. */
export const PRINCIPAL_CACHE_TTL_MS = 5_000;
const DEFAULT_MAX_ENTRIES = 10_000;

interface CachedPrincipal {
  principal: Principal;
  expiresAt: number;
}

/**
 * Principals verified a moment ago, by credentials, so that a busy client does not cost a store read per
 * request. Credentials are kept as a SHA-256, never as given. Any change to users, API keys or organisations
 * in this process empties the cache at once (`invalidateAll`); another process's change shows within the TTL.
 * A verification that began before an invalidation is not stored, or it could bring back what was just revoked.
 */
export class PrincipalCache {
  readonly #entries = new Map<string, CachedPrincipal>();
  #generation = 0;

  constructor(
    private readonly clock: Clock,
    readonly ttlMs: number = PRINCIPAL_CACHE_TTL_MS,
    private readonly maxEntries: number = DEFAULT_MAX_ENTRIES,
  ) {
    if (!Number.isFinite(ttlMs) || ttlMs < 0) throw new Error(`ttlMs must be a non-negative number of milliseconds, got ${ttlMs}`);
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`maxEntries must be a positive whole number, got ${maxEntries}`);
  }

  /** Bumped by every invalidation; pass the value read before verifying to `set`. */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cache key of an Authorization header. */
  keyOf(authorization: string): string {
    // One-shot: a third of the cost of createHash's object per request.
    return hash('sha256', authorization, 'base64url');
  }

  get(key: string): Principal | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  /**
   * Keeps a principal for the TTL, or until `notAfter` (a session token's expiry) if that comes first.
   * Ignored when an invalidation happened since `generation` was read.
   */
  set(key: string, principal: Principal, generation: number, notAfter = Infinity): void {
    if (generation !== this.#generation || this.ttlMs === 0) return;
    const expiresAt = Math.min(this.clock.now() + this.ttlMs, notAfter);
    this.#entries.delete(key);
    // Oldest first out: a Map iterates in insertion order.
    while (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { principal, expiresAt });
  }

  /** After any change that could alter who a credential is or what it may do. */
  invalidateAll(): void {
    this.#generation += 1;
    this.#entries.clear();
  }
}

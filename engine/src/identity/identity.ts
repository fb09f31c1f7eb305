import type { Kysely } from 'kysely';
import { SystemClock, type Clock } from '../clock/clock.js';
import { ApiKeyRegistry } from './api-key-registry.js';
import { Authenticator } from './authenticator.js';
import { checkLockoutPolicy, DEFAULT_LOCKOUT_POLICY, LoginThrottle, type LockoutPolicy } from './login-throttle.js';
import { OrganizationTree } from './organization-tree.js';
import { checkScryptParameters, DEFAULT_SCRYPT_PARAMETERS, type ScryptParameters } from './password-hash.js';
import { PrincipalFactory } from './principal-factory.js';
import { PRINCIPAL_CACHE_TTL_MS, PrincipalCache } from './principal-cache.js';
import { SessionTokens } from './session-token.js';
import { UserDirectory } from './user-directory.js';

export interface IdentityOptions {
  db: Kysely<any>;
  /** Signs session tokens (HS256); at least 32 bytes. */
  jwtSecret: string | Uint8Array;
  clock?: Clock;
  lockout?: LockoutPolicy;
  /** scrypt cost for new password hashes; existing hashes keep theirs and are upgraded at the next login. */
  passwordHashing?: ScryptParameters;
  /**
   * How long a verified principal is reused (default 5 s; 0: never). Changes made through this Identity take
   * effect at once regardless; changes made by another process show within this time.
   */
  principalCacheTtlMs?: number;
}

export interface Identity {
  organizations: OrganizationTree;
  users: UserDirectory;
  apiKeys: ApiKeyRegistry;
  principals: PrincipalFactory;
  auth: Authenticator;
  principalCache: PrincipalCache;
}

/** Wires the identity services over one store. */
export function createIdentity(options: IdentityOptions): Identity {
  if (options === null || typeof options !== 'object' || options.db === undefined) {
    throw new Error('createIdentity needs { db, jwtSecret }');
  }
  const clock = options.clock ?? new SystemClock();
  const hashing = checkScryptParameters(options.passwordHashing ?? DEFAULT_SCRYPT_PARAMETERS);
  const lockout = checkLockoutPolicy(options.lockout ?? DEFAULT_LOCKOUT_POLICY);
  const tokens = new SessionTokens(options.jwtSecret, clock);
  const principalCache = new PrincipalCache(clock, options.principalCacheTtlMs ?? PRINCIPAL_CACHE_TTL_MS);
  const changed = () => principalCache.invalidateAll();
  const organizations = new OrganizationTree(options.db, clock, changed);
  const users = new UserDirectory(options.db, clock, organizations, hashing, changed);
  const apiKeys = new ApiKeyRegistry(options.db, clock, organizations, changed);
  const principals = new PrincipalFactory(organizations);
  const throttle = new LoginThrottle(options.db, clock, lockout);
  const auth = new Authenticator({ clock, users, apiKeys, principals, throttle, tokens, cache: principalCache });
  return { organizations, users, apiKeys, principals, auth, principalCache };
}

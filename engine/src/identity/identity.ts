import type { Kysely } from 'kysely';
import { SystemClock, type Clock } from '../clock/clock.js';
import { ApiKeyRegistry } from './api-key-registry.js';
import { Authenticator } from './authenticator.js';
import { checkLockoutPolicy, DEFAULT_LOCKOUT_POLICY, LoginThrottle, type LockoutPolicy } from './login-throttle.js';
import { OrganizationTree } from './organization-tree.js';
import { checkScryptParameters, DEFAULT_SCRYPT_PARAMETERS, type ScryptParameters } from './password-hash.js';
import { PrincipalFactory } from './principal-factory.js';
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
}

export interface Identity {
  organizations: OrganizationTree;
  users: UserDirectory;
  apiKeys: ApiKeyRegistry;
  principals: PrincipalFactory;
  auth: Authenticator;
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
  const organizations = new OrganizationTree(options.db, clock);
  const users = new UserDirectory(options.db, clock, organizations, hashing);
  const apiKeys = new ApiKeyRegistry(options.db, clock, organizations);
  const principals = new PrincipalFactory(organizations);
  const throttle = new LoginThrottle(options.db, clock, lockout);
  const auth = new Authenticator({ clock, users, apiKeys, principals, throttle, tokens });
  return { organizations, users, apiKeys, principals, auth };
}

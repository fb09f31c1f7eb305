import type { Clock } from '../clock/clock.js';
import type { ApiKeyRegistry } from './api-key-registry.js';
import { API_KEY_ID, API_KEY_PREFIX, type ApiKey } from './api-key.js';
import { AuthenticationError } from './authentication-error.js';
import { parseAuthorizationHeader } from './authorization-header.js';
import { describe } from './display-text.js';
import { invalidArgument } from './identity-error.js';
import type { LoginThrottle, ThrottleSubject } from './login-throttle.js';
import type { Principal } from './principal.js';
import type { PrincipalCache } from './principal-cache.js';
import type { PrincipalFactory } from './principal-factory.js';
import type { IssuedToken, SessionTokens } from './session-token.js';
import type { UserAccount, UserDirectory } from './user-directory.js';
import { usernameKey } from './user.js';

export interface LoginResult extends IssuedToken {
  principal: Principal;
}

export interface AuthenticatorParts {
  clock: Clock;
  users: UserDirectory;
  apiKeys: ApiKeyRegistry;
  principals: PrincipalFactory;
  throttle: LoginThrottle;
  tokens: SessionTokens;
  /** Reuses principals verified a moment ago for the same Authorization header (principalFromAuthorization only). */
  cache?: PrincipalCache;
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalidArgument(`${field} must be a string, got ${describe(value)}`, field);
  return value;
}

/** Turns credentials — password, session token, API key, Basic — into a Principal, or says why not. */
export class Authenticator {
  /** Bearer verifications under way, by cache key (see principalFromAuthorization). */
  readonly #verifying = new Map<string, { generation: number; verified: Promise<{ principal: Principal; expiresAt: number }> }>();

  constructor(private readonly parts: AuthenticatorParts) {}

  /**
   * Password login. clientKey identifies the caller (say, its IP address) for the lockout, which counts
   * failures both per username and per client.
   */
  async login(username: string, password: string, clientKey: string): Promise<LoginResult> {
    requireString(username, 'username');
    requireString(password, 'password');
    if (typeof clientKey !== 'string' || clientKey === '') {
      throw invalidArgument(`clientKey must be a non-empty string identifying the caller, got ${describe(clientKey)}`, 'clientKey');
    }
    const account = await this.authenticateUser(username, password, clientKey);
    const principal = await this.parts.principals.forUser(account.user);
    const issued = await this.parts.tokens.issue({ userId: account.user.id, tokenVersion: account.tokenVersion });
    return { ...issued, principal };
  }

  /** A session token for a user principal, valid for 12 hours. */
  async issueToken(principal: Principal): Promise<IssuedToken> {
    if (principal?.kind !== 'user') throw invalidArgument('session tokens are issued to users only, not to API keys', 'principal');
    const account = await this.parts.users.findAccount(principal.id);
    if (account === undefined) throw invalidArgument(`user ${principal.id} does not exist`, 'principal');
    if (account.user.disabled) throw new AuthenticationError('ACCOUNT_DISABLED');
    return this.parts.tokens.issue({ userId: account.user.id, tokenVersion: account.tokenVersion });
  }

  /** Checks signature and expiry, then reloads the user, so that disabling or a role change applies at once. */
  async verifyToken(token: string): Promise<Principal> {
    return (await this.verifyTokenUntil(token)).principal;
  }

  private async verifyTokenUntil(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    const claims = await this.parts.tokens.verify(requireString(token, 'token'));
    const account = await this.parts.users.findAccount(claims.userId);
    if (account === undefined) throw new AuthenticationError('INVALID_TOKEN', 'its user no longer exists');
    if (account.user.disabled) throw new AuthenticationError('ACCOUNT_DISABLED');
    if (account.tokenVersion !== claims.tokenVersion) {
      throw new AuthenticationError('INVALID_TOKEN', 'the password has changed since it was issued');
    }
    return { principal: await this.parts.principals.forUser(account.user), expiresAt: claims.expiresAt };
  }

  async verifyApiKey(key: string): Promise<Principal> {
    const apiKey = await this.parts.apiKeys.findByKey(requireString(key, 'key'));
    return this.principalForKey(apiKey);
  }

  /**
   * HTTP Basic: an API key's id and key (as Camunda clients send a client id and secret), or a user's
   * username and password, under the same lockout as login when clientKey is given.
   */
  async verifyBasic(username: string, password: string, clientKey?: string): Promise<Principal> {
    requireString(username, 'username');
    requireString(password, 'password');
    if (API_KEY_ID.test(username)) {
      return this.principalForKey(await this.parts.apiKeys.match(username, password));
    }
    const account = await this.authenticateUser(username, password, clientKey);
    return this.parts.principals.forUser(account.user);
  }

  /**
   * The principal behind an Authorization header: `Bearer <session token>`, `Bearer gzk_…` (an API key) or
   * `Basic …`. Undefined when there is no header; AuthenticationError when there is one and it does not hold.
   * Only what held is cached (see PrincipalCache), so a wrong password or a revoked key always reaches the store
   * and the lockout; a cached session never outlives its token.
   */
  async principalFromAuthorization(header: string | undefined | null, clientKey?: string): Promise<Principal | undefined> {
    const credentials = parseAuthorizationHeader(header);
    if (credentials === undefined) return undefined;
    const cache = this.parts.cache;
    const cacheKey = cache?.keyOf(header!);
    if (cache !== undefined && cacheKey !== undefined) {
      const cached = cache.get(cacheKey);
      if (cached !== undefined) return cached;
    }
    const generation = cache?.generation ?? 0;
    if (credentials.scheme === 'basic') {
      // Each Basic attempt reaches the lockout on its own: never shared with a concurrent one.
      const principal = await this.verifyBasic(credentials.username, credentials.password, clientKey);
      if (cache !== undefined && cacheKey !== undefined) cache.set(cacheKey, principal, generation);
      return principal;
    }
    const token = credentials.token;
    const verify = async () => {
      const verified = token.startsWith(API_KEY_PREFIX) ? { principal: await this.verifyApiKey(token), expiresAt: Infinity } : await this.verifyTokenUntil(token);
      if (cache !== undefined && cacheKey !== undefined) cache.set(cacheKey, verified.principal, generation, verified.expiresAt);
      return verified;
    };
    if (cacheKey === undefined) return (await verify()).principal;
    // A busy client's requests that miss the cache together (at start, when the entry expires) share one
    // verification, begun after the last invalidation, instead of each reading the store.
    const pending = this.#verifying.get(cacheKey);
    if (pending !== undefined && pending.generation === generation) return (await pending.verified).principal;
    const verified = verify();
    const entry = { generation, verified };
    this.#verifying.set(cacheKey, entry);
    try {
      return (await verified).principal;
    } finally {
      if (this.#verifying.get(cacheKey) === entry) this.#verifying.delete(cacheKey);
    }
  }

  private async principalForKey(apiKey: ApiKey | undefined): Promise<Principal> {
    if (apiKey === undefined) throw new AuthenticationError('INVALID_API_KEY');
    if (apiKey.revokedAt !== undefined) throw new AuthenticationError('API_KEY_REVOKED');
    return this.parts.principals.forApiKey(apiKey);
  }

  private async authenticateUser(username: string, password: string, clientKey: string | undefined): Promise<UserAccount> {
    // Unknown usernames are throttled too, or the lockout itself would tell which accounts exist.
    const subjects: ThrottleSubject[] = [{ kind: 'username', value: usernameKey(username).slice(0, 64) }];
    if (clientKey !== undefined && clientKey !== '') subjects.push({ kind: 'client', value: clientKey.slice(0, 256) });
    const { throttle, users } = this.parts;
    const lockedUntil = await throttle.lockedUntil(subjects);
    if (lockedUntil !== undefined) {
      const retryAfterMs = Math.max(0, lockedUntil - this.parts.clock.now());
      throw new AuthenticationError('LOCKED', undefined, retryAfterMs);
    }
    const account = await users.checkPassword(username, password);
    if (account === undefined) {
      await throttle.recordFailure(subjects);
      throw new AuthenticationError('INVALID_CREDENTIALS');
    }
    // Only someone who knows the password learns that the account is disabled.
    if (account.user.disabled) throw new AuthenticationError('ACCOUNT_DISABLED');
    await throttle.clear(subjects[0]);
    return account;
  }
}

/**
 * Why a caller could not be authenticated; the REST layer answers 401 (429 for LOCKED, with Retry-After).
 * INVALID_CREDENTIALS is deliberately the same for an unknown username and a wrong password, so that
 * responses do not reveal which accounts exist.
 */
export type AuthenticationFailure =
  | 'INVALID_CREDENTIALS'
  | 'LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'INVALID_TOKEN'
  | 'TOKEN_EXPIRED'
  | 'INVALID_API_KEY'
  | 'API_KEY_REVOKED'
  | 'MALFORMED_AUTHORIZATION';

const MESSAGES: Record<AuthenticationFailure, string> = {
  INVALID_CREDENTIALS: 'invalid username or password',
  LOCKED: 'too many failed login attempts; try again later',
  ACCOUNT_DISABLED: 'this account is disabled',
  INVALID_TOKEN: 'the token is not valid',
  TOKEN_EXPIRED: 'the token has expired; log in again',
  INVALID_API_KEY: 'the API key is not valid',
  API_KEY_REVOKED: 'the API key has been revoked',
  MALFORMED_AUTHORIZATION: 'the Authorization header is malformed',
};

export class AuthenticationError extends Error {
  constructor(
    readonly failure: AuthenticationFailure,
    detail?: string,
    /** For LOCKED: milliseconds until another attempt is allowed. */
    readonly retryAfterMs?: number,
  ) {
    super(detail === undefined ? MESSAGES[failure] : `${MESSAGES[failure]}: ${detail}`);
    this.name = 'AuthenticationError';
  }
}

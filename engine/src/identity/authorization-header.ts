import { AuthenticationError } from './authentication-error.js';

/** The credentials an Authorization header carries. */
export type AuthorizationCredentials =
  | { scheme: 'bearer'; token: string }
  | { scheme: 'basic'; username: string; password: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Reads `Bearer <token>` or `Basic <base64(user:password)>` (schemes are case-insensitive, RFC 9110).
 * Missing or blank gives undefined — Koa reports an absent header as '' — and anything else that is not
 * one of the two throws MALFORMED_AUTHORIZATION saying what is wrong.
 */
export function parseAuthorizationHeader(header: string | undefined | null): AuthorizationCredentials | undefined {
  if (header === undefined || header === null) return undefined;
  if (typeof header !== 'string') throw new AuthenticationError('MALFORMED_AUTHORIZATION', 'it is not a string');
  const trimmed = header.trim();
  if (trimmed === '') return undefined;
  const match = /^([A-Za-z]+) +(\S+)$/.exec(trimmed);
  if (match === null) {
    throw new AuthenticationError('MALFORMED_AUTHORIZATION', 'expected "Bearer <token>" or "Basic <credentials>"');
  }
  const scheme = match[1].toLowerCase();
  const value = match[2];
  if (scheme === 'bearer') return { scheme, token: value };
  if (scheme === 'basic') {
    if (!BASE64.test(value)) throw new AuthenticationError('MALFORMED_AUTHORIZATION', 'Basic credentials are not base64');
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new AuthenticationError('MALFORMED_AUTHORIZATION', 'Basic credentials lack the ":" between username and password');
    return { scheme, username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  throw new AuthenticationError('MALFORMED_AUTHORIZATION', `unsupported scheme ${match[1]}; use Bearer or Basic`);
}

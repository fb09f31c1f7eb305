import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../clock/clock.js';
import { AuthenticationError } from './authentication-error.js';

export const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

const ISSUER = 'gongzhi';
const AUDIENCE = 'gongzhi-api';
const ALGORITHM = 'HS256';
/** HS256 is only as strong as its key: RFC 7518 asks for at least 256 bits. */
const MIN_SECRET_BYTES = 32;

export interface IssuedToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** What a valid token says: whose it is, and which password generation it was issued under. */
export interface TokenClaims {
  userId: string;
  tokenVersion: number;
}

export function encodeJwtSecret(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (!(bytes instanceof Uint8Array) || bytes.length < MIN_SECRET_BYTES) {
    throw new Error(`jwtSecret must be at least ${MIN_SECRET_BYTES} bytes long (HS256 needs a 256-bit key)`);
  }
  return bytes;
}

/** Session tokens: JWT HS256, signed and checked against the injected clock. */
export class SessionTokens {
  readonly #key: Uint8Array;

  constructor(
    secret: string | Uint8Array,
    private readonly clock: Clock,
    private readonly lifetimeMs: number = TOKEN_LIFETIME_MS,
  ) {
    this.#key = encodeJwtSecret(secret);
  }

  async issue(claims: TokenClaims): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.clock.now() / 1000);
    const expiresAt = issuedAt + Math.floor(this.lifetimeMs / 1000);
    const token = await new SignJWT({ ver: claims.tokenVersion })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.#key);
    return { token, expiresAt: expiresAt * 1000 };
  }

  /** The token's claims and its expiry (epoch ms), or AuthenticationError. */
  async verify(token: string): Promise<TokenClaims & { expiresAt: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.#key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(this.clock.now()),
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('TOKEN_EXPIRED');
      if (error instanceof errors.JOSEError) throw new AuthenticationError('INVALID_TOKEN', error.message);
      throw error;
    }
    if (typeof payload.sub !== 'string' || !Number.isInteger(payload.ver)) {
      throw new AuthenticationError('INVALID_TOKEN', 'the token lacks its user or version claim');
    }
    return { userId: payload.sub, tokenVersion: payload.ver as number, expiresAt: (payload.exp as number) * 1000 };
  }
}

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: N (CPU/memory, a power of two), r (block size), p (parallelism), and the derived key's length. */
export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** About 32 MiB and a few hundred milliseconds per hash on a small server: slow for guessing, bearable for logins. */
export const DEFAULT_SCRYPT_PARAMETERS: Readonly<ScryptParameters> = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };

const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  // Node refuses anything needing more than maxmem (32 MiB by default), and N = 2^15 needs exactly that.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, params.keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function checkScryptParameters(params: ScryptParameters): ScryptParameters {
  const { N, r, p, keyLength } = params;
  if (!Number.isInteger(N) || N < 2 ** 10 || N > 2 ** 20 || (N & (N - 1)) !== 0) {
    throw new Error(`scrypt N must be a power of two between 2^10 and 2^20, got ${N}`);
  }
  if (!Number.isInteger(r) || r < 1 || r > 32) throw new Error(`scrypt r must be an integer from 1 to 32, got ${r}`);
  if (!Number.isInteger(p) || p < 1 || p > 16) throw new Error(`scrypt p must be an integer from 1 to 16, got ${p}`);
  if (!Number.isInteger(keyLength) || keyLength < 16 || keyLength > 128) {
    throw new Error(`scrypt keyLength must be an integer from 16 to 128, got ${keyLength}`);
  }
  return params;
}

/**
 * The stored form keeps the parameters next to salt and hash — `scrypt$N$r$p$salt$hash` (base64url) — so
 * that raising the cost later still verifies old hashes.
 */
export async function hashPassword(
  password: string,
  params: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS,
): Promise<string> {
  checkScryptParameters(params);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface StoredHash {
  params: ScryptParameters;
  salt: Buffer;
  key: Buffer;
}

function parseStoredHash(stored: string): StoredHash {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw new Error('stored password hash is not in the scrypt$N$r$p$salt$hash form');
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  checkScryptParameters({ N, r, p, keyLength: key.length });
  if (salt.length < 8) throw new Error('stored password hash has a salt shorter than 8 bytes');
  return { params: { N, r, p, keyLength: key.length }, salt, key };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { params, salt, key } = parseStoredHash(stored);
  const candidate = await derive(password, salt, params);
  return timingSafeEqual(candidate, key);
}

/** True when the stored hash was made with other parameters than `params` (rehash after the next good login). */
export function needsRehash(stored: string, params: ScryptParameters): boolean {
  const current = parseStoredHash(stored).params;
  return current.N !== params.N || current.r !== params.r || current.p !== params.p || current.keyLength !== params.keyLength;
}

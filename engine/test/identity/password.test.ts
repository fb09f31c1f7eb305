import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../src/identity/password-hash.js';
import { checkPasswordPolicy } from '../../src/identity/password-policy.js';
import { FAST_HASHING } from './identity-fixture.js';

describe('password policy', () => {
  it('accepts 8+ characters with a letter and a digit', () => {
    for (const ok of ['abcdefg1', 'Zhang2026', '网格员小王1号机', 'x1x1x1x1x1x1x1x1x1x1']) expect(checkPasswordPolicy(ok)).toBe(ok);
  });

  it('says which rule a password breaks', () => {
    expect(() => checkPasswordPolicy('abc123')).toThrow('password must be at least 8 characters long');
    expect(() => checkPasswordPolicy('12345678')).toThrow('password must contain at least one letter');
    expect(() => checkPasswordPolicy('abcdefgh')).toThrow('password must contain at least one digit');
    expect(() => checkPasswordPolicy('a1'.repeat(65))).toThrow('password must be at most 128 characters long');
    expect(() => checkPasswordPolicy(12345678)).toThrow('password must be a string, got number');
  });
});

describe('password hashing', () => {
  it('stores parameters and a random salt with the hash, and verifies', async () => {
    const a = await hashPassword('correct horse 1', FAST_HASHING);
    const b = await hashPassword('correct horse 1', FAST_HASHING);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse 1', a)).toBe(true);
    expect(await verifyPassword('correct horse 2', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treats composed and decomposed Unicode as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 2026', FAST_HASHING);
    expect(await verifyPassword('cafe\u0301 2026', stored)).toBe(true);
  });

  it('verifies with the stored parameters and tells when they are out of date', async () => {
    const stored = await hashPassword('passw0rd!', FAST_HASHING);
    const stronger = { ...FAST_HASHING, N: 2 ** 11 };
    expect(await verifyPassword('passw0rd!', stored)).toBe(true);
    expect(needsRehash(stored, FAST_HASHING)).toBe(false);
    expect(needsRehash(stored, stronger)).toBe(true);
  });

  it('refuses a malformed stored hash and bad parameters', async () => {
    await expect(verifyPassword('x', 'plain-text-password')).rejects.toThrow('not in the scrypt$N$r$p$salt$hash form');
    await expect(hashPassword('x', { ...FAST_HASHING, N: 1000 })).rejects.toThrow('scrypt N must be a power of two');
  });
});

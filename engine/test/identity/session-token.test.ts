import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/identity/authentication-error.js';
import { createIdentity, type Identity } from '../../src/identity/identity.js';
import type { User } from '../../src/identity/user.js';
import type { VirtualClock } from '../../src/clock/clock.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';
import { FAST_HASHING, identityOn, JWT_SECRET } from './identity-fixture.js';

const HOUR = 3_600_000;

async function failure(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe.each(testStores)('session tokens on $name', ({ open }) => {
  let store: Store;
  let identity: Identity;
  let clock: VirtualClock;
  let user: User;
  beforeAll(async () => {
    store = await open();
    ({ identity, clock } = identityOn(store));
    user = await identity.users.create({ username: 'token.user', password: 'token0pass', roles: ['designer'], groups: ['review'] });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('issues a token carrying the user id that verifies back to the principal', async () => {
    const principal = (await identity.auth.login('token.user', 'token0pass', 'c')).principal;
    const { token, expiresAt } = await identity.auth.issueToken(principal);
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(payload.sub).toBe(user.id);
    expect(payload.exp * 1000).toBe(expiresAt);
    expect(payload.exp - payload.iat).toBe(12 * 3600);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg).toBe('HS256');
    expect(await identity.auth.verifyToken(token)).toEqual(principal);
  });

  it('expires after 12 hours by the injected clock', async () => {
    const { token } = await identity.auth.login('token.user', 'token0pass', 'c');
    clock.advance(12 * HOUR - 1000);
    expect((await identity.auth.verifyToken(token)).id).toBe(user.id);
    clock.advance(1000);
    expect((await failure(identity.auth.verifyToken(token))).failure).toBe('TOKEN_EXPIRED');
  });

  it('stops working when the user is disabled, and again when re-enabled', async () => {
    const { token } = await identity.auth.login('token.user', 'token0pass', 'c');
    await identity.users.update(user.id, { disabled: true });
    expect((await failure(identity.auth.verifyToken(token))).failure).toBe('ACCOUNT_DISABLED');
    await expect(identity.auth.issueToken((await identity.principals.forUser(await identity.users.get(user.id))))).rejects.toMatchObject({
      failure: 'ACCOUNT_DISABLED',
    });
    await identity.users.update(user.id, { disabled: false });
    expect((await identity.auth.verifyToken(token)).id).toBe(user.id);
  });

  it('reflects role and group changes at once, since verifying reloads the user', async () => {
    const { token } = await identity.auth.login('token.user', 'token0pass', 'c');
    await identity.users.update(user.id, { roles: ['tester'], groups: [] });
    const principal = await identity.auth.verifyToken(token);
    expect(principal.roles).toEqual(['tester']);
    expect(principal.permissions.has('deploy')).toBe(false);
    expect(principal.groups).toEqual([]);
  });

  it('ends earlier sessions when the password changes', async () => {
    const other = await identity.users.create({ username: 'pw.changer', password: 'first0pass', roles: ['tester'] });
    const { token } = await identity.auth.login('pw.changer', 'first0pass', 'c');
    await identity.users.update(other.id, { password: 'second0pass' });
    expect((await failure(identity.auth.verifyToken(token))).failure).toBe('INVALID_TOKEN');
    const fresh = await identity.auth.login('pw.changer', 'second0pass', 'c');
    expect((await identity.auth.verifyToken(fresh.token)).id).toBe(other.id);
  });

  it('rejects tampered, foreign and malformed tokens', async () => {
    const { token } = await identity.auth.login('token.user', 'token0pass', 'c');
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.sub = 'someone-else';
    const tampered = [header, Buffer.from(JSON.stringify(forged)).toString('base64url'), signature].join('.');
    expect((await failure(identity.auth.verifyToken(tampered))).failure).toBe('INVALID_TOKEN');

    const otherServer = createIdentity({ db: store.db, jwtSecret: 'another-secret-of-at-least-32-bytes!!', clock, passwordHashing: FAST_HASHING });
    const foreign = (await otherServer.auth.login('token.user', 'token0pass', 'c')).token;
    expect((await failure(identity.auth.verifyToken(foreign))).failure).toBe('INVALID_TOKEN');

    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect((await failure(identity.auth.verifyToken(unsigned))).failure).toBe('INVALID_TOKEN');
    expect((await failure(identity.auth.verifyToken('not-a-jwt'))).failure).toBe('INVALID_TOKEN');

    // Right key, but not a token of ours (no version claim).
    const bare = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('gongzhi')
      .setAudience('gongzhi-api')
      .setIssuedAt(Math.floor(clock.now() / 1000))
      .setExpirationTime(Math.floor(clock.now() / 1000) + 60)
      .sign(new TextEncoder().encode(JWT_SECRET));
    expect((await failure(identity.auth.verifyToken(bare))).failure).toBe('INVALID_TOKEN');
  });

  it('rejects the token of a deleted user', async () => {
    const gone = await identity.users.create({ username: 'soon.gone', password: 'gone0pass', roles: ['tester'] });
    const { token } = await identity.auth.login('soon.gone', 'gone0pass', 'c');
    await store.db.deleteFrom('users').where('id', '=', gone.id).execute();
    const error = await failure(identity.auth.verifyToken(token));
    expect(error.failure).toBe('INVALID_TOKEN');
    expect(error.message).toMatch(/no longer exists/);
  });

  it('refuses short secrets and issuing tokens to API keys', async () => {
    expect(() => createIdentity({ db: store.db, jwtSecret: 'short' })).toThrow('jwtSecret must be at least 32 bytes long');
    const created = await identity.apiKeys.create({ name: 'erp', roles: ['integrator'] }, user.id);
    const keyPrincipal = await identity.auth.verifyApiKey(created.key);
    await expect(identity.auth.issueToken(keyPrincipal)).rejects.toThrow('session tokens are issued to users only');
  });
});

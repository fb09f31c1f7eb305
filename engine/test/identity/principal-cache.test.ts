import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.js';
import { AuthenticationError } from '../../src/identity/authentication-error.js';
import { createIdentity, type Identity } from '../../src/identity/identity.js';
import { PRINCIPAL_CACHE_TTL_MS, PrincipalCache } from '../../src/identity/principal-cache.js';
import type { Principal } from '../../src/identity/principal.js';
import { TOKEN_LIFETIME_MS } from '../../src/identity/session-token.js';
import type { User } from '../../src/identity/user.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';
import { FAST_HASHING, identityOn, JWT_SECRET, seedOrganizations } from './identity-fixture.js';

async function failure(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

describe.each(testStores)('verified principals cached briefly on $name', ({ open }) => {
  let store: Store;
  let identity: Identity;
  let clock: VirtualClock;
  let admin: User;
  let orgs: Awaited<ReturnType<typeof seedOrganizations>>;
  beforeAll(async () => {
    store = await open();
    ({ identity, clock } = identityOn(store));
    orgs = await seedOrganizations(identity, 'pc');
    admin = (await identity.users.ensureAdmin('admin0pass')).user;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('reuses a verified API key for the TTL: a change made behind its back (another process) shows after at most that long', async () => {
    const { id, key } = await identity.apiKeys.create({ name: 'erp', roles: ['integrator'] }, admin.id);
    const header = `Bearer ${key}`;
    const first = await identity.auth.principalFromAuthorization(header);
    expect(first).toMatchObject({ kind: 'apiKey', id });
    // Revoked through SQL, as another process sharing the database would: this process cannot know yet.
    await sql`UPDATE api_keys SET revoked_at = ${clock.now()} WHERE id = ${id}`.execute(store.db);
    clock.advance(PRINCIPAL_CACHE_TTL_MS - 1);
    expect(await identity.auth.principalFromAuthorization(header)).toBe(first);
    clock.advance(1);
    expect((await failure(identity.auth.principalFromAuthorization(header))).failure).toBe('API_KEY_REVOKED');
  });

  it('a key revoked in this process stops working at once', async () => {
    const { id, key } = await identity.apiKeys.create({ name: 'hotline', roles: ['integrator'] }, admin.id);
    const header = `Bearer ${key}`;
    await identity.auth.principalFromAuthorization(header);
    await identity.apiKeys.revoke(id);
    expect((await failure(identity.auth.principalFromAuthorization(header))).failure).toBe('API_KEY_REVOKED');
  });

  it('disabling a user, changing their roles or password applies to their session at once', async () => {
    const user = await identity.users.create({ username: 'pc.window', password: 'Window-pass-2026', roles: ['staff'], orgId: orgs.grid1 });
    const { token } = await identity.auth.login('pc.window', 'Window-pass-2026', 'test');
    const header = `Bearer ${token}`;
    expect((await identity.auth.principalFromAuthorization(header))?.roles).toEqual(['staff']);
    await identity.users.update(user.id, { roles: ['staff', 'tester'] });
    expect((await identity.auth.principalFromAuthorization(header))?.roles).toEqual(['staff', 'tester']);
    await identity.users.update(user.id, { disabled: true });
    expect((await failure(identity.auth.principalFromAuthorization(header))).failure).toBe('ACCOUNT_DISABLED');
    await identity.users.update(user.id, { disabled: false });
    expect(await identity.auth.principalFromAuthorization(header)).toMatchObject({ id: user.id });
    await identity.users.update(user.id, { password: 'Window-pass-2027' });
    expect((await failure(identity.auth.principalFromAuthorization(header))).failure).toBe('INVALID_TOKEN');

    // HTTP Basic with a password: the old password is refused at once too, and a wrong one is never cached.
    const oldBasic = basic('pc.window', 'Window-pass-2027');
    expect(await identity.auth.principalFromAuthorization(oldBasic)).toMatchObject({ id: user.id });
    await identity.users.update(user.id, { password: 'Window-pass-2028' });
    expect((await failure(identity.auth.principalFromAuthorization(oldBasic))).failure).toBe('INVALID_CREDENTIALS');
  });

  it('a new organisation below a staff member is in their scope at once', async () => {
    await identity.users.create({ username: 'pc.community', password: 'Community-pass-2026', roles: ['staff'], orgId: orgs.community });
    const header = basic('pc.community', 'Community-pass-2026');
    const before = (await identity.auth.principalFromAuthorization(header))!;
    expect(before.orgScope).not.toBe('all');
    expect((before.orgScope as ReadonlySet<string>).has('pc-g3')).toBe(false);
    await identity.organizations.create({ id: 'pc-g3', name: '第三网格', kind: 'grid', parentId: orgs.community });
    const after = (await identity.auth.principalFromAuthorization(header))!;
    expect((after.orgScope as ReadonlySet<string>).has('pc-g3')).toBe(true);
  });

  it('never serves a session past its token’s expiry', async () => {
    await identity.users.create({ username: 'pc.late', password: 'Late-pass-2026', roles: ['designer'] });
    const { token, expiresAt } = await identity.auth.login('pc.late', 'Late-pass-2026', 'test');
    clock.set(expiresAt - 1000);
    expect(await identity.auth.principalFromAuthorization(`Bearer ${token}`)).toMatchObject({ name: 'pc.late' });
    clock.advance(1000);
    expect((await failure(identity.auth.principalFromAuthorization(`Bearer ${token}`))).failure).toBe('TOKEN_EXPIRED');
    expect(TOKEN_LIFETIME_MS).toBeGreaterThan(PRINCIPAL_CACHE_TTL_MS);
  });

  it('requests that miss the cache together share one verification; one begun after a revocation does not', async () => {
    const { id, key } = await identity.apiKeys.create({ name: 'busy worker', roles: ['integrator'] }, admin.id);
    const header = `Bearer ${key}`;
    const reads = vi.spyOn(identity.apiKeys, 'findByKey');
    try {
      const principals = await Promise.all(Array.from({ length: 20 }, () => identity.auth.principalFromAuthorization(header)));
      expect(reads).toHaveBeenCalledTimes(1);
      expect(new Set(principals).size).toBe(1);
      clock.advance(PRINCIPAL_CACHE_TTL_MS);
      const before = identity.auth.principalFromAuthorization(header);
      await identity.apiKeys.revoke(id);
      const after = identity.auth.principalFromAuthorization(header);
      await before.catch(() => undefined);
      expect((await failure(after)).failure).toBe('API_KEY_REVOKED');
      expect(reads).toHaveBeenCalledTimes(3);
    } finally {
      reads.mockRestore();
    }
  });

  it('with a TTL of 0 every request reads the store', async () => {
    const strict = createIdentity({ db: store.db, jwtSecret: JWT_SECRET, clock, passwordHashing: FAST_HASHING, principalCacheTtlMs: 0 });
    const { id, key } = await identity.apiKeys.create({ name: 'strict', roles: ['integrator'] }, admin.id);
    await strict.auth.principalFromAuthorization(`Bearer ${key}`);
    await sql`UPDATE api_keys SET revoked_at = ${clock.now()} WHERE id = ${id}`.execute(store.db);
    expect((await failure(strict.auth.principalFromAuthorization(`Bearer ${key}`))).failure).toBe('API_KEY_REVOKED');
    expect(strict.principalCache.size).toBe(0);
  });
});

describe('PrincipalCache', () => {
  const principal = { kind: 'apiKey', id: 'ak_1', name: 'x', roles: [], permissions: new Set(), orgScope: 'all', groups: [] } as unknown as Principal;

  it('does not keep what was verified before an invalidation', () => {
    const cache = new PrincipalCache(new VirtualClock());
    const key = cache.keyOf('Bearer gzk_x');
    const generation = cache.generation;
    cache.invalidateAll(); // a revocation lands while the verification was reading the store
    cache.set(key, principal, generation);
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, principal, cache.generation);
    expect(cache.get(key)).toBe(principal);
  });

  it('keeps at most maxEntries, dropping the oldest, and never the credentials themselves', () => {
    const cache = new PrincipalCache(new VirtualClock(), 1000, 2);
    for (const header of ['Bearer a', 'Bearer b', 'Bearer c']) cache.set(cache.keyOf(header), principal, cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get(cache.keyOf('Bearer a'))).toBeUndefined();
    expect(cache.get(cache.keyOf('Bearer c'))).toBe(principal);
    expect(cache.keyOf('Bearer secret')).not.toContain('secret');
  });

  it('refuses a nonsensical TTL or size', () => {
    expect(() => new PrincipalCache(new VirtualClock(), -1)).toThrow(/ttlMs/);
    expect(() => new PrincipalCache(new VirtualClock(), 1000, 0)).toThrow(/maxEntries/);
  });
});

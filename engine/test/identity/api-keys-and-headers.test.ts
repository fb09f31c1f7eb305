import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/identity/authentication-error.js';
import type { Identity } from '../../src/identity/identity.js';
import type { User } from '../../src/identity/user.js';
import type { VirtualClock } from '../../src/clock/clock.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';
import { identityOn, seedOrganizations } from './identity-fixture.js';

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

describe.each(testStores)('API keys and Authorization headers on $name', ({ open }) => {
  let store: Store;
  let identity: Identity;
  let clock: VirtualClock;
  let admin: User;
  let orgs: Awaited<ReturnType<typeof seedOrganizations>>;
  beforeAll(async () => {
    store = await open();
    ({ identity, clock } = identityOn(store));
    orgs = await seedOrganizations(identity, 'k');
    admin = (await identity.users.ensureAdmin('admin0pass')).user;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('shows a new key once and stores only its SHA-256', async () => {
    const created = await identity.apiKeys.create({ name: '12345 热线对接', roles: ['integrator'] }, admin.id);
    expect(created.id).toMatch(/^ak_[0-9a-f]{16}$/);
    expect(created.name).toBe('12345 热线对接');
    expect(created.key).toMatch(/^gzk_[A-Za-z0-9_-]{43}$/);

    const rows = await sql<Record<string, unknown>>`SELECT * FROM api_keys WHERE id = ${created.id}`.execute(store.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(rows.rows[0])).not.toContain(created.key.slice(4));

    const listed = (await identity.apiKeys.list()).find((k) => k.id === created.id)!;
    expect(listed).toEqual({
      id: created.id,
      name: '12345 热线对接',
      roles: ['integrator'],
      createdBy: admin.id,
      createdAt: clock.now(),
    });
    expect(JSON.stringify(await identity.apiKeys.list())).not.toContain(created.key.slice(4));
    expect(await identity.apiKeys.get(created.id)).toEqual(listed);
  });

  it('verifies a key to its principal; a wrong or malformed key is refused', async () => {
    const created = await identity.apiKeys.create({ name: 'grid app', roles: ['staff', 'integrator'], orgId: orgs.community }, admin.id);
    const principal = await identity.auth.verifyApiKey(created.key);
    expect(principal).toMatchObject({
      kind: 'apiKey',
      id: created.id,
      name: 'grid app',
      roles: ['staff', 'integrator'],
      orgId: orgs.community,
      orgScope: new Set([orgs.community, orgs.grid1, orgs.grid2]),
      groups: [],
    });
    expect(principal.permissions.has('jobs:work')).toBe(true);
    expect(principal.permissions.has('users:manage')).toBe(false);

    const lastChar = created.key.at(-1) === 'A' ? 'B' : 'A';
    const altered = created.key.slice(0, -1) + lastChar;
    expect((await failure(identity.auth.verifyApiKey(altered))).failure).toBe('INVALID_API_KEY');
    expect((await failure(identity.auth.verifyApiKey('gzk_short'))).failure).toBe('INVALID_API_KEY');
    expect((await failure(identity.auth.verifyApiKey(''))).failure).toBe('INVALID_API_KEY');
  });

  it('rejects a revoked key for good', async () => {
    const created = await identity.apiKeys.create({ name: 'old erp', roles: ['integrator'] }, admin.id);
    await identity.auth.verifyApiKey(created.key);
    clock.advance(1000);
    const revoked = await identity.apiKeys.revoke(created.id);
    expect(revoked.revokedAt).toBe(clock.now());
    expect((await failure(identity.auth.verifyApiKey(created.key))).failure).toBe('API_KEY_REVOKED');
    expect((await failure(identity.auth.verifyBasic(created.id, created.key))).failure).toBe('API_KEY_REVOKED');
    clock.advance(1000);
    expect((await identity.apiKeys.revoke(created.id)).revokedAt).toBe(revoked.revokedAt);
    await expect(identity.apiKeys.revoke('ak_0000000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('checks what a key is created with', async () => {
    await expect(identity.apiKeys.create({ name: '', roles: ['integrator'] }, admin.id)).rejects.toMatchObject({ field: 'name' });
    await expect(identity.apiKeys.create({ name: 'x', roles: [] }, admin.id)).rejects.toMatchObject({ field: 'roles' });
    await expect(identity.apiKeys.create({ name: 'x', roles: ['staff'] }, admin.id)).rejects.toMatchObject({ field: 'orgId' });
    await expect(identity.apiKeys.create({ name: 'x', roles: ['integrator'], orgId: 'k-none' }, admin.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(identity.apiKeys.create({ name: 'x', roles: ['integrator'] }, '')).rejects.toMatchObject({ field: 'createdBy' });
  });

  it('accepts HTTP Basic with an API key id and key, or a username and password', async () => {
    const created = await identity.apiKeys.create({ name: 'worker', roles: ['integrator'] }, admin.id);
    expect((await identity.auth.verifyBasic(created.id, created.key)).id).toBe(created.id);
    const other = await identity.apiKeys.create({ name: 'other', roles: ['integrator'] }, admin.id);
    // A real key, but not this id's.
    expect((await failure(identity.auth.verifyBasic(created.id, other.key))).failure).toBe('INVALID_API_KEY');
    expect((await failure(identity.auth.verifyBasic('ak_0123456789abcdef', created.key))).failure).toBe('INVALID_API_KEY');

    await identity.users.create({ username: 'basic.user', password: 'basic0pass', roles: ['integrator'] });
    expect((await identity.auth.verifyBasic('basic.user', 'basic0pass')).name).toBe('basic.user');
    expect((await failure(identity.auth.verifyBasic('basic.user', 'basic0wrong'))).failure).toBe('INVALID_CREDENTIALS');
  });

  it('puts user Basic auth under the login lockout', async () => {
    await identity.users.create({ username: 'basic.locked', password: 'basic0pass', roles: ['integrator'] });
    for (let i = 0; i < 5; i++) await failure(identity.auth.verifyBasic('basic.locked', 'wrong0pass'));
    expect((await failure(identity.auth.verifyBasic('basic.locked', 'basic0pass'))).failure).toBe('LOCKED');
    expect((await failure(identity.auth.login('basic.locked', 'basic0pass', 'c'))).failure).toBe('LOCKED');
  });

  it('reads Bearer session tokens, Bearer API keys and Basic from the Authorization header', async () => {
    await identity.users.create({ username: 'header.user', password: 'header0pass', roles: ['staff'], orgId: orgs.grid2 });
    const { token, principal } = await identity.auth.login('header.user', 'header0pass', 'c');
    expect(await identity.auth.principalFromAuthorization(`Bearer ${token}`)).toEqual(principal);
    expect(await identity.auth.principalFromAuthorization(`bearer   ${token}  `)).toEqual(principal);

    const created = await identity.apiKeys.create({ name: 'header key', roles: ['integrator'] }, admin.id);
    expect((await identity.auth.principalFromAuthorization(`Bearer ${created.key}`))?.id).toBe(created.id);
    expect((await identity.auth.principalFromAuthorization(basic(created.id, created.key)))?.kind).toBe('apiKey');
    expect((await identity.auth.principalFromAuthorization(basic('header.user', 'header0pass')))?.id).toBe(principal.id);
    // A colon in the password belongs to the password.
    await identity.users.create({ username: 'colon.user', password: 'a:b:c:123', roles: ['tester'] });
    expect((await identity.auth.principalFromAuthorization(basic('colon.user', 'a:b:c:123')))?.name).toBe('colon.user');
  });

  it('returns undefined without a header and throws AuthenticationError for bad ones', async () => {
    expect(await identity.auth.principalFromAuthorization(undefined)).toBeUndefined();
    expect(await identity.auth.principalFromAuthorization('')).toBeUndefined();
    const cases: Array<[string, string, RegExp?]> = [
      ['Bearer', 'MALFORMED_AUTHORIZATION', /expected "Bearer <token>"/],
      ['Bearer a b', 'MALFORMED_AUTHORIZATION'],
      ['Digest abc', 'MALFORMED_AUTHORIZATION', /unsupported scheme Digest/],
      ['Basic !!!', 'MALFORMED_AUTHORIZATION', /not base64/],
      [`Basic ${Buffer.from('nocolon').toString('base64')}`, 'MALFORMED_AUTHORIZATION', /lack the ":"/],
      ['Bearer eyJhbGciOiJIUzI1NiJ9.e30.xxxx', 'INVALID_TOKEN'],
      ['Bearer gzk_nope', 'INVALID_API_KEY'],
      [basic('nobody.here', 'wrong0pass'), 'INVALID_CREDENTIALS'],
    ];
    for (const [header, expected, message] of cases) {
      const error = await failure(identity.auth.principalFromAuthorization(header, 'header-tests'));
      expect(error.failure, header).toBe(expected);
      if (message) expect(error.message).toMatch(message);
    }
  });
});

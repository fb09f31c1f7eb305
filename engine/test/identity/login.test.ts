import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/identity/authentication-error.js';
import type { Identity } from '../../src/identity/identity.js';
import type { VirtualClock } from '../../src/clock/clock.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';
import { identityOn, seedOrganizations } from './identity-fixture.js';

const MINUTE = 60_000;

async function failure(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe.each(testStores)('login on $name', ({ open }) => {
  let store: Store;
  let identity: Identity;
  let clock: VirtualClock;
  let orgs: Awaited<ReturnType<typeof seedOrganizations>>;
  beforeAll(async () => {
    store = await open();
    ({ identity, clock } = identityOn(store));
    orgs = await seedOrganizations(identity, 'l');
  });
  afterAll(async () => {
    await store?.close();
  });

  it('logs in and returns a token and the principal, staff scoped to their org subtree', async () => {
    const user = await identity.users.create({
      username: 'zhao.community',
      password: 'zhao0pass',
      roles: ['staff'],
      orgId: orgs.community,
      groups: ['window'],
    });
    const result = await identity.auth.login('Zhao.Community', 'zhao0pass', '10.0.0.1');
    expect(result.token.split('.')).toHaveLength(3);
    expect(result.expiresAt).toBe(Math.floor(clock.now() / 1000) * 1000 + 12 * 60 * MINUTE);
    expect(result.principal).toEqual({
      kind: 'user',
      id: user.id,
      name: 'zhao.community',
      roles: ['staff'],
      permissions: new Set(['forms:read', 'definitions:read', 'instances:start', 'instances:read', 'tasks:read', 'tasks:work', 'orgs:read', 'dashboards:read', 'pii:read']),
      orgId: orgs.community,
      orgScope: new Set([orgs.community, orgs.grid1, orgs.grid2]),
      groups: ['window'],
    });
    expect(await identity.auth.verifyToken(result.token)).toEqual(result.principal);
  });

  it('gives organisation-wide scope to admins, other roles and users without an org', async () => {
    await identity.users.create({ username: 'admin.at.street', password: 'admin0pass', roles: ['admin', 'staff'], orgId: orgs.street });
    await identity.users.create({ username: 'designer.at.grid', password: 'design0pass', roles: ['designer'], orgId: orgs.grid1 });
    await identity.users.create({ username: 'tester.nowhere', password: 'tester0pass', roles: ['tester'] });
    const admin = await identity.auth.login('admin.at.street', 'admin0pass', 'c');
    expect(admin.principal.orgScope).toBe('all');
    expect(admin.principal.orgId).toBe(orgs.street);
    expect(admin.principal.permissions.has('users:manage')).toBe(true);
    expect((await identity.auth.login('designer.at.grid', 'design0pass', 'c')).principal.orgScope).toBe('all');
    const tester = await identity.auth.login('tester.nowhere', 'tester0pass', 'c');
    expect(tester.principal.orgScope).toBe('all');
    expect(tester.principal.orgId).toBeUndefined();
  });

  it('answers a wrong password and an unknown user alike', async () => {
    await identity.users.create({ username: 'qian.window', password: 'qian0pass', roles: ['staff'], orgId: orgs.grid2 });
    const wrong = await failure(identity.auth.login('qian.window', 'qian0wrong', 'probe-1'));
    const unknown = await failure(identity.auth.login('qian.nobody', 'qian0wrong', 'probe-2'));
    expect(wrong.failure).toBe('INVALID_CREDENTIALS');
    expect(unknown.failure).toBe('INVALID_CREDENTIALS');
    expect(unknown.message).toBe(wrong.message);
    expect(Object.keys(unknown)).toEqual(Object.keys(wrong));
    expect(unknown.retryAfterMs).toBeUndefined();
  });

  it('locks a username after 5 failures in 15 minutes, until the window passes', async () => {
    await identity.users.create({ username: 'sun.target', password: 'sun0right', roles: ['staff'], orgId: orgs.grid1 });
    for (let i = 0; i < 5; i++) {
      clock.advance(MINUTE);
      // Each from another client, so only the per-username count can lock.
      expect((await failure(identity.auth.login('sun.target', `guess${i}x`, `attacker-${i}`))).failure).toBe('INVALID_CREDENTIALS');
    }
    const firstFailureAt = clock.now() - 4 * MINUTE;
    const locked = await failure(identity.auth.login('sun.target', 'sun0right', 'owner-phone'));
    expect(locked.failure).toBe('LOCKED');
    expect(locked.retryAfterMs).toBe(firstFailureAt + 15 * MINUTE - clock.now());

    clock.set(firstFailureAt + 15 * MINUTE - 1);
    expect((await failure(identity.auth.login('sun.target', 'sun0right', 'owner-phone'))).failure).toBe('LOCKED');
    // The oldest failure has left the window: four remain, so one more try is allowed, and it succeeds.
    clock.set(firstFailureAt + 15 * MINUTE);
    expect((await identity.auth.login('sun.target', 'sun0right', 'owner-phone')).principal.name).toBe('sun.target');
  });

  it('clears the username count after a good login, so earlier failures no longer add up', async () => {
    await identity.users.create({ username: 'li.clearing', password: 'li0right1', roles: ['tester'] });
    for (let i = 0; i < 4; i++) await failure(identity.auth.login('li.clearing', 'wrong0pass', `c-${i}`));
    await identity.auth.login('li.clearing', 'li0right1', 'c-ok');
    for (let i = 0; i < 4; i++) await failure(identity.auth.login('li.clearing', 'wrong0pass', `d-${i}`));
    expect((await identity.auth.login('li.clearing', 'li0right1', 'c-ok')).principal.name).toBe('li.clearing');
  });

  it('locks unknown usernames just like real ones', async () => {
    for (let i = 0; i < 5; i++) await failure(identity.auth.login('ghost.user', 'wrong0pass', `g-${i}`));
    expect((await failure(identity.auth.login('ghost.user', 'wrong0pass', 'g-x'))).failure).toBe('LOCKED');
  });

  it('locks a client after 5 failures across usernames, leaving other clients alone', async () => {
    await identity.users.create({ username: 'zhou.victim', password: 'zhou0right', roles: ['tester'] });
    for (let i = 0; i < 5; i++) await failure(identity.auth.login(`spray${i}`, 'spray0pass', 'sprayer'));
    const locked = await failure(identity.auth.login('zhou.victim', 'zhou0right', 'sprayer'));
    expect(locked.failure).toBe('LOCKED');
    expect(locked.retryAfterMs).toBe(15 * MINUTE);
    expect((await identity.auth.login('zhou.victim', 'zhou0right', 'office-pc')).principal.name).toBe('zhou.victim');
    clock.advance(15 * MINUTE);
    expect((await identity.auth.login('zhou.victim', 'zhou0right', 'sprayer')).principal.name).toBe('zhou.victim');
  });

  it('refuses disabled users, saying so only to someone with the right password', async () => {
    const user = await identity.users.create({ username: 'wu.leaver', password: 'wu0right1', roles: ['tester'] });
    await identity.users.update(user.id, { disabled: true });
    expect((await failure(identity.auth.login('wu.leaver', 'wu0wrong1', 'c'))).failure).toBe('INVALID_CREDENTIALS');
    expect((await failure(identity.auth.login('wu.leaver', 'wu0right1', 'c'))).failure).toBe('ACCOUNT_DISABLED');
    await identity.users.update(user.id, { disabled: false });
    expect((await identity.auth.login('wu.leaver', 'wu0right1', 'c')).principal.id).toBe(user.id);
  });

  it('names bad arguments', async () => {
    await expect(identity.auth.login('x', 'y', '')).rejects.toThrow('clientKey must be a non-empty string');
    await expect(identity.auth.login(undefined as never, 'y', 'c')).rejects.toThrow('username must be a string, got undefined');
    await expect(identity.auth.login('x', 42 as never, 'c')).rejects.toThrow('password must be a string, got number');
  });
});

describe.each(testStores)('login failure bookkeeping on $name', ({ open }) => {
  it('forgets failures once they are out of the window, whoever they were for', async () => {
    const store = await open();
    try {
      const { identity, clock } = identityOn(store);
      for (let i = 0; i < 20; i++) await failure(identity.auth.login(`random${i}`, 'spray0pass', `bot-${i}`));
      const count = async () => Number((await store.db.selectFrom('login_failures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count()).toBe(40);
      clock.advance(15 * MINUTE);
      await failure(identity.auth.login('someone.new', 'wrong0pass', 'bot-x'));
      expect(await count()).toBe(2);
    } finally {
      await store.close();
    }
  });
});

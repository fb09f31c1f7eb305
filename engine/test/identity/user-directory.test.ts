import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity, type Identity } from '../../src/identity/identity.js';
import { IdentityError } from '../../src/identity/identity-error.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';
import { FAST_HASHING, identityOn, JWT_SECRET, seedOrganizations } from './identity-fixture.js';

describe.each(testStores)('user directory on $name', ({ open }) => {
  let store: Store;
  let identity: Identity;
  let orgs: Awaited<ReturnType<typeof seedOrganizations>>;
  beforeAll(async () => {
    store = await open();
    ({ identity } = identityOn(store));
    orgs = await seedOrganizations(identity, 'u');
  });
  afterAll(async () => {
    await store?.close();
  });

  async function storedHash(userId: string): Promise<string> {
    const result = await sql<{ h: string }>`SELECT password_hash AS h FROM users WHERE id = ${userId}`.execute(store.db);
    return result.rows[0].h;
  }

  it('creates a user and never returns its password or hash', async () => {
    const user = await identity.users.create({
      username: 'wang.grid',
      password: 'wangwang2026',
      displayName: '王网格',
      roles: ['staff'],
      orgId: orgs.grid1,
      groups: ['grid-worker', 'grid-worker', 'window'],
    });
    expect(user).toEqual({
      id: expect.any(String),
      username: 'wang.grid',
      displayName: '王网格',
      roles: ['staff'],
      orgId: orgs.grid1,
      groups: ['grid-worker', 'window'],
      disabled: false,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    const read = await identity.users.get(user.id);
    expect(read).toEqual(user);
    expect(JSON.stringify(await identity.users.list())).not.toMatch(/scrypt|wangwang2026|password/i);
    expect(await storedHash(user.id)).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await identity.users.findByUsername('WANG.GRID')).toEqual(user);
  });

  it('checks usernames: length, characters, uniqueness regardless of case, reserved API key ids', async () => {
    const base = { password: 'abcdefg1', roles: ['designer' as const] };
    await identity.users.create({ ...base, username: 'li_designer' });
    await expect(identity.users.create({ ...base, username: 'LI_Designer' })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      field: 'username',
    });
    for (const username of ['ab', 'a'.repeat(33), 'li wei', '李伟', 'li@x']) {
      await expect(identity.users.create({ ...base, username }), username).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        field: 'username',
      });
    }
    await expect(identity.users.create({ ...base, username: 'ak_0123456789abcdef' })).rejects.toThrow(
      'has the form of an API key id, which is reserved',
    );
    expect(await identity.users.create({ ...base, username: 'a.b' })).toMatchObject({ username: 'a.b' });
    expect(await identity.users.create({ ...base, username: 'x'.repeat(32) })).toMatchObject({ displayName: 'x'.repeat(32) });
  });

  it('applies the password policy on create and update', async () => {
    const base = { username: 'policy.user', roles: ['tester' as const] };
    await expect(identity.users.create({ ...base, password: 'short1' })).rejects.toThrow('at least 8 characters');
    await expect(identity.users.create({ ...base, password: 'onlyletters' })).rejects.toThrow('at least one digit');
    await expect(identity.users.create({ ...base, password: '1234567890' })).rejects.toThrow('at least one letter');
    expect(await identity.users.findByUsername('policy.user')).toBeUndefined();
    const user = await identity.users.create({ ...base, password: 'letters4and5digits' });
    await expect(identity.users.update(user.id, { password: 'nodigits!' })).rejects.toMatchObject({ field: 'password' });
  });

  it('requires roles, and an organisation for staff', async () => {
    await expect(identity.users.create({ username: 'noroles', password: 'abcdefg1', roles: [] })).rejects.toThrow(
      'roles must name at least one role',
    );
    await expect(identity.users.create({ username: 'badrole', password: 'abcdefg1', roles: ['root' as never] })).rejects.toThrow(
      'roles contains "root", which is not one of admin, designer, staff, integrator, tester',
    );
    await expect(identity.users.create({ username: 'staff.noorg', password: 'abcdefg1', roles: ['staff'] })).rejects.toMatchObject({
      field: 'orgId',
      message: 'user staff.noorg has the staff role and so needs an organisation (orgId)',
    });
    await expect(
      identity.users.create({ username: 'staff.ghost', password: 'abcdefg1', roles: ['staff'], orgId: 'u-nowhere' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'orgId' });
    await expect(
      identity.users.create({ username: 'bad.groups', password: 'abcdefg1', roles: ['tester'], groups: ['ok', 'has space'] }),
    ).rejects.toMatchObject({ field: 'groups' });
    // Other roles may go without one.
    const designer = await identity.users.create({ username: 'designer.free', password: 'abcdefg1', roles: ['designer'] });
    expect(designer.orgId).toBeUndefined();
  });

  it('updates roles, organisation, groups, disabled and password', async () => {
    const clerk = await identity.users.create({
      username: 'window.clerk',
      password: 'first0pass',
      roles: ['staff'],
      orgId: orgs.community,
      groups: ['window'],
    });
    const moved = await identity.users.update(clerk.id, { orgId: orgs.street2, groups: ['window', 'mediator'], displayName: '窗口 张' });
    expect(moved).toMatchObject({ orgId: orgs.street2, groups: ['window', 'mediator'], displayName: '窗口 张', roles: ['staff'] });
    await expect(identity.users.update(clerk.id, { orgId: null })).rejects.toMatchObject({ field: 'orgId' });
    const promoted = await identity.users.update(clerk.id, { roles: ['designer'], orgId: null });
    expect(promoted.roles).toEqual(['designer']);
    expect(promoted.orgId).toBeUndefined();
    expect((await identity.users.update(clerk.id, { disabled: true })).disabled).toBe(true);
    await expect(identity.users.update(clerk.id, { disabled: 'yes' as never })).rejects.toThrow('disabled must be true or false');

    const before = await storedHash(clerk.id);
    await identity.users.update(clerk.id, { password: 'second0pass' });
    expect(await storedHash(clerk.id)).not.toBe(before);
    expect(await identity.users.checkPassword('window.clerk', 'first0pass')).toBeUndefined();
    expect((await identity.users.checkPassword('window.clerk', 'second0pass'))?.user.id).toBe(clerk.id);
    await expect(identity.users.update('no-such-user', { disabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('ensureAdmin creates admin once and never resets it', async () => {
    const first = await identity.users.ensureAdmin('admin0pass');
    expect(first.created).toBe(true);
    expect(first.user).toMatchObject({ username: 'admin', roles: ['admin'], disabled: false });
    const again = await identity.users.ensureAdmin('other0pass');
    expect(again).toEqual({ user: first.user, created: false });
    expect(await identity.users.checkPassword('admin', 'admin0pass')).toBeDefined();
    expect(await identity.users.checkPassword('admin', 'other0pass')).toBeUndefined();
    // An existing admin is returned as is, so the password given is not even looked at.
    await expect(identity.users.ensureAdmin('weak')).resolves.toMatchObject({ created: false });
  });

  it('lists users ordered by username', async () => {
    const names = (await identity.users.list()).map((u) => u.username.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(names).toContain('wang.grid');
  });

  it('hashes with the default cost unless told otherwise, and upgrades old hashes at the next good login', async () => {
    const defaults = createIdentity({ db: store.db, jwtSecret: JWT_SECRET });
    const user = await defaults.users.create({ username: 'default.cost', password: 'default0cost', roles: ['tester'] });
    expect(await storedHash(user.id)).toMatch(/^scrypt\$32768\$8\$1\$/);

    const weak = createIdentity({ db: store.db, jwtSecret: JWT_SECRET, passwordHashing: FAST_HASHING });
    const old = await weak.users.create({ username: 'old.hash', password: 'old0hash0', roles: ['tester'] });
    const stronger = createIdentity({ db: store.db, jwtSecret: JWT_SECRET, passwordHashing: { ...FAST_HASHING, N: 2 ** 11 } });
    expect(await stronger.users.checkPassword('old.hash', 'wrong0pass')).toBeUndefined();
    expect(await storedHash(old.id)).toMatch(/^scrypt\$1024\$/);
    expect(await stronger.users.checkPassword('old.hash', 'old0hash0')).toBeDefined();
    expect(await storedHash(old.id)).toMatch(/^scrypt\$2048\$/);
    expect(await weak.users.checkPassword('old.hash', 'old0hash0')).toBeDefined();
  });

  it('reports bad input as IdentityError', async () => {
    const error = await identity.users.create(null as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityError);
    await expect(identity.users.get('nobody')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'user nobody does not exist' });
  });
});

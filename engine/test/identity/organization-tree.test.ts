import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../src/identity/identity.js';
import { IdentityError } from '../../src/identity/identity-error.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';
import { identityOn, seedOrganizations } from './identity-fixture.js';

describe.each(testStores)('organization tree on $name', ({ open }) => {
  let store: Store;
  let identity: Identity;
  beforeAll(async () => {
    store = await open();
    ({ identity } = identityOn(store));
  });
  afterAll(async () => {
    await store?.close();
  });

  it('creates and reads organisations, the root without a parentId', async () => {
    const ids = await seedOrganizations(identity, 'read');
    expect(await identity.organizations.get(ids.district)).toEqual({ id: ids.district, name: '朝阳区', kind: 'district' });
    expect(await identity.organizations.get(ids.grid1)).toEqual({
      id: ids.grid1,
      name: '第一网格',
      kind: 'grid',
      parentId: ids.community,
    });
    expect(await identity.organizations.find('read-nothing')).toBeUndefined();
    await expect(identity.organizations.get('read-nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('enforces district → street → community → grid nesting', async () => {
    const orgs = identity.organizations;
    const ids = await seedOrganizations(identity, 'nest');
    const refusals: Array<[Parameters<typeof orgs.create>[0], RegExp]> = [
      [{ id: 'nest-x1', name: 'x', kind: 'grid', parentId: ids.street }, /a grid's parent must be a community, but nest-s1 is a street/],
      [{ id: 'nest-x2', name: 'x', kind: 'community', parentId: ids.district }, /a community's parent must be a street, but nest-d is a district/],
      [{ id: 'nest-x3', name: 'x', kind: 'street', parentId: ids.street2 }, /a street's parent must be a district/],
      [{ id: 'nest-x4', name: 'x', kind: 'street' }, /a street needs a parent district/],
      [{ id: 'nest-x5', name: 'x', kind: 'grid' }, /a grid needs a parent community/],
      [{ id: 'nest-x6', name: 'x', kind: 'district', parentId: ids.district }, /a district is the root of the tree and has no parent/],
      [{ id: 'nest-x7', name: 'x', kind: 'grid', parentId: ids.grid1 }, /a grid's parent must be a community, but nest-g1 is a grid/],
    ];
    for (const [input, message] of refusals) {
      const error = await orgs.create(input).catch((e: unknown) => e);
      expect(error, input.id).toBeInstanceOf(IdentityError);
      expect((error as IdentityError).code).toBe('INVALID_ARGUMENT');
      expect((error as IdentityError).field).toBe('parentId');
      expect((error as Error).message).toMatch(message);
    }
    expect((await orgs.list()).filter((o) => o.id.startsWith('nest-x'))).toEqual([]);
  });

  it('names unknown parents, duplicate ids and bad fields', async () => {
    const orgs = identity.organizations;
    await orgs.create({ id: 'dup-d', name: '海淀区', kind: 'district' });
    await expect(orgs.create({ id: 'dup-s', name: 'x', kind: 'street', parentId: 'no-such-org' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'parentId',
      message: 'parent organization no-such-org does not exist',
    });
    await expect(orgs.create({ id: 'dup-d', name: '另一个区', kind: 'district' })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'organization dup-d already exists',
    });
    expect((await orgs.get('dup-d')).name).toBe('海淀区');
    await expect(orgs.create({ id: 'bad id', name: 'x', kind: 'district' })).rejects.toMatchObject({ field: 'id' });
    await expect(orgs.create({ id: 'dup-e', name: '   ', kind: 'district' })).rejects.toThrow('name must not be empty');
    await expect(orgs.create({ id: 'dup-f', name: 'x', kind: 'county' as never })).rejects.toThrow(
      'kind must be one of district, street, community, grid, got "county"',
    );
  });

  it('gives the subtree of an organisation: itself and everything below, nothing beside', async () => {
    const ids = await seedOrganizations(identity, 'sub');
    expect(await identity.organizations.subtree(ids.grid1)).toEqual(new Set([ids.grid1]));
    expect(await identity.organizations.subtree(ids.community)).toEqual(new Set([ids.community, ids.grid1, ids.grid2]));
    expect(await identity.organizations.subtree(ids.street)).toEqual(new Set([ids.street, ids.community, ids.grid1, ids.grid2]));
    expect(await identity.organizations.subtree(ids.district)).toEqual(new Set(Object.values(ids)));
    await expect(identity.organizations.subtree('sub-none')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'orgId' });
  });

  it('lists flat and as a tree', async () => {
    const ids = await seedOrganizations(identity, 'tree');
    const flat = (await identity.organizations.list()).filter((o) => o.id.startsWith('tree-'));
    expect(flat.map((o) => o.id)).toEqual(Object.values(ids).sort());
    const root = (await identity.organizations.tree()).find((n) => n.id === ids.district)!;
    expect(root.parentId).toBeUndefined();
    expect(root.children.map((c) => c.id)).toEqual([ids.street, ids.street2]);
    const community = root.children[0].children[0];
    expect(community.id).toBe(ids.community);
    expect(community.children.map((g) => [g.id, g.name, g.kind, g.parentId, g.children])).toEqual([
      [ids.grid1, '第一网格', 'grid', ids.community, []],
      [ids.grid2, '第二网格', 'grid', ids.community, []],
    ]);
  });

  it('renames, keeping kind and parent', async () => {
    const ids = await seedOrganizations(identity, 'ren');
    expect(await identity.organizations.rename(ids.community, '  樱花西社区 ')).toEqual({
      id: ids.community,
      name: '樱花西社区',
      kind: 'community',
      parentId: ids.street,
    });
    expect((await identity.organizations.get(ids.community)).name).toBe('樱花西社区');
    await expect(identity.organizations.rename('ren-none', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(identity.organizations.rename(ids.community, '')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'name' });
  });
});

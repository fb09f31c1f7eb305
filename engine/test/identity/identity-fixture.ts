import { VirtualClock } from '../../src/clock/clock.js';
import { createIdentity, type Identity } from '../../src/identity/identity.js';
import type { Store } from '../../src/store/store.js';

export const JWT_SECRET = 'test-secret-of-at-least-thirty-two-bytes!';

/** Cheap scrypt so that tests hashing dozens of passwords stay fast; the default cost has its own test. */
export const FAST_HASHING = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

export function identityOn(store: Store, clock = new VirtualClock()): { identity: Identity; clock: VirtualClock } {
  return { identity: createIdentity({ db: store.db, jwtSecret: JWT_SECRET, clock, passwordHashing: FAST_HASHING }), clock };
}

/**
 * 朝阳区 → 和平街道 → 樱花园社区 → grids 1 and 2, plus a second street with one community: enough to tell
 * a subtree from its siblings. Ids get a prefix so tests sharing a store do not collide.
 */
export async function seedOrganizations(identity: Identity, prefix: string) {
  const ids = {
    district: `${prefix}-d`,
    street: `${prefix}-s1`,
    community: `${prefix}-c1`,
    grid1: `${prefix}-g1`,
    grid2: `${prefix}-g2`,
    street2: `${prefix}-s2`,
    community2: `${prefix}-c2`,
  };
  const orgs = identity.organizations;
  await orgs.create({ id: ids.district, name: '朝阳区', kind: 'district' });
  await orgs.create({ id: ids.street, name: '和平街道', kind: 'street', parentId: ids.district });
  await orgs.create({ id: ids.community, name: '樱花园社区', kind: 'community', parentId: ids.street });
  await orgs.create({ id: ids.grid1, name: '第一网格', kind: 'grid', parentId: ids.community });
  await orgs.create({ id: ids.grid2, name: '第二网格', kind: 'grid', parentId: ids.community });
  await orgs.create({ id: ids.street2, name: '小关街道', kind: 'street', parentId: ids.district });
  await orgs.create({ id: ids.community2, name: '惠新苑社区', kind: 'community', parentId: ids.street2 });
  return ids;
}

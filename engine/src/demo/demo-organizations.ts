import type { Identity } from '../identity/index.js';
import type { NewOrganization } from '../identity/index.js';

/**
 * A demo district shaped like the seeds: streets, 26 communities, 233 grids (seed 001: 26 社区 → 233 网格),
 * and a user for every role. Idempotent: what exists is left alone.
 */
export const DEMO_PASSWORD = 'Gongzhi2026';

const STREETS = [
  { id: 'st-hepingli', name: '和平里街道', communities: 9 },
  { id: 'st-dongfeng', name: '东风街道', communities: 9 },
  { id: 'st-xinhua', name: '新华街道', communities: 8 },
];
const COMMUNITY_NAMES = ['和平', '幸福', '光明', '朝阳', '春晖', '康乐', '东湖', '西苑', '南山', '北辰', '青松', '翠竹', '金桥', '银杏', '紫荆', '丽景', '锦绣', '安居', '兴业', '长青', '嘉园', '华庭', '晨光', '碧水', '枫林', '文苑'];
/** 233 grids over 26 communities: 25 with 9, one with 8. */
const gridsOf = (communityIndex: number) => (communityIndex === 25 ? 8 : 9);

export function demoOrganizations(): NewOrganization[] {
  const out: NewOrganization[] = [{ id: 'demo-district', name: '示范区', kind: 'district' }];
  let c = 0;
  for (const street of STREETS) {
    out.push({ id: street.id, name: street.name, kind: 'street', parentId: 'demo-district' });
    for (let i = 0; i < street.communities; i++, c++) {
      const communityId = `${street.id}-c${String(i + 1).padStart(2, '0')}`;
      out.push({ id: communityId, name: `${COMMUNITY_NAMES[c]}社区`, kind: 'community', parentId: street.id });
      for (let g = 0; g < gridsOf(c); g++) {
        out.push({ id: `${communityId}-g${g + 1}`, name: `${COMMUNITY_NAMES[c]}社区第${g + 1}网格`, kind: 'grid', parentId: communityId });
      }
    }
  }
  return out;
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Array<'admin' | 'designer' | 'staff' | 'integrator' | 'tester'>;
  orgId?: string;
  groups: string[];
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'designer', displayName: '流程设计员 李工', roles: ['designer'], groups: [] },
  { username: 'tester', displayName: '测试员 周工', roles: ['tester'], groups: [] },
  { username: 'integrator', displayName: '系统对接 赵工', roles: ['integrator'], groups: [] },
  { username: 'window', displayName: '综合窗口 王芳', roles: ['staff'], orgId: 'st-hepingli', groups: ['window-clerk', 'back-office'] },
  { username: 'grid1', displayName: '网格员 张伟', roles: ['staff'], orgId: 'st-hepingli-c01-g1', groups: ['grid-worker', 'proxy-agent'] },
  { username: 'grid2', displayName: '网格员 刘洋', roles: ['staff'], orgId: 'st-dongfeng-c01-g1', groups: ['grid-worker', 'proxy-agent'] },
  { username: 'community', displayName: '社区工作者 陈静', roles: ['staff'], orgId: 'st-hepingli-c01', groups: ['community-worker', 'proxy-agent', 'visitor'] },
  { username: 'dispatcher', displayName: '街道调度员 孙磊', roles: ['staff'], orgId: 'st-hepingli', groups: ['street-dispatcher', 'street-section'] },
  { username: 'leader', displayName: '街道领导 吴书记', roles: ['staff'], orgId: 'st-hepingli', groups: ['street-leader', 'section-head'] },
  { username: 'mediator', displayName: '人民调解员 郑大姐', roles: ['staff'], orgId: 'st-hepingli', groups: ['mediator', 'mediation-intake', 'admin-mediator'] },
  { username: 'dept', displayName: '区综合执法局 联络员', roles: ['staff'], orgId: 'demo-district', groups: ['dept-zhifa', 'dept-gongan', 'dept-county-center'] },
  { username: 'election', displayName: '业委会筹备组 钱组长', roles: ['staff'], orgId: 'st-hepingli', groups: ['election-prep', 'street-housing', 'party-org'] },
];

/** Creates what is missing of the demo organisations and users; returns the logins created. */
export async function seedDemoOrganizations(identity: Identity): Promise<DemoUser[]> {
  for (const org of demoOrganizations()) {
    if (!(await identity.organizations.find(org.id))) await identity.organizations.create(org);
  }
  const created: DemoUser[] = [];
  for (const user of DEMO_USERS) {
    if (await identity.users.findByUsername(user.username)) continue;
    await identity.users.create({ ...user, password: DEMO_PASSWORD });
    created.push(user);
  }
  return created;
}

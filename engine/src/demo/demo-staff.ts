import type { Identity } from '../identity/index.js';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-organizations.js';

/**
 * Staff who work the steps of the demo cases that no user of DEMO_USERS (demo-organizations.ts) is a candidate
 * for: the processes offer those tasks to groups such as 矛调中心受理 (mediation-clerk) or 筹备组
 * (preparatory-group). With these users every open demo task is in someone's 待办. Same password as the other
 * demo users.
 */
export const DEMO_STAFF: DemoUser[] = [
  { username: 'supervisor', displayName: '服务督查 冯科长', roles: ['staff'], orgId: 'st-hepingli', groups: ['service-supervisor', 'grid-supervisor', 'street-joint-meeting', 'section-urban', 'section-safety', 'section-emergency', 'section-community', 'section-planning', 'section-livelihood'] },
  { username: 'clerk', displayName: '矛调中心受理员 何敏', roles: ['staff'], orgId: 'st-hepingli', groups: ['mediation-clerk', 'mediation-center', 'mediation-committee-head'] },
  { username: 'party', displayName: '社区党委 林书记', roles: ['staff'], orgId: 'st-hepingli-c01', groups: ['community-party-committee', 'property-company'] },
  { username: 'office', displayName: '街道办 房管专干 唐工', roles: ['staff'], orgId: 'st-hepingli', groups: ['street-office', 'election-teller', 'preparatory-group', 'owners-committee'] },
  {
    username: 'county',
    displayName: '区县联络 部门值班',
    roles: ['staff'],
    orgId: 'demo-district',
    groups: [
      'court-mediator', 'dept-traffic-police', 'dept-market-regulation', 'dept-ecology-environment', 'dept-agriculture', 'dept-housing',
      'dept-human-resources', 'dept-police-station', 'dept-sifa', 'dept-shichang', 'dept-ziran', 'dept-jiaotong', 'dept-xiaofang',
      'dept-zhujian', 'dept-shengtai', 'dept-gongyong', 'station-enforcement', 'station-police', 'station-justice', 'station-market',
    ],
  },
];

/** Creates the demo staff that are missing (the organisations must exist); returns those created. */
export async function seedDemoStaff(identity: Identity): Promise<DemoUser[]> {
  const created: DemoUser[] = [];
  for (const user of DEMO_STAFF) {
    if (DEMO_USERS.some((u) => u.username === user.username)) continue;
    if (await identity.users.findByUsername(user.username)) continue;
    if (!(await identity.organizations.find(user.orgId!))) continue;
    await identity.users.create({ ...user, password: DEMO_PASSWORD });
    created.push(user);
  }
  return created;
}

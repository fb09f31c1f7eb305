/** Who is calling, as every route and module sees it after authentication. */
export type Role = 'admin' | 'designer' | 'staff' | 'integrator' | 'tester';

export const ROLES: readonly Role[] = ['admin', 'designer', 'staff', 'integrator', 'tester'];

export type Permission =
  | 'deploy' // deployments, process/decision definitions
  | 'forms:write'
  | 'forms:read'
  | 'definitions:read'
  | 'instances:start'
  | 'instances:read'
  | 'instances:cancel'
  | 'instances:modify' // set variables, resolve incidents
  | 'messages:publish'
  | 'signals:broadcast'
  | 'jobs:work'
  | 'tasks:read'
  | 'tasks:work'
  | 'simulate'
  | 'users:manage'
  | 'orgs:read'
  | 'orgs:manage'
  | 'apikeys:manage'
  | 'audit:read'
  | 'calendar:manage'
  | 'dashboards:read'
  | 'pii:read';

/** What each role may do. Staff are further limited to their organisation's subtree. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'deploy', 'forms:write', 'forms:read', 'definitions:read', 'instances:start', 'instances:read', 'instances:cancel',
    'instances:modify', 'messages:publish', 'signals:broadcast', 'jobs:work', 'tasks:read', 'tasks:work', 'simulate',
    'users:manage', 'orgs:read', 'orgs:manage', 'apikeys:manage', 'audit:read', 'calendar:manage', 'dashboards:read', 'pii:read',
  ],
  designer: ['deploy', 'forms:write', 'forms:read', 'definitions:read', 'instances:read', 'orgs:read', 'dashboards:read', 'simulate'],
  staff: ['forms:read', 'definitions:read', 'instances:start', 'instances:read', 'tasks:read', 'tasks:work', 'orgs:read', 'dashboards:read', 'pii:read'],
  integrator: [
    'definitions:read', 'instances:start', 'instances:read', 'instances:cancel', 'instances:modify', 'messages:publish',
    'signals:broadcast', 'jobs:work', 'tasks:read', 'forms:read',
  ],
  tester: ['simulate', 'definitions:read', 'forms:read', 'instances:read', 'dashboards:read'],
};

export interface Principal {
  kind: 'user' | 'apiKey';
  /** User id or API key id. */
  id: string;
  /** Username, or the API key's name. */
  name: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** The organisation a user belongs to (staff); undefined for organisation-wide principals. */
  orgId?: string;
  /** Organisation ids this principal may see (its org and everything below), or 'all'. */
  orgScope: ReadonlySet<string> | 'all';
  /** Candidate groups the user belongs to (for user tasks). */
  groups: string[];
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}

export function can(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

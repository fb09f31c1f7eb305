import { describe } from './display-text.js';
import { invalidArgument } from './identity-error.js';
import { ROLES, type Role } from './principal.js';

/** A non-empty list of known roles, duplicates dropped, order kept. */
export function checkRoles(value: unknown, field = 'roles'): Role[] {
  if (!Array.isArray(value)) throw invalidArgument(`${field} must be an array of roles, got ${describe(value)}`, field);
  if (value.length === 0) throw invalidArgument(`${field} must name at least one role (${ROLES.join(', ')})`, field);
  const roles: Role[] = [];
  for (const role of value) {
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw invalidArgument(`${field} contains ${describe(role)}, which is not one of ${ROLES.join(', ')}`, field);
    }
    if (!roles.includes(role as Role)) roles.push(role as Role);
  }
  return roles;
}

/**
 * Staff work inside their organisation, so a staff role needs one. An admin sees everything anyway, and
 * other roles are organisation-wide by nature (designers, integrators, testers).
 */
export function isOrgScoped(roles: readonly Role[], orgId: string | undefined): orgId is string {
  return orgId !== undefined && roles.includes('staff') && !roles.includes('admin');
}

export function checkStaffHasOrganization(roles: readonly Role[], orgId: string | undefined, what: string): void {
  if (roles.includes('staff') && !roles.includes('admin') && orgId === undefined) {
    throw invalidArgument(`${what} has the staff role and so needs an organisation (orgId)`, 'orgId');
  }
}

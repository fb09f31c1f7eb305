import type { ApiKey } from './api-key.js';
import type { OrganizationTree } from './organization-tree.js';
import { permissionsOf, type Principal } from './principal.js';
import { isOrgScoped } from './role-assignment.js';
import type { User } from './user.js';

/** Builds the Principal routes see, from a user or an API key as they are in the store right now. */
export class PrincipalFactory {
  constructor(private readonly organizations: OrganizationTree) {}

  async forUser(user: User): Promise<Principal> {
    const principal: Principal = {
      kind: 'user',
      id: user.id,
      name: user.username,
      roles: [...user.roles],
      permissions: permissionsOf(user.roles),
      orgScope: isOrgScoped(user.roles, user.orgId) ? await this.organizations.subtree(user.orgId) : 'all',
      groups: [...user.groups],
    };
    if (user.orgId !== undefined) principal.orgId = user.orgId;
    return principal;
  }

  async forApiKey(apiKey: ApiKey): Promise<Principal> {
    const principal: Principal = {
      kind: 'apiKey',
      id: apiKey.id,
      name: apiKey.name,
      roles: [...apiKey.roles],
      permissions: permissionsOf(apiKey.roles),
      orgScope: isOrgScoped(apiKey.roles, apiKey.orgId) ? await this.organizations.subtree(apiKey.orgId) : 'all',
      groups: [],
    };
    if (apiKey.orgId !== undefined) principal.orgId = apiKey.orgId;
    return principal;
  }
}

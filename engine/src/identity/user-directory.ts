import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.js';
import { checkDisplayText, describe } from './display-text.js';
import { alreadyExists, invalidArgument, notFound } from './identity-error.js';
import { checkOrganizationId } from './organization.js';
import type { OrganizationTree } from './organization-tree.js';
import { hashPassword, needsRehash, verifyPassword, type ScryptParameters } from './password-hash.js';
import { checkPasswordPolicy } from './password-policy.js';
import type { Role } from './principal.js';
import { checkRoles, checkStaffHasOrganization } from './role-assignment.js';
import { isUniqueViolation } from './unique-violation.js';
import { checkGroups, checkUsername, usernameKey, type NewUser, type User, type UserPatch } from './user.js';

const DISPLAY_NAME_MAX = 64;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  org_id: string | null;
  groups: string[];
  disabled: boolean;
  password_hash: string;
  token_version: number;
  created_at: number;
  updated_at: number;
}

/** A user together with what sessions depend on; tokens carry tokenVersion, which a password change bumps. */
export interface UserAccount {
  user: User;
  tokenVersion: number;
}

function toUser(row: UserRow): User {
  const user: User = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    groups: row.groups,
    disabled: row.disabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.org_id !== null) user.orgId = row.org_id;
  return user;
}

function byUsername(a: User, b: User): number {
  const ka = usernameKey(a.username);
  const kb = usernameKey(b.username);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalidArgument(`${field} must be true or false, got ${describe(value)}`, field);
  return value;
}

/** Users: create, read, update; the only place password hashes are read or written. */
export class UserDirectory {
  #dummyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Kysely<any>,
    private readonly clock: Clock,
    private readonly organizations: OrganizationTree,
    private readonly hashing: ScryptParameters,
    /** Called after a user changed (roles, organisation, groups, disabled, password), so sessions see it at once. */
    private readonly afterChange: () => void = () => {},
  ) {}

  async create(input: NewUser): Promise<User> {
    if (input === null || typeof input !== 'object') throw invalidArgument('user must be an object');
    const username = checkUsername(input.username);
    const password = checkPasswordPolicy(input.password);
    const displayName = checkDisplayText(input.displayName ?? username, 'displayName', DISPLAY_NAME_MAX);
    const roles = checkRoles(input.roles);
    const orgId = await this.checkExistingOrganization(input.orgId ?? undefined);
    checkStaffHasOrganization(roles, orgId, `user ${username}`);
    const groups = checkGroups(input.groups ?? []);
    const disabled = checkBoolean(input.disabled ?? false, 'disabled');
    if (await this.findRowByUsername(username)) throw alreadyExists(`username ${username} is taken`, 'username');

    const now = this.clock.now();
    const row: UserRow = {
      id: randomUUID(),
      username,
      display_name: displayName,
      roles,
      org_id: orgId ?? null,
      groups,
      disabled,
      password_hash: await hashPassword(password, this.hashing),
      token_version: 0,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db
        .insertInto('users')
        .values({
          ...row,
          username_key: usernameKey(username),
          roles: JSON.stringify(roles),
          groups: JSON.stringify(groups),
        })
        .execute();
    } catch (error) {
      // Someone took the name between our check and the insert.
      if (isUniqueViolation(error)) throw alreadyExists(`username ${username} is taken`, 'username');
      throw error;
    }
    return toUser(row);
  }

  async find(id: string): Promise<User | undefined> {
    return (await this.findAccount(id))?.user;
  }

  async get(id: string): Promise<User> {
    const user = await this.find(id);
    if (user === undefined) throw notFound(`user ${id} does not exist`, 'id');
    return user;
  }

  async findByUsername(username: string): Promise<User | undefined> {
    const row = await this.findRowByUsername(username);
    return row === undefined ? undefined : toUser(row);
  }

  /** Every user, ordered by username. */
  async list(): Promise<User[]> {
    const rows = (await this.db.selectFrom('users').selectAll().execute()) as UserRow[];
    return rows.map(toUser).sort(byUsername);
  }

  async update(id: string, patch: UserPatch): Promise<User> {
    if (patch === null || typeof patch !== 'object') throw invalidArgument('user update must be an object');
    const current = await this.get(id);
    const set: Record<string, unknown> = {};
    const roles = patch.roles === undefined ? current.roles : checkRoles(patch.roles);
    const orgId =
      patch.orgId === undefined ? current.orgId : patch.orgId === null ? undefined : await this.checkExistingOrganization(patch.orgId);
    checkStaffHasOrganization(roles, orgId, `user ${current.username}`);
    if (patch.roles !== undefined) set.roles = JSON.stringify(roles);
    if (patch.orgId !== undefined) set.org_id = orgId ?? null;
    if (patch.displayName !== undefined) set.display_name = checkDisplayText(patch.displayName, 'displayName', DISPLAY_NAME_MAX);
    if (patch.groups !== undefined) set.groups = JSON.stringify(checkGroups(patch.groups));
    if (patch.disabled !== undefined) set.disabled = checkBoolean(patch.disabled, 'disabled');
    let bumpTokenVersion = false;
    if (patch.password !== undefined) {
      set.password_hash = await hashPassword(checkPasswordPolicy(patch.password), this.hashing);
      bumpTokenVersion = true;
    }
    set.updated_at = this.clock.now();
    let query = this.db.updateTable('users').set(set).where('id', '=', id);
    if (bumpTokenVersion) query = query.set((eb) => ({ token_version: eb('token_version', '+', 1) }));
    const row = await query.returningAll().executeTakeFirst();
    if (row === undefined) throw notFound(`user ${id} does not exist`, 'id');
    this.afterChange();
    return toUser(row as UserRow);
  }

  /**
   * Creates the user `admin` (role admin) unless a user of that name exists; run at first start. An existing
   * admin is left alone: restarting with another password must not reset it.
   */
  async ensureAdmin(password: string): Promise<{ user: User; created: boolean }> {
    const existing = await this.findByUsername('admin');
    if (existing !== undefined) return { user: existing, created: false };
    try {
      const user = await this.create({ username: 'admin', password, displayName: 'Administrator', roles: ['admin'] });
      return { user, created: true };
    } catch (error) {
      // Two processes starting at once: the other one made it.
      const raced = (error as { code?: unknown }).code === 'ALREADY_EXISTS' ? await this.findByUsername('admin') : undefined;
      if (raced !== undefined) return { user: raced, created: false };
      throw error;
    }
  }

  async findAccount(id: string): Promise<UserAccount | undefined> {
    if (typeof id !== 'string') return undefined;
    const row = (await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) as UserRow | undefined;
    return row === undefined ? undefined : { user: toUser(row), tokenVersion: row.token_version };
  }

  /**
   * The account when the password matches, else undefined — for an unknown username too, after hashing just
   * as long, so neither the answer nor its timing tells which usernames exist. Disabled accounts are returned;
   * the caller decides. A hash made with older parameters is replaced by one with the current parameters.
   */
  async checkPassword(username: string, password: string): Promise<UserAccount | undefined> {
    const row = await this.findRowByUsername(username);
    if (row === undefined) {
      await verifyPassword(password, await this.dummyHash());
      return undefined;
    }
    if (!(await verifyPassword(password, row.password_hash))) return undefined;
    if (needsRehash(row.password_hash, this.hashing)) {
      await this.db
        .updateTable('users')
        .set({ password_hash: await hashPassword(password, this.hashing) })
        .where('id', '=', row.id)
        .where('password_hash', '=', row.password_hash)
        .execute();
    }
    return { user: toUser(row), tokenVersion: row.token_version };
  }

  private dummyHash(): Promise<string> {
    return (this.#dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.hashing));
  }

  private async findRowByUsername(username: string): Promise<UserRow | undefined> {
    if (typeof username !== 'string' || username.length > 32) return undefined;
    return (await this.db
      .selectFrom('users')
      .selectAll()
      .where('username_key', '=', usernameKey(username))
      .executeTakeFirst()) as UserRow | undefined;
  }

  private async checkExistingOrganization(orgId: unknown): Promise<string | undefined> {
    if (orgId === undefined) return undefined;
    const id = checkOrganizationId(orgId, 'orgId');
    if ((await this.organizations.find(id)) === undefined) throw notFound(`organization ${id} does not exist`, 'orgId');
    return id;
  }
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.js';
import { API_KEY_FORMAT, API_KEY_PREFIX, type ApiKey, type CreatedApiKey, type NewApiKey } from './api-key.js';
import { checkDisplayText, describe } from './display-text.js';
import { invalidArgument, notFound } from './identity-error.js';
import { checkOrganizationId } from './organization.js';
import type { OrganizationTree } from './organization-tree.js';
import type { Role } from './principal.js';
import { checkRoles, checkStaffHasOrganization } from './role-assignment.js';

const NAME_MAX = 64;

interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  roles: Role[];
  org_id: string | null;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  const apiKey: ApiKey = { id: row.id, name: row.name, roles: row.roles, createdBy: row.created_by, createdAt: row.created_at };
  if (row.org_id !== null) apiKey.orgId = row.org_id;
  if (row.revoked_at !== null) apiKey.revokedAt = row.revoked_at;
  return apiKey;
}

/** The key has 256 random bits, so a plain SHA-256 suffices; a slow hash would only slow every API call. */
function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** API keys for integrators: created once, shown once, stored as a hash, revoked for good. */
export class ApiKeyRegistry {
  constructor(
    private readonly db: Kysely<any>,
    private readonly clock: Clock,
    private readonly organizations: OrganizationTree,
    /** Called after a key was revoked, so that it stops working at once. */
    private readonly afterChange: () => void = () => {},
  ) {}

  async create(input: NewApiKey, createdBy: string): Promise<CreatedApiKey> {
    if (input === null || typeof input !== 'object') throw invalidArgument('API key must be an object');
    const name = checkDisplayText(input.name, 'name', NAME_MAX);
    const roles = checkRoles(input.roles);
    let orgId: string | undefined;
    if (input.orgId !== undefined && input.orgId !== null) {
      orgId = checkOrganizationId(input.orgId, 'orgId');
      if ((await this.organizations.find(orgId)) === undefined) throw notFound(`organization ${orgId} does not exist`, 'orgId');
    }
    checkStaffHasOrganization(roles, orgId, `API key ${name}`);
    if (typeof createdBy !== 'string' || createdBy === '') {
      throw invalidArgument(`createdBy must be the id of the principal creating the key, got ${describe(createdBy)}`, 'createdBy');
    }
    const id = `ak_${randomBytes(8).toString('hex')}`;
    const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    await this.db
      .insertInto('api_keys')
      .values({
        id,
        name,
        key_hash: hashKey(key),
        roles: JSON.stringify(roles),
        org_id: orgId ?? null,
        created_by: createdBy,
        created_at: this.clock.now(),
        revoked_at: null,
      })
      .execute();
    return { id, name, key };
  }

  /** Every key, newest first, without the keys themselves. */
  async list(): Promise<ApiKey[]> {
    const rows = (await this.db.selectFrom('api_keys').selectAll().execute()) as ApiKeyRow[];
    return rows.map(toApiKey).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  }

  async get(id: string): Promise<ApiKey> {
    const row = await this.findRow(id);
    if (row === undefined) throw notFound(`API key ${id} does not exist`, 'id');
    return toApiKey(row);
  }

  /** Revoking is final; revoking a revoked key changes nothing and keeps its first revocation time. */
  async revoke(id: string): Promise<ApiKey> {
    await this.db
      .updateTable('api_keys')
      .set({ revoked_at: this.clock.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    this.afterChange();
    return this.get(id);
  }

  /** The key's record when the key is one of ours (revoked or not), else undefined. */
  async findByKey(key: string): Promise<ApiKey | undefined> {
    if (typeof key !== 'string' || !API_KEY_FORMAT.test(key)) return undefined;
    const row = (await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', hashKey(key)).executeTakeFirst()) as
      | ApiKeyRow
      | undefined;
    return row === undefined ? undefined : toApiKey(row);
  }

  /** The key's record when `key` is the key with this id (HTTP Basic: id as username, key as password). */
  async match(id: string, key: string): Promise<ApiKey | undefined> {
    const row = await this.findRow(id);
    if (row === undefined || typeof key !== 'string') return undefined;
    const expected = Buffer.from(row.key_hash, 'hex');
    const given = Buffer.from(hashKey(key), 'hex');
    return timingSafeEqual(expected, given) ? toApiKey(row) : undefined;
  }

  private async findRow(id: string): Promise<ApiKeyRow | undefined> {
    if (typeof id !== 'string') return undefined;
    return (await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst()) as ApiKeyRow | undefined;
  }
}

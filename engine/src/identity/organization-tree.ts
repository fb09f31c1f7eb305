import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock/clock.js';
import { checkDisplayText } from './display-text.js';
import { alreadyExists, invalidArgument, notFound } from './identity-error.js';
import {
  checkOrganizationId,
  checkOrganizationKind,
  parentKindOf,
  type NewOrganization,
  type Organization,
  type OrganizationKind,
  type OrganizationNode,
} from './organization.js';
import { isUniqueViolation } from './unique-violation.js';

const NAME_MAX = 100;

interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  parent_id: string | null;
}

function toOrganization(row: OrganizationRow): Organization {
  const org: Organization = { id: row.id, name: row.name, kind: row.kind };
  if (row.parent_id !== null) org.parentId = row.parent_id;
  return org;
}

/** Plain code-point order: the database's collation depends on its locale, this does not. */
function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The organisation tree district → street → community → grid, kept in the store. */
export class OrganizationTree {
  constructor(
    private readonly db: Kysely<any>,
    private readonly clock: Clock,
    /** Called after a change that could widen a subtree, and so a principal's scope. */
    private readonly afterChange: () => void = () => {},
  ) {}

  async create(input: NewOrganization): Promise<Organization> {
    if (input === null || typeof input !== 'object') throw invalidArgument('organization must be an object');
    const id = checkOrganizationId(input.id);
    const name = checkDisplayText(input.name, 'name', NAME_MAX);
    const kind = checkOrganizationKind(input.kind);
    const expectedParentKind = parentKindOf(kind);
    let parentId: string | undefined;
    if (expectedParentKind === undefined) {
      if (input.parentId !== undefined && input.parentId !== null) {
        throw invalidArgument(`a district is the root of the tree and has no parent, got parentId ${input.parentId}`, 'parentId');
      }
    } else {
      if (input.parentId === undefined || input.parentId === null) {
        throw invalidArgument(`a ${kind} needs a parent ${expectedParentKind} (parentId)`, 'parentId');
      }
      parentId = checkOrganizationId(input.parentId, 'parentId');
      const parent = await this.find(parentId);
      if (parent === undefined) throw notFound(`parent organization ${parentId} does not exist`, 'parentId');
      if (parent.kind !== expectedParentKind) {
        throw invalidArgument(
          `a ${kind}'s parent must be a ${expectedParentKind}, but ${parentId} is a ${parent.kind}`,
          'parentId',
        );
      }
    }
    try {
      await this.db
        .insertInto('organizations')
        .values({ id, name, kind, parent_id: parentId ?? null, created_at: this.clock.now() })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists(`organization ${id} already exists`, 'id');
      throw error;
    }
    this.afterChange();
    return toOrganization({ id, name, kind, parent_id: parentId ?? null });
  }

  async find(id: string): Promise<Organization | undefined> {
    const row = await this.db
      .selectFrom('organizations')
      .select(['id', 'name', 'kind', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toOrganization(row as OrganizationRow);
  }

  async get(id: string): Promise<Organization> {
    const org = await this.find(checkOrganizationId(id));
    if (org === undefined) throw notFound(`organization ${id} does not exist`, 'id');
    return org;
  }

  async list(): Promise<Organization[]> {
    const rows = (await this.db
      .selectFrom('organizations')
      .select(['id', 'name', 'kind', 'parent_id'])
      .execute()) as OrganizationRow[];
    return rows.map(toOrganization).sort(byId);
  }

  /** The whole forest: every district with its streets, their communities and grids, children ordered by id. */
  async tree(): Promise<OrganizationNode[]> {
    const nodes = new Map<string, OrganizationNode>();
    const orgs = await this.list();
    for (const org of orgs) nodes.set(org.id, { ...org, children: [] });
    const roots: OrganizationNode[] = [];
    for (const org of orgs) {
      const node = nodes.get(org.id)!;
      if (org.parentId === undefined) roots.push(node);
      else nodes.get(org.parentId)!.children.push(node);
    }
    return roots;
  }

  /** The organisation and every organisation below it. */
  async subtree(orgId: string): Promise<Set<string>> {
    checkOrganizationId(orgId, 'orgId');
    const result = await sql<{ id: string }>`
      WITH RECURSIVE below (id) AS (
        SELECT id FROM organizations WHERE id = ${orgId}
        UNION ALL
        SELECT o.id FROM organizations o JOIN below b ON o.parent_id = b.id
      )
      SELECT id FROM below`.execute(this.db);
    if (result.rows.length === 0) throw notFound(`organization ${orgId} does not exist`, 'orgId');
    return new Set(result.rows.map((r) => r.id));
  }

  async rename(id: string, name: string): Promise<Organization> {
    checkOrganizationId(id);
    const newName = checkDisplayText(name, 'name', NAME_MAX);
    const row = await this.db
      .updateTable('organizations')
      .set({ name: newName })
      .where('id', '=', id)
      .returning(['id', 'name', 'kind', 'parent_id'])
      .executeTakeFirst();
    if (row === undefined) throw notFound(`organization ${id} does not exist`, 'id');
    return toOrganization(row as OrganizationRow);
  }
}

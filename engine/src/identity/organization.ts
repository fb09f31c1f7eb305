import { describe } from './display-text.js';
import { invalidArgument } from './identity-error.js';

/** The administrative levels of community governance, from the top: 区 → 街道 → 社区 → 网格. */
export type OrganizationKind = 'district' | 'street' | 'community' | 'grid';

export const ORGANIZATION_KINDS: readonly OrganizationKind[] = ['district', 'street', 'community', 'grid'];

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  /** Absent for a district, the root of a tree. */
  parentId?: string;
}

export interface OrganizationNode extends Organization {
  children: OrganizationNode[];
}

export interface NewOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  parentId?: string;
}

/** The kind an organisation's parent must have; undefined for a district, which has no parent. */
export function parentKindOf(kind: OrganizationKind): OrganizationKind | undefined {
  const level = ORGANIZATION_KINDS.indexOf(kind);
  return level > 0 ? ORGANIZATION_KINDS[level - 1] : undefined;
}

export function checkOrganizationKind(value: unknown, field = 'kind'): OrganizationKind {
  if (typeof value !== 'string' || !(ORGANIZATION_KINDS as readonly string[]).includes(value)) {
    throw invalidArgument(`${field} must be one of ${ORGANIZATION_KINDS.join(', ')}, got ${describe(value)}`, field);
  }
  return value as OrganizationKind;
}

// Ids often are administrative division codes (e.g. 110105) or short slugs; they go into URLs, hence ASCII.
const ORGANIZATION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkOrganizationId(value: unknown, field = 'id'): string {
  if (typeof value !== 'string' || !ORGANIZATION_ID.test(value)) {
    throw invalidArgument(
      `${field} must be 1–64 characters of letters, digits, '_', '.' or '-', starting with a letter or digit, got ${describe(value)}`,
      field,
    );
  }
  return value;
}

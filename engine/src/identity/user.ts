import { API_KEY_ID } from './api-key.js';
import { describe } from './display-text.js';
import { invalidArgument } from './identity-error.js';
import type { Role } from './principal.js';

/** A person who logs in. The password hash stays in the store; no User carries it. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Required for staff: the office they work in. */
  orgId?: string;
  /** Candidate groups for user tasks, e.g. 'window', 'grid-worker'. */
  groups: string[];
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  username: string;
  password: string;
  /** Defaults to the username. */
  displayName?: string;
  roles: Role[];
  orgId?: string;
  groups?: string[];
  disabled?: boolean;
}

/** Fields to change; orgId null removes the organisation. A new password ends the sessions issued before it. */
export interface UserPatch {
  displayName?: string;
  roles?: Role[];
  orgId?: string | null;
  groups?: string[];
  disabled?: boolean;
  password?: string;
}

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

export function checkUsername(value: unknown, field = 'username'): string {
  if (typeof value !== 'string' || !USERNAME.test(value)) {
    throw invalidArgument(`${field} must be 3–32 characters of letters, digits, '_', '.' or '-', got ${describe(value)}`, field);
  }
  if (API_KEY_ID.test(value.toLowerCase())) {
    throw invalidArgument(`${field} ${value} has the form of an API key id, which is reserved`, field);
  }
  return value;
}

/** Usernames are unique regardless of case: the same person types them differently. */
export function usernameKey(username: string): string {
  return username.toLowerCase();
}

const GROUP = /^[\p{L}\p{N}_.:-]{1,64}$/u;

export function checkGroups(value: unknown, field = 'groups'): string[] {
  if (!Array.isArray(value)) throw invalidArgument(`${field} must be an array of group names, got ${describe(value)}`, field);
  const groups: string[] = [];
  for (const group of value) {
    if (typeof group !== 'string' || !GROUP.test(group)) {
      throw invalidArgument(
        `${field} contains ${describe(group)}; a group name is 1–64 letters, digits, '_', '.', ':' or '-'`,
        field,
      );
    }
    if (!groups.includes(group)) groups.push(group);
  }
  return groups;
}

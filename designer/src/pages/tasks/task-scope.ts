import type { SessionUser, UserTask } from '../../app/api-types.js';

/**
 * The three lists of 待办: mine (what I can act on: assigned to me, or unclaimed and offered to me or one of my
 * groups), my groups' (offered to a group I am in, whoever holds it), my organisation's (everything the server lets
 * me see: my org and below).
 */
export type TaskScope = 'mine' | 'groups' | 'org';

export const TASK_SCOPES: readonly TaskScope[] = ['mine', 'groups', 'org'];

/** The search filter of a list; null when the list is empty by definition (no groups). */
export function scopeFilter(scope: TaskScope, user: SessionUser): Record<string, unknown> | null {
  switch (scope) {
    case 'mine':
      return myTasksFilter(user);
    case 'groups':
      return user.groups.length > 0 ? { candidateGroup: { $in: user.groups } } : null;
    case 'org':
      return {};
  }
}

/** What the user can act on now: assigned to them or claimable by them. */
export function myTasksFilter(user: SessionUser): Record<string, unknown> {
  return { mine: { userId: user.username, groups: user.groups } };
}

const isAdmin = (user: SessionUser) => user.roles.includes('admin');

/** The server's rule (user-task routes): unassigned and offered to the user, their groups, or to nobody in particular. */
export function mayClaim(task: UserTask, user: SessionUser): boolean {
  if (task.state !== 'CREATED' || !user.permissions.includes('tasks:work')) return false;
  if (task.assignee === user.username) return false;
  if (isAdmin(user)) return true;
  if (task.assignee) return false;
  const noCandidates = task.candidateGroups.length === 0 && task.candidateUsers.length === 0;
  return noCandidates || task.candidateUsers.includes(user.username) || task.candidateGroups.some((g) => user.groups.includes(g));
}

export function mayUnclaim(task: UserTask, user: SessionUser): boolean {
  if (task.state !== 'CREATED' || !task.assignee || !user.permissions.includes('tasks:work')) return false;
  return task.assignee === user.username || isAdmin(user);
}

/** Whether submitting the form can succeed for this user (the server checks again). */
export function mayComplete(task: UserTask, user: SessionUser): boolean {
  if (task.state !== 'CREATED' || !user.permissions.includes('tasks:work')) return false;
  if (isAdmin(user) || task.assignee === user.username) return true;
  return !task.assignee && mayClaim(task, user);
}

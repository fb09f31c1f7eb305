import { api } from '../../app/api.js';
import type { SessionUser, UserTask } from '../../app/api-types.js';

/** Claim: assign the task to the user themselves (staff may claim only for themselves). */
export function claimTask(task: Pick<UserTask, 'userTaskKey'>, user: SessionUser): Promise<void> {
  return api.post<void>(`/v2/user-tasks/${task.userTaskKey}/assignment`, { assignee: user.username, allowOverride: false });
}

/** Unclaim: give the task back to its candidates. */
export function unclaimTask(task: Pick<UserTask, 'userTaskKey'>): Promise<void> {
  return api.delete<void>(`/v2/user-tasks/${task.userTaskKey}/assignee`);
}

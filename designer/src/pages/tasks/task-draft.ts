/**
 * Drafts of task forms in localStorage, written on every change, so a reload, a closed tab or a dropped
 * connection loses nothing. One draft per user and task; removed when the task is submitted or the user discards it.
 */
export interface TaskDraft {
  savedAt: number;
  data: unknown;
}

const PREFIX = 'gongzhi.draft';

export function draftKey(username: string, userTaskKey: string): string {
  return `${PREFIX}.${username}.${userTaskKey}`;
}

export function loadDraft(username: string, userTaskKey: string, storage: Storage = localStorage): TaskDraft | null {
  const raw = storage.getItem(draftKey(username, userTaskKey));
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as TaskDraft;
    return typeof draft.savedAt === 'number' && 'data' in draft ? draft : null;
  } catch {
    return null;
  }
}

/** Returns false when the browser refused (storage full or disabled), so the page can say drafts are off. */
export function saveDraft(username: string, userTaskKey: string, data: unknown, now: number, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(draftKey(username, userTaskKey), JSON.stringify({ savedAt: now, data } satisfies TaskDraft));
    return true;
  } catch {
    return false;
  }
}

export function removeDraft(username: string, userTaskKey: string, storage: Storage = localStorage): void {
  storage.removeItem(draftKey(username, userTaskKey));
}

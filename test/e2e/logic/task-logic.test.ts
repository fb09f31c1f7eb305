/** The 待办 page's rules without a browser: due-date colours, the three lists, who may claim, drafts. */
import { describe, expect, it } from 'vitest';
import { dueStatus, reminderPoint } from '../../../designer/src/pages/tasks/due-status.js';
import { mayClaim, mayComplete, mayUnclaim, scopeFilter } from '../../../designer/src/pages/tasks/task-scope.js';
import { draftKey, loadDraft, removeDraft, saveDraft } from '../../../designer/src/pages/tasks/task-draft.js';
import type { SessionUser, UserTask } from '../../../designer/src/app/api-types.js';

const HOUR = 3_600_000;
const created = Date.parse('2026-03-02T08:00:00Z');

function task(changes: Partial<UserTask> = {}): UserTask {
  return {
    userTaskKey: '1',
    elementId: 'verify',
    elementInstanceKey: '2',
    name: '核实',
    processInstanceKey: '3',
    processDefinitionId: 'p',
    processDefinitionKey: '4',
    processDefinitionVersion: 1,
    processName: null,
    state: 'CREATED',
    assignee: null,
    candidateGroups: ['grid-worker'],
    candidateUsers: [],
    dueDate: new Date(created + 30 * HOUR).toISOString(),
    followUpDate: null,
    formKey: null,
    creationDate: new Date(created).toISOString(),
    completionDate: null,
    customHeaders: {},
    orgId: null,
    businessKey: null,
    ...changes,
  };
}

const staff: SessionUser = { id: 'u1', username: 'grid1', roles: ['staff'], orgId: 'g1', groups: ['grid-worker'], permissions: ['tasks:read', 'tasks:work'] };
const admin: SessionUser = { id: 'u0', username: 'admin', roles: ['admin'], orgId: null, groups: [], permissions: ['tasks:read', 'tasks:work'] };

describe('due-date colours', () => {
  it('is green before the reminder point (two thirds of the span by default), yellow from it, red from the due date', () => {
    const t = task();
    expect(reminderPoint(t, created + 30 * HOUR)).toBe(created + 20 * HOUR);
    expect(dueStatus(t, created + 19 * HOUR).level).toBe('ok');
    expect(dueStatus(t, created + 20 * HOUR).level).toBe('soon');
    expect(dueStatus(t, created + 29.9 * HOUR).level).toBe('soon');
    expect(dueStatus(t, created + 30 * HOUR).level).toBe('overdue');
  });

  it('takes the reminder point from the headers when the process sets one', () => {
    const at = task({ customHeaders: { reminderAt: new Date(created + 5 * HOUR).toISOString() } });
    expect(dueStatus(at, created + 6 * HOUR).level).toBe('soon');
    const fraction = task({ customHeaders: { reminderFraction: '0.5' } });
    expect(dueStatus(fraction, created + 14 * HOUR).level).toBe('ok');
    expect(dueStatus(fraction, created + 15 * HOUR).level).toBe('soon');
    // Nonsense in a header falls back to the default rather than colouring wrongly.
    expect(reminderPoint(task({ customHeaders: { reminderFraction: '7' } }), created + 30 * HOUR)).toBe(created + 20 * HOUR);
  });

  it('leaves tasks without a due date, or already done, uncoloured', () => {
    expect(dueStatus(task({ dueDate: null }), created).level).toBe('none');
    expect(dueStatus(task({ dueDate: 'next week' }), created).level).toBe('none');
    expect(dueStatus(task({ state: 'COMPLETED' }), created + 40 * HOUR)).toEqual({ level: 'none', dueAt: created + 30 * HOUR });
  });
});

describe('task lists and actions', () => {
  it('filters mine as what I can act on, my groups by candidate group, my organisation by nothing more', () => {
    expect(scopeFilter('mine', staff)).toEqual({ mine: { userId: 'grid1', groups: ['grid-worker'] } });
    expect(scopeFilter('groups', staff)).toEqual({ candidateGroup: { $in: ['grid-worker'] } });
    expect(scopeFilter('groups', { ...staff, groups: [] })).toBeNull();
    expect(scopeFilter('org', staff)).toEqual({});
  });

  it("lets staff claim what is offered to them and give back what they hold, as the server's rule says", () => {
    expect(mayClaim(task(), staff)).toBe(true);
    expect(mayClaim(task({ candidateGroups: ['window-clerk'] }), staff)).toBe(false);
    expect(mayClaim(task({ candidateGroups: ['window-clerk'], candidateUsers: ['grid1'] }), staff)).toBe(true);
    expect(mayClaim(task({ candidateGroups: [] }), staff)).toBe(true);
    expect(mayClaim(task({ assignee: 'grid2' }), staff)).toBe(false);
    expect(mayClaim(task({ assignee: 'grid2' }), admin)).toBe(true);
    expect(mayClaim(task({ state: 'COMPLETED' }), staff)).toBe(false);
    expect(mayClaim(task(), { ...staff, permissions: ['tasks:read'] })).toBe(false);
    expect(mayUnclaim(task({ assignee: 'grid1' }), staff)).toBe(true);
    expect(mayUnclaim(task({ assignee: 'grid2' }), staff)).toBe(false);
    expect(mayUnclaim(task({ assignee: 'grid2' }), admin)).toBe(true);
    expect(mayComplete(task({ assignee: 'grid2' }), staff)).toBe(false);
    expect(mayComplete(task(), staff)).toBe(true);
  });
});

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  full = false;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

describe('drafts', () => {
  it('keeps one draft per user and task, and says when the browser refuses to store it', () => {
    const storage = new MemoryStorage();
    expect(saveDraft('grid1', '7', { phone: '123' }, 1000, storage)).toBe(true);
    expect(loadDraft('grid1', '7', storage)).toEqual({ savedAt: 1000, data: { phone: '123' } });
    expect(loadDraft('grid2', '7', storage)).toBeNull();
    expect(draftKey('grid1', '7')).not.toBe(draftKey('grid1', '8'));
    storage.setItem(draftKey('grid1', '8'), '{not json');
    expect(loadDraft('grid1', '8', storage)).toBeNull();
    removeDraft('grid1', '7', storage);
    expect(loadDraft('grid1', '7', storage)).toBeNull();
    storage.full = true;
    expect(saveDraft('grid1', '7', {}, 1, storage)).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUserTask, searchUserTasks, type SearchQuery, type UserTaskFilter } from '../../src/query/index.js';
import type { OrgScope } from '../../src/query/org-scope.js';
import { testStores } from '../support/test-stores.js';
import { HOUR, T0, runGovernanceCases, type GovernanceCases } from './governance-cases.js';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

describe.each(testStores)('searchUserTasks and getUserTask on $name', (testStore) => {
  let g: GovernanceCases;
  beforeAll(async () => {
    g = await runGovernanceCases(testStore);
  }, 120_000);
  afterAll(async () => g?.t.close());

  async function found(query: SearchQuery<UserTaskFilter>, scope: OrgScope = 'all') {
    const result = await searchUserTasks(g.t.store.db, query, scope);
    return { keys: result.items.map((i) => Number(i.userTaskKey)), total: result.page.totalItems };
  }

  it('lists tasks shaped like the v2 UserTaskResult, with the case organisation and business key', async () => {
    const { tasks, cases, definitions } = g;
    expect((await found({})).total).toBe(8);
    const task = await getUserTask(g.t.store.db, String(tasks.offered), 'all');
    expect(task).toEqual({
      userTaskKey: String(tasks.offered),
      elementId: 'accept',
      elementInstanceKey: expect.stringMatching(/^\d+$/),
      name: '受理',
      processInstanceKey: String(cases.offered),
      processDefinitionId: 'service-item',
      processDefinitionKey: String(definitions.serviceItemV2),
      processDefinitionVersion: 2,
      processName: '便民服务事项',
      state: 'CREATED',
      assignee: null,
      candidateGroups: ['window'],
      candidateUsers: [],
      dueDate: '2026-01-06T12:00:00Z',
      followUpDate: null,
      formKey: 'gongzhi:form:accept',
      creationDate: iso(T0 + HOUR),
      completionDate: null,
      customHeaders: expect.objectContaining({ 'io.camunda.zeebe:formKey': 'gongzhi:form:accept' }),
      tenantId: '<default>',
      orgId: 'grid-3',
      businessKey: 'C-002',
    });
    const done = await getUserTask(g.t.store.db, tasks.failed, 'all');
    expect(done).toMatchObject({ state: 'COMPLETED', assignee: 'wang', completionDate: iso(T0 + 8 * HOUR), processDefinitionVersion: 1 });
    expect((await getUserTask(g.t.store.db, tasks.cancelled, 'all'))?.state).toBe('CANCELED');
    expect((await getUserTask(g.t.store.db, tasks.called, 'all'))).toMatchObject({ orgId: 'grid-2', businessKey: 'E-001', processName: null });
  });

  it('shows only tasks of cases in scope; getUserTask answers undefined for the others', async () => {
    const { tasks } = g;
    expect((await found({}, new Set(['grid-1']))).keys).toEqual([tasks.assigned, tasks.failed, tasks.completed]);
    expect((await found({}, new Set())).total).toBe(0);
    expect(await getUserTask(g.t.store.db, String(tasks.offered), new Set(['grid-1']))).toBeUndefined();
    expect(await getUserTask(g.t.store.db, String(tasks.unplaced), new Set(['grid-1', 'grid-2', 'grid-3']))).toBeUndefined();
    expect((await getUserTask(g.t.store.db, String(tasks.unplaced), 'all'))?.orgId).toBeNull();
    expect((await getUserTask(g.t.store.db, String(tasks.offered), new Set(['grid-3'])))?.userTaskKey).toBe(String(tasks.offered));
  });

  it('filters on state, assignee and the task fields', async () => {
    const { tasks, cases } = g;
    expect((await found({ filter: { state: 'CREATED' } })).keys).toEqual([tasks.assigned, tasks.offered, tasks.mediation, tasks.unplaced, tasks.called]);
    expect((await found({ filter: { state: { $in: ['COMPLETED', 'CANCELED'] } } })).keys).toEqual([tasks.failed, tasks.cancelled, tasks.completed]);
    // A state of the v2 enum this engine never writes is a valid question with no answer.
    expect((await found({ filter: { state: 'FAILED' } })).total).toBe(0);
    expect((await found({ filter: { assignee: 'wang' } })).keys).toEqual([tasks.assigned, tasks.failed]);
    expect((await found({ filter: { assignee: { $exists: false }, state: 'CREATED' } })).keys).toEqual([tasks.offered, tasks.mediation, tasks.unplaced, tasks.called]);
    expect((await found({ filter: { elementId: 'mediate' } })).total).toBe(4);
    expect((await found({ filter: { name: { $like: '受*' } } })).total).toBe(4);
    expect((await found({ filter: { processInstanceKey: String(cases.escalation) } })).total).toBe(0);
    expect((await found({ filter: { processInstanceKey: String(cases.called) } })).keys).toEqual([tasks.called]);
    expect((await found({ filter: { userTaskKey: { $in: [String(tasks.completed), String(tasks.assigned)] } } })).keys).toEqual([tasks.assigned, tasks.completed]);
    expect((await found({ filter: { processDefinitionId: 'service-item', processDefinitionKey: String(g.definitions.serviceItemV1) } })).keys).toEqual([tasks.failed]);
    expect((await found({ filter: { orgId: 'grid-3' } })).keys).toEqual([tasks.offered, tasks.cancelled]);
    expect((await found({ filter: { businessKey: 'E-001' } })).keys).toEqual([tasks.called]);
    expect((await found({ filter: { processInstanceVariables: [{ name: 'clerk', value: '"wang"' }] } })).keys).toEqual([tasks.assigned, tasks.failed]);
    expect((await found({ filter: { localVariables: [{ name: 'clerk', value: '"wang"' }] } })).total).toBe(0);
  });

  it('a candidate group or user matches when the task lists it', async () => {
    const { tasks } = g;
    const mediations = [tasks.mediation, tasks.unplaced, tasks.completed, tasks.called];
    const services = [tasks.assigned, tasks.offered, tasks.failed, tasks.cancelled];
    expect((await found({ filter: { candidateGroup: 'mediators' } })).keys).toEqual(mediations);
    expect((await found({ filter: { candidateGroup: { $in: ['window', 'nobody'] } } })).keys).toEqual(services);
    expect((await found({ filter: { candidateGroup: { $like: 'med*' } } })).keys).toEqual(mediations);
    expect((await found({ filter: { candidateGroup: { $neq: 'window' } } })).keys).toEqual(mediations);
    expect((await found({ filter: { candidateGroup: { $notIn: ['mediators'] } } })).keys).toEqual(services);
    expect((await found({ filter: { candidateUser: 'li' } })).keys).toEqual(mediations);
    expect((await found({ filter: { candidateUser: { $exists: false } } })).keys).toEqual(services);
    expect((await found({ filter: { candidateGroup: 'win' } })).total).toBe(0);
  });

  it('mine: assigned to me, or unassigned and offered to one of my groups or to me', async () => {
    const { tasks } = g;
    const mine = (userId: string, groups: string[], scope: OrgScope = 'all') =>
      found({ filter: { state: 'CREATED', mine: { userId, groups } } }, scope);
    expect((await mine('wang', ['window'])).keys).toEqual([tasks.assigned, tasks.offered]);
    // Offered to li by name; wang's task stays wang's although li is in its group.
    expect((await mine('li', ['window'])).keys).toEqual([tasks.offered, tasks.mediation, tasks.unplaced, tasks.called]);
    expect((await mine('li', [])).keys).toEqual([tasks.mediation, tasks.unplaced, tasks.called]);
    expect((await mine('zhao', ['mediators'], new Set(['grid-2']))).keys).toEqual([tasks.mediation, tasks.called]);
    expect((await mine('zhao', [])).total).toBe(0);
    // Without the state, finished tasks that were mine count too.
    expect((await found({ filter: { mine: { userId: 'wang', groups: ['window'] } } })).keys).toEqual([tasks.assigned, tasks.offered, tasks.failed, tasks.cancelled]);
  });

  it('filters and sorts due dates as instants, whatever zone the model wrote them in', async () => {
    const { tasks } = g;
    expect((await found({ filter: { dueDate: { $lt: '2026-01-08T00:00:00Z' } } })).keys).toEqual([tasks.offered]);
    // The assigned task is due 2026-01-10T17:00:00+08:00, the same instant as 09:00Z.
    expect((await found({ filter: { dueDate: { $gte: '2026-01-10T09:00:00Z' } } })).keys).toEqual([tasks.assigned]);
    expect((await found({ filter: { dueDate: '2026-01-10T09:00:00.000Z' } })).keys).toEqual([tasks.assigned]);
    expect((await found({ filter: { dueDate: { $exists: true } } })).keys).toEqual([tasks.assigned, tasks.offered]);
    expect((await found({ sort: [{ field: 'dueDate' }] })).keys.slice(0, 3)).toEqual([tasks.offered, tasks.assigned, tasks.mediation]);
    expect((await found({ sort: [{ field: 'dueDate', order: 'DESC' }] })).keys.slice(0, 3)).toEqual([tasks.assigned, tasks.offered, tasks.mediation]);
    expect((await found({ filter: { followUpDate: { $exists: true } } })).total).toBe(0);
  });

  it('filters on creation and completion dates, sorts and pages', async () => {
    const { tasks } = g;
    expect((await found({ filter: { completionDate: { $exists: true } } })).keys).toEqual([tasks.failed, tasks.cancelled, tasks.completed]);
    expect((await found({ filter: { completionDate: { $gte: iso(T0 + 10 * HOUR) } } })).keys).toEqual([tasks.cancelled, tasks.completed]);
    expect((await found({ filter: { creationDate: { $lte: iso(T0 + HOUR) } } })).keys).toEqual([tasks.assigned, tasks.offered]);
    expect((await found({ sort: [{ field: 'completionDate', order: 'DESC' }], page: { limit: 2 } })).keys).toEqual([tasks.cancelled, tasks.completed]);
    expect(await found({ sort: [{ field: 'creationDate', order: 'DESC' }], page: { from: 1, limit: 3 } })).toEqual({
      keys: [tasks.completed, tasks.cancelled, tasks.unplaced],
      total: 8,
    });
    // Name order depends on the database's collation; equal names must come together, newest first.
    const byName = await searchUserTasks(g.t.store.db, { sort: [{ field: 'name' }, { field: 'creationDate', order: 'DESC' }] }, 'all');
    const names = byName.items.map((t) => t.name);
    expect(new Set(names.slice(0, 4)).size).toBe(1);
    expect(new Set(names.slice(4)).size).toBe(1);
    expect(names[0]).not.toBe(names[4]);
    const firstGroup = byName.items.slice(0, 4).map((t) => t.creationDate);
    expect(firstGroup).toEqual([...firstGroup].sort().reverse());
  });
});

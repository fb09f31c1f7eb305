import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QueryError,
  getIncident,
  getProcessInstance,
  getRecords,
  getUserTask,
  getVariable,
  searchIncidents,
  searchProcessDefinitions,
  searchProcessInstances,
  searchUserTasks,
  searchVariables,
} from '../../src/query/index.js';
import type { Store } from '../../src/store/store.js';
import { testStores } from '../support/test-stores.js';

/** Requests the read side must refuse before any SQL runs, with the path of what is wrong. */
describe.each(testStores)('search requests that are refused with a QueryError on $name', (testStore) => {
  let store: Store;
  beforeAll(async () => (store = await testStore.open()));
  afterAll(async () => store?.close());

  async function refusal(run: Promise<unknown>): Promise<QueryError> {
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QueryError);
    return error as QueryError;
  }

  const instances = (query: unknown) => searchProcessInstances(store.db, query as never, 'all');

  it('an unknown filter field is named, with the fields there are', async () => {
    const error = await refusal(instances({ filter: { stat: 'ACTIVE' } }));
    expect(error.field).toBe('filter.stat');
    expect(error.message).toContain('is not a filter field of process instances');
    expect(error.message).toContain('processDefinitionId');
    expect(error.name).toBe('QueryError');
  });

  it('a v2 field this read model cannot serve says why', async () => {
    const error = await refusal(instances({ filter: { processDefinitionName: '便民服务事项' } }));
    expect(error.field).toBe('filter.processDefinitionName');
    expect(error.message).toContain('cannot be filtered on here');
    expect((await refusal(searchUserTasks(store.db, { filter: { priority: 50 } } as never, 'all'))).field).toBe('filter.priority');
  });

  it('$or is a process instance filter only, and needs alternatives', async () => {
    expect((await refusal(searchUserTasks(store.db, { filter: { $or: [{ state: 'CREATED' }] } } as never, 'all'))).field).toBe('filter.$or');
    expect((await refusal(instances({ filter: { $or: [] } }))).field).toBe('filter.$or');
    // No $or inside $or.
    expect((await refusal(instances({ filter: { $or: [{ $or: [{ state: 'ACTIVE' }] }] } }))).field).toBe('filter.$or[0].$or');
    expect((await refusal(instances({ filter: { $or: [{ state: 'ACTIVE' }, { bad: 1 }] } }))).field).toBe('filter.$or[1].bad');
  });

  it('enum values are checked, in plain and advanced form', async () => {
    const plain = await refusal(instances({ filter: { state: 'RUNNING' } }));
    expect(plain.field).toBe('filter.state');
    expect(plain.message).toContain('ACTIVE, COMPLETED, TERMINATED');
    expect((await refusal(instances({ filter: { state: { $in: ['ACTIVE', 'DONE'] } } }))).field).toBe('filter.state.$in[1]');
    expect((await refusal(searchIncidents(store.db, { filter: { errorType: 'OOPS' } } as never, 'all'))).field).toBe('filter.errorType');
    expect((await refusal(searchUserTasks(store.db, { filter: { state: 'OPEN' } } as never, 'all'))).field).toBe('filter.state');
  });

  it('an operator the field does not have is named with the ones it has', async () => {
    const error = await refusal(instances({ filter: { processDefinitionVersion: { $like: '1*' } } }));
    expect(error.field).toBe('filter.processDefinitionVersion.$like');
    expect(error.message).toContain('$gte');
    expect((await refusal(instances({ filter: { processInstanceKey: { $gt: '1' } } }))).field).toBe('filter.processInstanceKey.$gt');
    expect((await refusal(instances({ filter: { state: {} } }))).field).toBe('filter.state');
  });

  it('keys, integers, booleans and date-times must have their form', async () => {
    expect((await refusal(instances({ filter: { processInstanceKey: 'abc' } }))).field).toBe('filter.processInstanceKey');
    expect((await refusal(instances({ filter: { processDefinitionKey: { $in: ['1', -2] } } }))).field).toBe('filter.processDefinitionKey.$in[1]');
    expect((await refusal(instances({ filter: { processDefinitionVersion: '2' } }))).field).toBe('filter.processDefinitionVersion');
    expect((await refusal(instances({ filter: { hasIncident: 'yes' } }))).field).toBe('filter.hasIncident');
    expect((await refusal(instances({ filter: { state: null } }))).field).toBe('filter.state');
    expect((await refusal(instances({ filter: { startDate: '2026-01-05' } }))).field).toBe('filter.startDate');
    // Without a zone the instant would depend on the server's time zone.
    const zoneless = await refusal(instances({ filter: { startDate: { $gte: '2026-01-05T10:00:00' } } }));
    expect(zoneless.field).toBe('filter.startDate.$gte');
    expect(zoneless.message).toContain('with a zone');
    expect((await refusal(instances({ filter: { endDate: { $exists: 'no' } } }))).field).toBe('filter.endDate.$exists');
    expect((await refusal(instances({ filter: { state: { $in: 'ACTIVE' } } }))).field).toBe('filter.state.$in');
  });

  it('variable value filters take JSON text', async () => {
    expect((await refusal(searchVariables(store.db, { filter: { value: 'open' } }, 'all'))).field).toBe('filter.value');
    expect((await refusal(instances({ filter: { variables: [{ name: 'caseNo', value: 'C-001' }] } }))).field).toBe('filter.variables[0].value');
    expect((await refusal(instances({ filter: { variables: { name: 'caseNo' } } }))).field).toBe('filter.variables');
    expect((await refusal(instances({ filter: { variables: [{ value: '"x"' }] } }))).field).toBe('filter.variables[0].name');
  });

  it('the mine filter needs a user id and a list of groups', async () => {
    const tasks = (filter: unknown) => searchUserTasks(store.db, { filter } as never, 'all');
    expect((await refusal(tasks({ mine: { groups: ['window'] } }))).field).toBe('filter.mine.userId');
    expect((await refusal(tasks({ mine: { userId: 'wang', groups: 'window' } }))).field).toBe('filter.mine.groups');
    expect((await refusal(tasks({ mine: { userId: 'wang', group: ['window'] } }))).field).toBe('filter.mine.group');
    expect((await refusal(tasks({ mine: 'wang' }))).field).toBe('filter.mine');
  });

  it('sort fields come from a whitelist and orders are ASC or DESC', async () => {
    const unknown = await refusal(instances({ sort: [{ field: 'startDate; DROP TABLE records' }] }));
    expect(unknown.field).toBe('sort[0].field');
    expect(unknown.message).toContain('is not a sort field of process instances');
    expect((await refusal(instances({ sort: [{ field: 'startDate' }, { field: 'startDate', order: 'UP' }] }))).field).toBe('sort[1].order');
    expect((await refusal(instances({ sort: [{ field: 'processDefinitionName' }] }))).message).toContain('cannot be sorted on here');
    expect((await refusal(instances({ sort: { field: 'startDate' } }))).field).toBe('sort');
    expect((await refusal(instances({ sort: [{ field: 'startDate', direction: 'ASC' }] }))).field).toBe('sort[0].direction');
    expect((await refusal(searchUserTasks(store.db, { sort: [{ field: 'priority' }] } as never, 'all'))).field).toBe('sort[0].field');
    expect((await refusal(searchProcessDefinitions(store.db, { sort: [{ field: 'name' }] } as never, 'all'))).field).toBe('sort[0].field');
    // The tables are untouched.
    expect((await searchProcessInstances(store.db, {}, 'all')).page.totalItems).toBe(0);
  });

  it('pages are offset pages: from ≥ 0, 1 ≤ limit ≤ 1000; cursors are refused with a reason', async () => {
    expect((await refusal(instances({ page: { limit: 1001 } }))).field).toBe('page.limit');
    expect((await refusal(instances({ page: { limit: 0 } }))).field).toBe('page.limit');
    expect((await refusal(instances({ page: { from: -1 } }))).field).toBe('page.from');
    expect((await refusal(instances({ page: { from: 1.5 } }))).field).toBe('page.from');
    const cursor = await refusal(instances({ page: { after: 'WzEwXQ==' } }));
    expect(cursor.field).toBe('page.after');
    expect(cursor.message).toContain('from and limit');
    expect((await refusal(instances({ page: { searchAfter: [1] } }))).field).toBe('page.searchAfter');
    expect((await refusal(instances({ page: { size: 10 } }))).field).toBe('page.size');
    await expect(instances({ page: { from: 0, limit: 1000 } })).resolves.toEqual({ items: [], page: { totalItems: 0 } });
  });

  it('a request with parts a search does not have is refused', async () => {
    expect((await refusal(instances({ filters: { state: 'ACTIVE' } }))).field).toBe('filters');
    expect((await refusal(instances({ filter: ['ACTIVE'] }))).field).toBe('filter');
    expect((await refusal(instances('state=ACTIVE'))).field).toBe('query');
  });

  it('lookups refuse a malformed key, and answer undefined for a well-formed one that does not exist', async () => {
    expect((await refusal(getProcessInstance(store.db, 'pi-1', 'all'))).field).toBe('processInstanceKey');
    expect((await refusal(getUserTask(store.db, '12x', 'all'))).field).toBe('userTaskKey');
    expect((await refusal(getIncident(store.db, '', 'all'))).field).toBe('incidentKey');
    expect((await refusal(getRecords(store.db, '-5', 'all'))).field).toBe('processInstanceKey');
    expect((await refusal(getVariable(store.db, 'orgId', 'all'))).field).toBe('variableKey');
    await expect(getProcessInstance(store.db, '2251799813685249', 'all')).resolves.toBeUndefined();
    await expect(getUserTask(store.db, 2251799813685249, 'all')).resolves.toBeUndefined();
    await expect(getVariable(store.db, '2251799813685249-orgId', 'all')).resolves.toBeUndefined();
    await expect(getRecords(store.db, '2251799813685249', 'all')).resolves.toBeUndefined();
  });

  it('a scope that is neither all nor a Set is a programming error, not a bad request', async () => {
    await expect(searchProcessInstances(store.db, {}, ['grid-1'] as never)).rejects.toThrow(TypeError);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, getVariable, searchVariables, variableKey, type SearchQuery, type VariableFilter } from '../../src/query/index.js';
import type { OrgScope } from '../../src/query/org-scope.js';
import { testStores } from '../support/test-stores.js';
import { runGovernanceCases, type GovernanceCases } from './governance-cases.js';

describe.each(testStores)('searchVariables and getVariable on $name', (testStore) => {
  let g: GovernanceCases;
  beforeAll(async () => {
    g = await runGovernanceCases(testStore);
  }, 120_000);
  afterAll(async () => g?.t.close());

  async function found(query: SearchQuery<VariableFilter>, scope: OrgScope = 'all') {
    const result = await searchVariables(g.t.store.db, query, scope);
    return { items: result.items.map((v) => `${Number(v.scopeKey) === Number(v.processInstanceKey) ? '' : 'local:'}${v.name}=${v.value}`), total: result.page.totalItems, result };
  }

  it('lists variables shaped like the v2 VariableSearchResult: values as JSON text, never truncated', async () => {
    const { cases } = g;
    const { result } = await found({ filter: { processInstanceKey: String(cases.failed) }, sort: [{ field: 'name' }] });
    expect(result.page.totalItems).toBe(4);
    expect(result.items).toEqual([
      { variableKey: `${cases.failed}-accepted`, name: 'accepted', value: 'true', scopeKey: String(cases.failed), processInstanceKey: String(cases.failed), tenantId: '<default>', isTruncated: false },
      { variableKey: `${cases.failed}-caseNo`, name: 'caseNo', value: '"C-003"', scopeKey: String(cases.failed), processInstanceKey: String(cases.failed), tenantId: '<default>', isTruncated: false },
      { variableKey: `${cases.failed}-clerk`, name: 'clerk', value: '"wang"', scopeKey: String(cases.failed), processInstanceKey: String(cases.failed), tenantId: '<default>', isTruncated: false },
      { variableKey: `${cases.failed}-orgId`, name: 'orgId', value: '"grid-1"', scopeKey: String(cases.failed), processInstanceKey: String(cases.failed), tenantId: '<default>', isTruncated: false },
    ]);
    const parties = await found({ filter: { processInstanceKey: String(cases.mediation), name: 'parties' } });
    expect(parties.items).toEqual(['parties=["张三","李四"]']);
    expect(JSON.parse(parties.result.items[0].value)).toEqual(['张三', '李四']);
  });

  it('variables follow their instance into and out of scope', async () => {
    const { cases } = g;
    const grid2 = (await searchVariables(g.t.store.db, {}, new Set(['grid-2']))).items;
    expect(new Set(grid2.map((v) => Number(v.processInstanceKey)))).toEqual(new Set([cases.mediation, cases.escalation, cases.called]));
    expect((await found({}, new Set())).total).toBe(0);
    expect((await found({ filter: { name: 'caseNo', value: '"M-002"' } })).total).toBe(1);
    expect((await found({ filter: { name: 'caseNo', value: '"M-002"' } }, new Set(['grid-1', 'grid-2', 'grid-3']))).total).toBe(0);
  });

  it('filters on name, value (compared as JSON), scope and key', async () => {
    const { cases } = g;
    expect((await found({ filter: { name: 'clerk', value: '"wang"' } })).total).toBe(2);
    expect((await found({ filter: { name: 'orgId', value: { $in: ['"grid-3"', '"nowhere"'] } } })).total).toBe(2);
    expect((await found({ filter: { name: 'orgId', value: { $neq: '"grid-2"' } } })).total).toBe(5);
    expect((await found({ filter: { name: 'orgId', value: { $notIn: ['"grid-1"', '"grid-2"'] } } })).total).toBe(2);
    expect((await found({ filter: { name: 'caseNo', value: { $like: '"C-*' } } })).total).toBe(4);
    // JSON equality, not text equality: spacing does not matter.
    expect((await found({ filter: { value: '[ "张三" , "李四" ]' } })).items).toEqual(['parties=["张三","李四"]']);
    expect((await found({ filter: { value: 'true' } })).items).toEqual(['accepted=true']);
    expect((await found({ filter: { name: { $in: ['agreement', 'accepted'] } }, sort: [{ field: 'name' }] })).items).toEqual(['accepted=true', 'agreement="和解"']);
    expect((await found({ filter: { name: { $like: 'org*' }, scopeKey: String(cases.completed) } })).items).toEqual(['orgId="grid-1"']);
    expect((await found({ filter: { scopeKey: { $in: [String(cases.assigned), String(cases.offered)] } } })).total).toBe(7);
    expect((await found({ filter: { variableKey: variableKey(cases.completed, 'agreement') } })).items).toEqual(['agreement="和解"']);
    expect((await found({ filter: { variableKey: { $in: [variableKey(cases.completed, 'agreement'), `${cases.failed}-clerk`] } } })).total).toBe(2);
    expect((await found({ filter: { isTruncated: true } })).total).toBe(0);
    expect((await found({ filter: { isTruncated: false, processInstanceKey: String(cases.failed) } })).total).toBe(4);
    await expect(found({ filter: { variableKey: { $like: '1*' } } as never })).rejects.toBeInstanceOf(QueryError);
  });

  it('sorts by variable key, name, value and pages', async () => {
    const { cases } = g;
    const byKey = await found({ filter: { processInstanceKey: { $in: [String(cases.assigned), String(cases.completed)] } }, sort: [{ field: 'variableKey', order: 'DESC' }] });
    expect(byKey.result.items.map((v) => v.variableKey)).toEqual([
      `${cases.completed}-orgId`, `${cases.completed}-caseNo`, `${cases.completed}-agreement`,
      `${cases.assigned}-orgId`, `${cases.assigned}-dueAt`, `${cases.assigned}-clerk`, `${cases.assigned}-caseNo`,
    ]);
    const names = await found({ filter: { processInstanceKey: String(cases.assigned) }, sort: [{ field: 'name', order: 'DESC' }], page: { from: 1, limit: 2 } });
    expect(names).toMatchObject({ items: ['dueAt="2026-01-10T17:00:00+08:00"', 'clerk="wang"'], total: 4 });
  });

  it('getVariable reads one variable by its key, within scope', async () => {
    const { cases } = g;
    const key = variableKey(cases.offered, 'dueAt');
    expect(await getVariable(g.t.store.db, key, new Set(['grid-3']))).toMatchObject({ name: 'dueAt', value: '"2026-01-06T12:00:00Z"', variableKey: key });
    expect(await getVariable(g.t.store.db, key, new Set(['grid-1']))).toBeUndefined();
    expect(await getVariable(g.t.store.db, variableKey(cases.offered, 'nothing'), 'all')).toBeUndefined();
  });
});

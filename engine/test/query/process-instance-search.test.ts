import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchProcessInstances, type ProcessInstanceFilter, type SearchQuery } from '../../src/query/index.js';
import type { OrgScope } from '../../src/query/org-scope.js';
import { testStores } from '../support/test-stores.js';
import { HOUR, T0, runGovernanceCases, type GovernanceCases } from './governance-cases.js';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

describe.each(testStores)('searchProcessInstances on $name', (testStore) => {
  let g: GovernanceCases;
  beforeAll(async () => {
    g = await runGovernanceCases(testStore);
  }, 120_000);
  afterAll(async () => g?.t.close());

  /** The keys found, in order, and the total. */
  async function found(query: SearchQuery<ProcessInstanceFilter>, scope: OrgScope = 'all') {
    const result = await searchProcessInstances(g.t.store.db, query, scope);
    return { keys: result.items.map((i) => Number(i.processInstanceKey)), total: result.page.totalItems };
  }

  it('lists every instance in key order by default, shaped like the v2 ProcessInstanceResult plus orgId and businessKey', async () => {
    const { cases, definitions } = g;
    const result = await searchProcessInstances(g.t.store.db, {}, 'all');
    expect(result.page.totalItems).toBe(9);
    expect(result.items.map((i) => Number(i.processInstanceKey))).toEqual(
      [cases.assigned, cases.offered, cases.mediation, cases.failed, cases.unplaced, cases.cancelled, cases.completed, cases.escalation, cases.called],
    );
    expect(result.items[0]).toEqual({
      processInstanceKey: String(cases.assigned),
      processDefinitionId: 'service-item',
      processDefinitionName: '便民服务事项',
      processDefinitionVersion: 2,
      processDefinitionVersionTag: null,
      processDefinitionKey: String(definitions.serviceItemV2),
      startDate: '2026-01-05T01:00:00.000Z',
      endDate: null,
      state: 'ACTIVE',
      hasIncident: false,
      parentProcessInstanceKey: null,
      parentElementInstanceKey: null,
      tenantId: '<default>',
      orgId: 'grid-1',
      businessKey: 'C-001',
    });
    const completed = result.items.find((i) => Number(i.processInstanceKey) === cases.completed)!;
    expect(completed).toMatchObject({ state: 'COMPLETED', endDate: iso(T0 + 10 * HOUR), processDefinitionName: null, orgId: 'grid-1' });
    const called = result.items.find((i) => Number(i.processInstanceKey) === cases.called)!;
    expect(called.parentProcessInstanceKey).toBe(String(cases.escalation));
    expect(called.parentElementInstanceKey).toMatch(/^\d+$/);
  });

  it('shows only the instances of the organisations in scope; a case without one only to "all"', async () => {
    const { cases } = g;
    expect((await found({}, new Set(['grid-1']))).keys).toEqual([cases.assigned, cases.failed, cases.completed]);
    expect(await found({}, new Set(['grid-2', 'grid-3']))).toEqual({
      keys: [cases.offered, cases.mediation, cases.cancelled, cases.escalation, cases.called],
      total: 5,
    });
    expect(await found({}, new Set())).toEqual({ keys: [], total: 0 });
    expect(await found({}, new Set(['grid-9']))).toEqual({ keys: [], total: 0 });
    expect((await found({})).keys).toContain(cases.unplaced);
    // A filter cannot widen the scope.
    expect((await found({ filter: { orgId: 'grid-3' } }, new Set(['grid-1']))).total).toBe(0);
  });

  it('filters on state, plain and with $in, $neq and $like', async () => {
    const { cases } = g;
    expect((await found({ filter: { state: 'ACTIVE' } })).total).toBe(7);
    expect((await found({ filter: { state: { $in: ['COMPLETED', 'TERMINATED'] } } })).keys).toEqual([cases.cancelled, cases.completed]);
    expect((await found({ filter: { state: { $neq: 'ACTIVE' } } })).keys).toEqual([cases.cancelled, cases.completed]);
    expect((await found({ filter: { state: { $notIn: ['ACTIVE', 'COMPLETED'] } } })).keys).toEqual([cases.cancelled]);
    expect((await found({ filter: { state: { $like: 'TERM*' } } })).keys).toEqual([cases.cancelled]);
    expect((await found({ filter: { hasIncident: true } })).keys).toEqual([cases.failed]);
    expect((await found({ filter: { hasIncident: false } })).total).toBe(8);
  });

  it('filters on the definition: id, key, version, and ignores what would be SQL in a value', async () => {
    const { cases, definitions } = g;
    expect((await found({ filter: { processDefinitionId: 'mediation' } })).keys).toEqual([cases.mediation, cases.unplaced, cases.completed, cases.called]);
    expect((await found({ filter: { processDefinitionId: { $like: 'serv*' } } })).keys).toEqual([cases.assigned, cases.offered, cases.failed, cases.cancelled]);
    expect((await found({ filter: { processDefinitionKey: String(definitions.serviceItemV1) } })).keys).toEqual([cases.failed]);
    expect((await found({ filter: { processDefinitionKey: { $in: [String(definitions.escalation), String(definitions.serviceItemV1)] } } })).keys).toEqual([cases.failed, cases.escalation]);
    expect((await found({ filter: { processDefinitionId: 'service-item', processDefinitionVersion: { $gte: 2 } } })).keys).toEqual([cases.assigned, cases.offered, cases.cancelled]);
    expect((await found({ filter: { processDefinitionId: 'service-item', processDefinitionVersion: 1 } })).keys).toEqual([cases.failed]);
    expect((await found({ filter: { processDefinitionId: "service-item' OR '1'='1" } })).total).toBe(0);
    expect((await found({ filter: { processDefinitionVersionTag: { $exists: false } } })).total).toBe(9);
  });

  it('filters on keys and the call hierarchy', async () => {
    const { cases } = g;
    expect((await found({ filter: { processInstanceKey: String(cases.offered) } })).keys).toEqual([cases.offered]);
    expect((await found({ filter: { processInstanceKey: { $in: [String(cases.completed), String(cases.assigned)] } } })).keys).toEqual([cases.assigned, cases.completed]);
    expect((await found({ filter: { processInstanceKey: { $notIn: [String(cases.completed)] } } })).total).toBe(8);
    expect((await found({ filter: { parentProcessInstanceKey: String(cases.escalation) } })).keys).toEqual([cases.called]);
    expect((await found({ filter: { parentProcessInstanceKey: { $exists: true } } })).keys).toEqual([cases.called]);
    expect((await found({ filter: { parentProcessInstanceKey: { $exists: false } } })).total).toBe(8);
  });

  it('filters on start and end date ranges, any zone in, compared as instants', async () => {
    const { cases } = g;
    // 11:00 in Beijing is 03:00Z, the mediation's start (T0 + 2h); 05:00Z is the unplaced case's, excluded by $lt.
    expect((await found({ filter: { startDate: { $gte: '2026-01-05T11:00:00+08:00', $lt: '2026-01-05T05:00:00Z' } } })).keys).toEqual([cases.mediation, cases.failed]);
    expect((await found({ filter: { startDate: iso(T0 + HOUR) } })).keys).toEqual([cases.offered]);
    expect((await found({ filter: { startDate: { $gt: iso(T0 + 6 * HOUR) } } })).keys).toEqual([cases.escalation, cases.called]);
    expect((await found({ filter: { endDate: { $exists: true } } })).keys).toEqual([cases.cancelled, cases.completed]);
    expect((await found({ filter: { endDate: { $lte: '2026-01-05T11:00:00Z' } } })).keys).toEqual([cases.completed]);
    expect((await found({ filter: { endDate: { $in: [iso(T0 + 11 * HOUR)] } } })).keys).toEqual([cases.cancelled]);
  });

  it('filters on the organisation, the business key, root variables and the tenant', async () => {
    const { cases } = g;
    expect((await found({ filter: { orgId: { $in: ['grid-2', 'grid-3'] }, state: 'ACTIVE' } })).keys).toEqual([cases.offered, cases.mediation, cases.escalation, cases.called]);
    expect((await found({ filter: { orgId: { $exists: false } } })).keys).toEqual([cases.unplaced]);
    expect((await found({ filter: { businessKey: 'C-002' } })).keys).toEqual([cases.offered]);
    expect((await found({ filter: { businessKey: { $like: 'M-00?' } } })).keys).toEqual([cases.mediation, cases.unplaced, cases.completed]);
    expect((await found({ filter: { variables: [{ name: 'clerk', value: '"wang"' }] } })).keys).toEqual([cases.assigned, cases.failed]);
    expect((await found({ filter: { variables: [{ name: 'parties', value: '["张三", "李四"]' }] } })).keys).toEqual([cases.mediation]);
    expect((await found({ filter: { variables: [{ name: 'clerk', value: '"wang"' }, { name: 'caseNo', value: { $like: '*003*' } }] } })).keys).toEqual([cases.failed]);
    expect((await found({ filter: { tenantId: '<default>' } })).total).toBe(9);
    expect((await found({ filter: { tenantId: 'other' } })).total).toBe(0);
  });

  it('$or adds alternatives that must hold together with the other fields', async () => {
    const { cases } = g;
    expect((await found({ filter: { orgId: 'grid-1', $or: [{ state: 'COMPLETED' }, { hasIncident: true }] } })).keys).toEqual([cases.failed, cases.completed]);
    expect((await found({ filter: { $or: [{ businessKey: 'C-001' }, { processDefinitionId: 'escalation', state: 'ACTIVE' }] } })).keys).toEqual([cases.assigned, cases.escalation]);
  });

  it('sorts on whitelisted fields, missing values last either way, key as the tie-breaker', async () => {
    const { cases } = g;
    expect((await found({ sort: [{ field: 'startDate', order: 'DESC' }] })).keys).toEqual(
      // escalation and called started in the same instant: key order.
      [cases.escalation, cases.called, cases.completed, cases.cancelled, cases.unplaced, cases.failed, cases.mediation, cases.offered, cases.assigned],
    );
    const byEnd = (await found({ sort: [{ field: 'endDate', order: 'DESC' }] })).keys;
    expect(byEnd.slice(0, 3)).toEqual([cases.cancelled, cases.completed, cases.assigned]);
    expect((await found({ sort: [{ field: 'endDate' }] })).keys.slice(0, 3)).toEqual([cases.completed, cases.cancelled, cases.assigned]);
    expect((await found({ sort: [{ field: 'processDefinitionId' }, { field: 'startDate', order: 'desc' }] })).keys).toEqual([
      cases.escalation, cases.called, cases.completed, cases.unplaced, cases.mediation, cases.cancelled, cases.failed, cases.offered, cases.assigned,
    ]);
    expect((await found({ sort: [{ field: 'orgId' }], filter: { state: 'ACTIVE' } })).keys).toEqual([
      cases.assigned, cases.failed, cases.mediation, cases.escalation, cases.called, cases.offered, cases.unplaced,
    ]);
  });

  it('pages with from and limit; the total counts every match', async () => {
    const { cases } = g;
    const sort = [{ field: 'startDate' as const }];
    expect(await found({ sort, page: { from: 2, limit: 3 } })).toEqual({ keys: [cases.mediation, cases.failed, cases.unplaced], total: 9 });
    expect(await found({ sort, page: { from: 9 } })).toEqual({ keys: [], total: 9 });
    expect((await found({ page: { limit: 1 } })).keys).toEqual([cases.assigned]);
    const seen: number[] = [];
    for (let from = 0; from < 9; from += 2) seen.push(...(await found({ sort: [{ field: 'state' }], page: { from, limit: 2 } })).keys);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });
});

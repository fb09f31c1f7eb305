import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIncident, getProcessInstance, searchIncidents, searchProcessInstances, type IncidentFilter, type SearchQuery } from '../../src/query/index.js';
import type { OrgScope } from '../../src/query/org-scope.js';
import { testStores } from '../support/test-stores.js';
import { HOUR, T0, runGovernanceCases, type GovernanceCases } from './governance-cases.js';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

describe.each(testStores)('searchIncidents and getIncident on $name', (testStore) => {
  let g: GovernanceCases;
  /** A second failed notification, in grid-3, whose incident was resolved after its retries were restored. */
  let resolvedCase: number;
  let resolvedIncident: number;

  beforeAll(async () => {
    g = await runGovernanceCases(testStore);
    const { t } = g;
    resolvedCase = (await t.engine.createProcessInstance({ bpmnProcessId: 'service-item', version: 1, variables: { orgId: 'grid-3', caseNo: 'C-005' } })).processInstanceKey;
    const [task] = (await t.activate('io.camunda.zeebe:userTask')).filter((j) => j.processInstanceKey === resolvedCase);
    await t.engine.completeJob(task.key);
    t.clock.advance(HOUR);
    const [job] = await t.activate('gongzhi.notify');
    await t.engine.failJob(job.key, { retries: 0, errorMessage: 'unknown recipient' });
    [{ key: resolvedIncident }] = await t.incidents(resolvedCase);
    t.clock.advance(HOUR);
    await t.engine.updateJobRetries(job.key, 1);
    await t.engine.resolveIncident(resolvedIncident);
  }, 120_000);
  afterAll(async () => g?.t.close());

  async function found(query: SearchQuery<IncidentFilter>, scope: OrgScope = 'all') {
    const result = await searchIncidents(g.t.store.db, query, scope);
    return { keys: result.items.map((i) => Number(i.incidentKey)), total: result.page.totalItems };
  }

  it('lists incidents shaped like the v2 IncidentResult, resolved ones included', async () => {
    const { cases, incidentKey, definitions } = g;
    const result = await searchIncidents(g.t.store.db, {}, 'all');
    expect(result.page.totalItems).toBe(2);
    expect(result.items[0]).toEqual({
      incidentKey: String(incidentKey),
      processInstanceKey: String(cases.failed),
      processDefinitionId: 'service-item',
      processDefinitionKey: String(definitions.serviceItemV1),
      elementId: 'notify',
      elementInstanceKey: expect.stringMatching(/^\d+$/),
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'SMS gateway down',
      state: 'ACTIVE',
      creationTime: iso(T0 + 9 * HOUR),
      jobKey: expect.stringMatching(/^\d+$/),
      tenantId: '<default>',
    });
    expect(result.items[1]).toMatchObject({ incidentKey: String(resolvedIncident), state: 'RESOLVED', errorMessage: 'unknown recipient' });
  });

  it('resolving clears the instance flag and the instance detail lists open incidents only', async () => {
    const resolved = await searchProcessInstances(g.t.store.db, { filter: { processInstanceKey: String(resolvedCase) } }, 'all');
    expect(resolved.items[0].hasIncident).toBe(false);
    expect((await getProcessInstance(g.t.store.db, resolvedCase, 'all'))?.incidents).toEqual([]);
  });

  it('incidents follow their instance into and out of scope', async () => {
    expect((await found({}, new Set(['grid-1']))).keys).toEqual([g.incidentKey]);
    expect((await found({}, new Set(['grid-3']))).keys).toEqual([resolvedIncident]);
    expect((await found({}, new Set(['grid-2']))).total).toBe(0);
    expect(await getIncident(g.t.store.db, String(g.incidentKey), new Set(['grid-3']))).toBeUndefined();
    expect((await getIncident(g.t.store.db, String(g.incidentKey), new Set(['grid-1'])))?.state).toBe('ACTIVE');
  });

  it('filters on state, error, element, definition, instance, job and creation time', async () => {
    const { incidentKey, cases } = g;
    expect((await found({ filter: { state: 'ACTIVE' } })).keys).toEqual([incidentKey]);
    expect((await found({ filter: { state: { $neq: 'ACTIVE' } } })).keys).toEqual([resolvedIncident]);
    expect((await found({ filter: { errorType: 'JOB_NO_RETRIES' } })).total).toBe(2);
    expect((await found({ filter: { errorType: { $in: ['IO_MAPPING_ERROR', 'CONDITION_ERROR'] } } })).total).toBe(0);
    expect((await found({ filter: { errorMessage: { $like: '*gateway*' } } })).keys).toEqual([incidentKey]);
    expect((await found({ filter: { elementId: 'notify', processDefinitionId: 'service-item' } })).total).toBe(2);
    expect((await found({ filter: { processDefinitionId: 'mediation' } })).total).toBe(0);
    expect((await found({ filter: { processInstanceKey: String(cases.failed) } })).keys).toEqual([incidentKey]);
    expect((await found({ filter: { processDefinitionKey: String(g.definitions.serviceItemV2) } })).total).toBe(0);
    expect((await found({ filter: { jobKey: { $exists: true } } })).total).toBe(2);
    expect((await found({ filter: { creationTime: { $gt: iso(T0 + 9 * HOUR) } } })).keys).toEqual([resolvedIncident]);
    const [first] = (await searchIncidents(g.t.store.db, {}, 'all')).items;
    expect((await found({ filter: { elementInstanceKey: first.elementInstanceKey, incidentKey: first.incidentKey } })).keys).toEqual([incidentKey]);
  });

  it('sorts on the v2 sort fields', async () => {
    expect((await found({ sort: [{ field: 'creationTime', order: 'DESC' }] })).keys).toEqual([resolvedIncident, g.incidentKey]);
    expect((await found({ sort: [{ field: 'errorMessage' }] })).keys).toEqual([g.incidentKey, resolvedIncident]);
    expect((await found({ sort: [{ field: 'state', order: 'DESC' }], page: { limit: 1 } })).keys).toEqual([resolvedIncident]);
  });
});

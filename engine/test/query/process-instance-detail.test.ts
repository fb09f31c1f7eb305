import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProcessInstance, getRecords } from '../../src/query/index.js';
import { testStores } from '../support/test-stores.js';
import { HOUR, T0, runGovernanceCases, type GovernanceCases } from './governance-cases.js';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

describe.each(testStores)('getProcessInstance and getRecords on $name', (testStore) => {
  let g: GovernanceCases;
  beforeAll(async () => {
    g = await runGovernanceCases(testStore);
  }, 120_000);
  afterAll(async () => g?.t.close());

  it('an instance held by an incident: root variables, what is active and done, the open incident, the flows taken', async () => {
    const { cases, incidentKey } = g;
    const detail = await getProcessInstance(g.t.store.db, String(cases.failed), 'all');
    expect(detail).toMatchObject({
      processInstanceKey: String(cases.failed),
      processDefinitionVersion: 1,
      state: 'ACTIVE',
      hasIncident: true,
      orgId: 'grid-1',
      businessKey: 'C-003',
      variables: { orgId: 'grid-1', caseNo: 'C-003', clerk: 'wang', accepted: true },
      activeElementIds: ['notify'],
      completedElementIds: ['start', 'accept'],
      takenSequenceFlowIds: ['f_start_accept', 'f_accept_notify'],
    });
    expect(Object.keys(detail!.variables).sort()).toEqual(['accepted', 'caseNo', 'clerk', 'orgId']);
    expect(detail!.incidents).toEqual([
      expect.objectContaining({
        incidentKey: String(incidentKey),
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'SMS gateway down',
        elementId: 'notify',
        state: 'ACTIVE',
        creationTime: iso(T0 + 9 * HOUR),
      }),
    ]);
    expect(detail!.elementInstances.map((e) => [e.elementId, e.elementType, e.state])).toEqual([
      ['service-item', 'PROCESS', 'ACTIVE'],
      ['start', 'START_EVENT', 'COMPLETED'],
      ['accept', 'USER_TASK', 'COMPLETED'],
      ['notify', 'SERVICE_TASK', 'ACTIVE'],
    ]);
    const accept = detail!.elementInstances[2];
    expect(accept).toMatchObject({ startDate: iso(T0 + 3 * HOUR), endDate: iso(T0 + 8 * HOUR), flowScopeKey: String(cases.failed) });
    expect(accept.key).toMatch(/^\d+$/);
  });

  it('a completed instance: everything done, nothing active, no open incident', async () => {
    const detail = await getProcessInstance(g.t.store.db, g.cases.completed, new Set(['grid-1']));
    expect(detail).toMatchObject({
      state: 'COMPLETED',
      endDate: iso(T0 + 10 * HOUR),
      activeElementIds: [],
      completedElementIds: ['start', 'mediate', 'end'],
      takenSequenceFlowIds: ['f_start_mediate', 'f_mediate_end'],
      incidents: [],
      variables: { orgId: 'grid-1', caseNo: 'M-003', agreement: '和解' },
    });
    expect(detail!.elementInstances.every((e) => e.state === 'COMPLETED' && e.endDate !== null)).toBe(true);
  });

  it('a cancelled instance: the waiting task terminated', async () => {
    const detail = await getProcessInstance(g.t.store.db, g.cases.cancelled, 'all');
    expect(detail).toMatchObject({ state: 'TERMINATED', activeElementIds: [], completedElementIds: ['start'] });
    expect(detail!.elementInstances.find((e) => e.elementId === 'accept')).toMatchObject({ state: 'TERMINATED', endDate: iso(T0 + 11 * HOUR) });
  });

  it('a parent waiting on its called process shows the call activity active; the child names its parent', async () => {
    const parent = await getProcessInstance(g.t.store.db, g.cases.escalation, 'all');
    expect(parent).toMatchObject({ activeElementIds: ['call'], completedElementIds: ['start'] });
    const child = await getProcessInstance(g.t.store.db, g.cases.called, new Set(['grid-2']));
    expect(child).toMatchObject({ parentProcessInstanceKey: String(g.cases.escalation), activeElementIds: ['mediate'], orgId: 'grid-2' });
  });

  it('an instance out of scope, or unknown, is undefined', async () => {
    expect(await getProcessInstance(g.t.store.db, g.cases.failed, new Set(['grid-2', 'grid-3']))).toBeUndefined();
    expect(await getProcessInstance(g.t.store.db, g.cases.unplaced, new Set(['grid-1', 'grid-2', 'grid-3']))).toBeUndefined();
    expect(await getProcessInstance(g.t.store.db, g.cases.unplaced, 'all')).toBeDefined();
    expect(await getProcessInstance(g.t.store.db, String(g.tasks.assigned), 'all')).toBeUndefined();
  });

  it('the record history of an instance, in stream order, keys as strings', async () => {
    const { cases, incidentKey } = g;
    const records = (await getRecords(g.t.store.db, String(cases.failed), 'all'))!;
    expect(records.length).toBeGreaterThan(10);
    const positions = records.map((r) => r.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(records.every((r) => r.processInstanceKey === String(cases.failed))).toBe(true);
    expect(records[0]).toMatchObject({
      key: String(cases.failed),
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATING',
      timestamp: iso(T0 + 3 * HOUR),
      value: expect.objectContaining({
        bpmnElementType: 'PROCESS',
        processInstanceKey: String(cases.failed),
        processDefinitionKey: String(g.definitions.serviceItemV1),
        // Zeebe's -1 ("no parent") reads as null.
        parentProcessInstanceKey: null,
      }),
    });
    const incident = records.find((r) => r.valueType === 'INCIDENT');
    expect(incident).toMatchObject({ key: String(incidentKey), intent: 'CREATED', value: expect.objectContaining({ errorType: 'JOB_NO_RETRIES', jobKey: expect.stringMatching(/^\d+$/) }) });
    const caseNo = records.find((r) => r.valueType === 'VARIABLE' && r.value.name === 'caseNo');
    expect(caseNo?.value.value).toBe('C-003');
    expect(await getRecords(g.t.store.db, cases.failed, new Set(['grid-3']))).toBeUndefined();
    expect((await getRecords(g.t.store.db, cases.failed, new Set(['grid-1'])))?.length).toBe(records.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRecords, readRecords } from '../../src/records/record-store.js';
import type { EngineRecord } from '../../src/records/record.js';
import { openStore, type Store } from '../../src/store/store.js';

describe('record store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ memory: true });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives back what it stored, as JSON would, also when records share a value object', async () => {
    const shared = { bpmnProcessId: 'service-item', elementId: '受理', flowScopeKey: -1, note: 'a "quoted" \\ value\n' };
    const records: EngineRecord[] = [
      { position: 10, key: 2251799813685249, valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING', processInstanceKey: 2251799813685249, timestamp: 1796682237965, value: shared },
      { position: 11, key: 2251799813685249, valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATED', processInstanceKey: 2251799813685249, timestamp: 1796682237966, value: shared },
      { position: 12, key: 7, valueType: 'DEPLOYMENT', intent: 'CREATED', processInstanceKey: null, timestamp: 1796682237967, value: { resources: [{ name: '便民服务.bpmn' }], empty: {}, nothing: null } },
      { position: 13, key: 8, valueType: 'VARIABLE', intent: 'CREATED', processInstanceKey: 2251799813685249, timestamp: 1796682237968, value: { name: 'n', value: 1.5e-7, skipped: undefined } },
    ];
    await store.db.transaction().execute((trx) => appendRecords(trx, records));
    const expected = JSON.parse(JSON.stringify(records)) as EngineRecord[];
    expect(await readRecords(store.db, { afterPosition: 9 })).toEqual(expected);
    expect(await readRecords(store.db, { processInstanceKey: 2251799813685249 })).toEqual(expected.filter((r) => r.processInstanceKey !== null));
  });
});

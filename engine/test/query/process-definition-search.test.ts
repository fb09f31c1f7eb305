import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProcessDefinition, searchProcessDefinitions, type ProcessDefinitionFilter, type SearchQuery } from '../../src/query/index.js';
import { chain, end, processXml, start } from '../support/bpmn-xml.js';
import { TestEngine } from '../support/test-engine.js';
import { testStores } from '../support/test-stores.js';
import { ESCALATION, MEDIATION, SERVICE_ITEM_V1, SERVICE_ITEM_V2 } from './governance-cases.js';

/** Definitions need no instances: deploy only. */
describe.each(testStores)('searchProcessDefinitions and getProcessDefinition on $name', (testStore) => {
  let t: TestEngine;
  const keys: Record<string, number> = {};
  beforeAll(async () => {
    t = await TestEngine.start(testStore);
    const deploy = async (name: string, xml: string, resourceName: string) => {
      keys[name] = (await t.deploy(xml, resourceName)).processes[0].processDefinitionKey;
    };
    await deploy('serviceItemV1', SERVICE_ITEM_V1, 'service-item.bpmn');
    await deploy('serviceItemV2', SERVICE_ITEM_V2, 'service-item.bpmn');
    await deploy('mediation', MEDIATION, 'mediation.bpmn');
    await deploy('escalation', ESCALATION, 'escalation.bpmn');
    const tagged = processXml('tagged', [start(), end(), chain('start', 'end')].join(''), '').replace(
      '<bpmn:process id="tagged" isExecutable="true">',
      '<bpmn:process id="tagged" name="有标签" isExecutable="true"><bpmn:extensionElements><zeebe:versionTag value="2026.1" /></bpmn:extensionElements>',
    );
    await deploy('tagged', tagged, 'forms/tagged.bpmn');
  }, 120_000);
  afterAll(async () => t?.close());

  async function found(query: SearchQuery<ProcessDefinitionFilter>) {
    const result = await searchProcessDefinitions(t.store.db, query, 'all');
    return { keys: result.items.map((d) => Number(d.processDefinitionKey)), total: result.page.totalItems };
  }

  it('lists definitions shaped like the v2 ProcessDefinitionResult, names read from the BPMN', async () => {
    const result = await searchProcessDefinitions(t.store.db, {}, 'all');
    expect(result.page.totalItems).toBe(5);
    expect(result.items[0]).toEqual({
      processDefinitionKey: String(keys.serviceItemV1),
      processDefinitionId: 'service-item',
      name: '便民服务事项',
      version: 1,
      versionTag: null,
      resourceName: 'service-item.bpmn',
      tenantId: '<default>',
    });
    expect(result.items.map((d) => d.name)).toEqual(['便民服务事项', '便民服务事项', null, '吹哨报到', '有标签']);
    expect(result.items[4]).toMatchObject({ versionTag: '2026.1', resourceName: 'forms/tagged.bpmn' });
  });

  it('definitions are models, not cases: an organisation scope does not narrow them', async () => {
    expect((await searchProcessDefinitions(t.store.db, {}, new Set())).page.totalItems).toBe(5);
    expect((await getProcessDefinition(t.store.db, String(keys.mediation), new Set(['grid-1'])))?.processDefinitionId).toBe('mediation');
    expect(await getProcessDefinition(t.store.db, '2251799813685000', 'all')).toBeUndefined();
  });

  it('filters on the latest version, id, version, tag and resource name', async () => {
    const latest = [keys.serviceItemV2, keys.mediation, keys.escalation, keys.tagged];
    expect((await found({ filter: { isLatestVersion: true } })).keys).toEqual(latest);
    expect((await found({ filter: { isLatest: true } })).keys).toEqual(latest);
    expect((await found({ filter: { isLatestVersion: false } })).total).toBe(5);
    expect((await found({ filter: { processDefinitionId: 'service-item' } })).keys).toEqual([keys.serviceItemV1, keys.serviceItemV2]);
    expect((await found({ filter: { processDefinitionId: 'service-item', isLatestVersion: true } })).keys).toEqual([keys.serviceItemV2]);
    expect((await found({ filter: { version: 2 } })).keys).toEqual([keys.serviceItemV2]);
    expect((await found({ filter: { version: { $lt: 2 } } })).total).toBe(4);
    expect((await found({ filter: { versionTag: '2026.1' } })).keys).toEqual([keys.tagged]);
    expect((await found({ filter: { resourceName: { $like: 'forms/*' } } })).keys).toEqual([keys.tagged]);
    expect((await found({ filter: { processDefinitionKey: String(keys.escalation) } })).keys).toEqual([keys.escalation]);
  });

  it('sorts on the v2 sort fields', async () => {
    expect((await found({ sort: [{ field: 'version', order: 'DESC' }], page: { limit: 1 } })).keys).toEqual([keys.serviceItemV2]);
    expect((await found({ sort: [{ field: 'processDefinitionId' }, { field: 'version', order: 'DESC' }] })).keys).toEqual([
      keys.escalation, keys.mediation, keys.serviceItemV2, keys.serviceItemV1, keys.tagged,
    ]);
    // Missing tags sort last both ways.
    expect((await found({ sort: [{ field: 'versionTag', order: 'DESC' }], page: { limit: 1 } })).keys).toEqual([keys.tagged]);
    expect((await found({ sort: [{ field: 'versionTag' }] })).keys).toEqual([keys.tagged, keys.serviceItemV1, keys.serviceItemV2, keys.mediation, keys.escalation]);
  });
});

import { api } from '../../app/api.js';
import type { Page, ProcessDefinition } from '../../app/api-types.js';

/** A process id with all its deployed versions, newest first. */
export interface ProcessVersions {
  processDefinitionId: string;
  name: string | null;
  versions: ProcessDefinition[];
}

/** Every deployed process definition, grouped by process id (POST /v2/process-definitions/search). */
export async function loadProcessVersions(): Promise<ProcessVersions[]> {
  const byId = new Map<string, ProcessVersions>();
  const limit = 1000;
  for (let from = 0; ; from += limit) {
    const result = await api.post<Page<ProcessDefinition>>('/v2/process-definitions/search', {
      sort: [{ field: 'processDefinitionId', order: 'ASC' }, { field: 'version', order: 'DESC' }],
      page: { from, limit },
    });
    for (const definition of result.items) {
      const group = byId.get(definition.processDefinitionId) ?? { processDefinitionId: definition.processDefinitionId, name: null, versions: [] };
      group.versions.push(definition);
      // The newest version's name is the process's name.
      group.name ??= definition.name;
      byId.set(definition.processDefinitionId, group);
    }
    if (result.items.length < limit || from + limit >= result.page.totalItems) break;
  }
  return [...byId.values()];
}

export async function loadProcessXml(processDefinitionKey: string): Promise<string> {
  return api.getText(`/v2/process-definitions/${encodeURIComponent(processDefinitionKey)}/xml`);
}

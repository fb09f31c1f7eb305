import { useEffect, useState } from 'react';
import { api } from './api.js';
import type { Page, ProcessDefinition } from './api-types.js';

/** The latest version of every deployed process (for process filters and pickers); empty while loading or on error. */
export function useLatestProcessDefinitions(enabled = true): ProcessDefinition[] {
  const [items, setItems] = useState<ProcessDefinition[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    api
      .post<Page<ProcessDefinition>>('/v2/process-definitions/search', { filter: { isLatestVersion: true }, sort: [{ field: 'processDefinitionId', order: 'ASC' }], page: { limit: 1000 } })
      .then((page) => alive && setItems(page.items))
      // A missing process filter is no reason to fail the page that offers it.
      .catch(() => alive && setItems([]));
    return () => {
      alive = false;
    };
  }, [enabled]);
  return items;
}

export function processLabel(definition: Pick<ProcessDefinition, 'name' | 'processDefinitionId'>): string {
  return definition.name ? `${definition.name}（${definition.processDefinitionId}）` : definition.processDefinitionId;
}

import { sql, type Kysely } from 'kysely';
import { sharedZeebeModdle } from '../deployment/zeebe-moddle.js';

/**
 * Process names (the bpmn:process name attribute) by process definition key. The store keeps only the
 * BPMN text, so a name costs one parse of the resource; a deployed definition never changes, so each is
 * parsed once per database and remembered.
 */
const namesByDatabase = new WeakMap<object, Map<number, string | null>>();

export async function processDefinitionNames(db: Kysely<any>, keys: Iterable<number>): Promise<Map<number, string | null>> {
  let known = namesByDatabase.get(db);
  if (!known) namesByDatabase.set(db, (known = new Map()));
  const wanted = [...new Set(keys)];
  const missing = wanted.filter((key) => !known.has(key));
  if (missing.length > 0) {
    const rows = await sql<{ key: number; bpmn_process_id: string; resource: string }>`
      SELECT key, bpmn_process_id, resource FROM process_definitions WHERE key = ANY(${missing}::int8[])`.execute(db);
    for (const row of rows.rows) known.set(row.key, await nameInResource(row.resource, row.bpmn_process_id));
  }
  return new Map(wanted.map((key) => [key, known.get(key) ?? null]));
}

async function nameInResource(resource: string, bpmnProcessId: string): Promise<string | null> {
  try {
    const { rootElement } = await sharedZeebeModdle().fromXML(resource);
    const roots = (rootElement as { rootElements?: Array<{ $type: string; id?: string; name?: string }> }).rootElements ?? [];
    const process = roots.find((e) => e.$type === 'bpmn:Process' && e.id === bpmnProcessId);
    return process?.name?.trim() ? process.name : null;
  } catch {
    // The resource was deployed, so it parsed then; a name is a nicety and never worth failing a search.
    return null;
  }
}

import { sql, type Kysely } from 'kysely';
import type { SimulationResource } from './run-simulation.js';

/**
 * The resources holding the latest version of every process, decision requirements graph and form deployed
 * in a store and not deleted, as they were deployed — what a simulation request that names no resources of its own runs on
 * (the REST route adds the request's undeployed resources after these, and later ones of a name replace them).
 */
export async function latestDeployedResources(db: Kysely<any>): Promise<SimulationResource[]> {
  const processes = await sql<{ key: number; resource_name: string; checksum: string; resource: string }>`
    SELECT DISTINCT ON (bpmn_process_id) key, resource_name, checksum, resource
    FROM process_definitions WHERE deleted_at IS NULL ORDER BY bpmn_process_id, version DESC`.execute(db);
  const decisions = await sql<{ resource_name: string; checksum: string; resource: string }>`
    SELECT DISTINCT ON (drg_id) resource_name, checksum, resource
    FROM decision_requirements WHERE deleted_at IS NULL ORDER BY drg_id, version DESC`.execute(db);
  const forms = await sql<{ resource_name: string; checksum: string; content: unknown }>`
    SELECT DISTINCT ON (form_id) resource_name, checksum, content
    FROM forms WHERE deleted_at IS NULL ORDER BY form_id, version DESC`.execute(db);

  const out: SimulationResource[] = [];
  const older: SimulationResource[] = [];
  const byName = new Map<string, string>();
  const add = (name: string, checksum: string, content: string) => {
    if (byName.get(name) === checksum) return; // one resource holding several processes
    // Two versions of one resource name each still hold a latest version: both are needed, under distinct
    // names, and the older one deploys first so that what it shares with the newer one ends up older there too.
    let unique = name;
    for (let n = 2; byName.has(unique); n++) unique = `${n}-${name}`;
    byName.set(unique, checksum);
    (unique === name ? out : older).push({ name: unique, content });
  };
  // Newest first, so that the newest resource of a name keeps it.
  for (const row of [...processes.rows].sort((a, b) => Number(b.key) - Number(a.key))) add(row.resource_name, row.checksum, row.resource);
  for (const row of decisions.rows) add(row.resource_name, row.checksum, row.resource);
  for (const row of forms.rows) add(row.resource_name, row.checksum, typeof row.content === 'string' ? row.content : JSON.stringify(row.content));
  return [...older, ...out];
}

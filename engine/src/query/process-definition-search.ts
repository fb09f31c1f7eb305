import { sql, type Kysely } from 'kysely';
import { DEFAULT_TENANT, describe, keyText, parseKey } from './api-values.js';
import type { IntegerFilter, KeyFilter, StringFilter } from './filter-property.js';
import type { OrgScope } from './org-scope.js';
import { processDefinitionNames } from './process-definition-names.js';
import { QueryError } from './query-error.js';
import type { SearchCatalog } from './search-catalog.js';
import { runSearch, type SearchQuery, type SearchResult } from './search-query.js';

/** The v2 API's ProcessDefinitionResult. */
export interface ProcessDefinitionItem {
  processDefinitionKey: string;
  processDefinitionId: string;
  /** The bpmn:process name, or null when the model gives none. */
  name: string | null;
  version: number;
  versionTag: string | null;
  resourceName: string;
  tenantId: string;
}

export interface ProcessDefinitionFilter {
  processDefinitionKey?: KeyFilter;
  processDefinitionId?: StringFilter;
  version?: IntegerFilter;
  versionTag?: StringFilter;
  resourceName?: StringFilter;
  /** Only the latest version of each process (the v2 API's name). */
  isLatestVersion?: boolean;
  /** The same as isLatestVersion. */
  isLatest?: boolean;
  tenantId?: StringFilter;
}

const pd = (column: string) => sql.ref(`pd.${column}`);

function latestCondition(path: string, value: unknown) {
  if (typeof value !== 'boolean') throw new QueryError(path, `must be true or false, but was ${describe(value)}`);
  // As in the v2 API, false does not ask for older versions only: it just does not narrow the search.
  return value
    ? sql`pd.version = (SELECT max(latest.version) FROM process_definitions AS latest WHERE latest.bpmn_process_id = pd.bpmn_process_id AND latest.deleted_at IS NULL)`
    : sql`TRUE`;
}

export const processDefinitionCatalog: SearchCatalog = {
  entity: 'process definitions',
  // Deleted definitions keep their rows (their versions stay taken) but are no longer listed, as Operate does.
  from: sql`(SELECT * FROM process_definitions WHERE deleted_at IS NULL) AS pd`,
  keyColumn: pd('key'),
  filters: {
    processDefinitionKey: { column: pd('key'), kind: { type: 'key' } },
    processDefinitionId: { column: pd('bpmn_process_id'), kind: { type: 'string' } },
    version: { column: pd('version'), kind: { type: 'integer' } },
    versionTag: { column: pd('version_tag'), kind: { type: 'string' } },
    resourceName: { column: pd('resource_name'), kind: { type: 'string' } },
    isLatestVersion: { condition: latestCondition },
    isLatest: { condition: latestCondition },
    tenantId: { column: sql`${DEFAULT_TENANT}::text`, kind: { type: 'string' } },
  },
  sorts: {
    processDefinitionKey: pd('key'),
    processDefinitionId: pd('bpmn_process_id'),
    version: pd('version'),
    versionTag: pd('version_tag'),
    resourceName: pd('resource_name'),
    tenantId: sql`${DEFAULT_TENANT}::text`,
  },
  unsupportedFilters: {
    name: 'names live in the BPMN resources, not in the store; filter on processDefinitionId',
    hasStartForm: 'start forms are not recorded in the store',
  },
  unsupportedSorts: {
    name: 'names live in the BPMN resources, not in the store; sort on processDefinitionId',
  },
};

interface ProcessDefinitionRow {
  key: number;
  bpmn_process_id: string;
  version: number;
  version_tag: string | null;
  resource_name: string;
}

const PROCESS_DEFINITION_COLUMNS = sql`pd.key, pd.bpmn_process_id, pd.version, pd.version_tag, pd.resource_name`;

/**
 * POST /v2/process-definitions/search. Definitions are models, not cases: an organisation scope does not
 * narrow them (it is taken so every search has the same shape).
 */
export async function searchProcessDefinitions(
  db: Kysely<any>,
  query: SearchQuery<ProcessDefinitionFilter>,
  _scope: OrgScope,
): Promise<SearchResult<ProcessDefinitionItem>> {
  const { rows, totalItems } = await runSearch<ProcessDefinitionRow>(db, processDefinitionCatalog, PROCESS_DEFINITION_COLUMNS, query, []);
  return { items: await processDefinitionItems(db, rows), page: { totalItems } };
}

/** GET /v2/process-definitions/{processDefinitionKey}. */
export async function getProcessDefinition(
  db: Kysely<any>,
  processDefinitionKey: string | number,
  _scope: OrgScope,
): Promise<ProcessDefinitionItem | undefined> {
  const key = parseKey('processDefinitionKey', processDefinitionKey);
  const result = await sql<ProcessDefinitionRow>`SELECT ${PROCESS_DEFINITION_COLUMNS} FROM process_definitions AS pd WHERE pd.key = ${key}::int8`.execute(db);
  return (await processDefinitionItems(db, result.rows))[0];
}

async function processDefinitionItems(db: Kysely<any>, rows: ProcessDefinitionRow[]): Promise<ProcessDefinitionItem[]> {
  const names = await processDefinitionNames(db, rows.map((r) => r.key));
  return rows.map((r) => ({
    processDefinitionKey: keyText(r.key),
    processDefinitionId: r.bpmn_process_id,
    name: names.get(r.key) ?? null,
    version: r.version,
    versionTag: r.version_tag,
    resourceName: r.resource_name,
    tenantId: DEFAULT_TENANT,
  }));
}

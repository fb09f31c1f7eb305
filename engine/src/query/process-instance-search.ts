import { sql, type Kysely } from 'kysely';
import type { DateTimeFilter, IntegerFilter, KeyFilter, StringFilter, VariableValueFilter } from './filter-property.js';
import { DEFAULT_TENANT, isoDateTime, keyText, optionalIsoDateTime, optionalKeyText, parseKey } from './api-values.js';
import { visibleOrg, type OrgScope } from './org-scope.js';
import { processDefinitionNames } from './process-definition-names.js';
import type { SearchCatalog } from './search-catalog.js';
import { runSearch, type SearchQuery, type SearchResult } from './search-query.js';
import { variableValueCondition } from './variable-value-filter.js';

export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/** A process instance as the v2 API's ProcessInstanceResult, plus the case's organisation and business key. */
export interface ProcessInstanceItem {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionName: string | null;
  processDefinitionVersion: number;
  processDefinitionVersionTag: string | null;
  processDefinitionKey: string;
  startDate: string;
  endDate: string | null;
  state: ProcessInstanceState;
  hasIncident: boolean;
  parentProcessInstanceKey: string | null;
  parentElementInstanceKey: string | null;
  tenantId: string;
  /** The organisation the case belongs to (root variable orgId or gridId). */
  orgId: string | null;
  /** Our case number (root variable caseNo). */
  businessKey: string | null;
}

export const PROCESS_INSTANCE_STATES: readonly ProcessInstanceState[] = ['ACTIVE', 'COMPLETED', 'TERMINATED'];

const pi = (column: string) => sql.ref(`pi.${column}`);

export const processInstanceCatalog: SearchCatalog = {
  entity: 'process instances',
  from: sql`process_instance_view AS pi JOIN process_definitions AS pd ON pd.key = pi.process_definition_key`,
  keyColumn: pi('key'),
  allowsOr: true,
  filters: {
    processInstanceKey: { column: pi('key'), kind: { type: 'key' } },
    processDefinitionId: { column: pi('bpmn_process_id'), kind: { type: 'string' } },
    processDefinitionKey: { column: pi('process_definition_key'), kind: { type: 'key' } },
    processDefinitionVersion: { column: pi('version'), kind: { type: 'integer' } },
    processDefinitionVersionTag: { column: sql.ref('pd.version_tag'), kind: { type: 'string' } },
    state: { column: pi('state'), kind: { type: 'enum', values: PROCESS_INSTANCE_STATES } },
    hasIncident: { column: pi('has_incident'), kind: { type: 'boolean' } },
    parentProcessInstanceKey: { column: pi('parent_process_instance_key'), kind: { type: 'key' } },
    parentElementInstanceKey: { column: pi('parent_element_instance_key'), kind: { type: 'key' } },
    startDate: { column: pi('start_date'), kind: { type: 'dateTime' } },
    endDate: { column: pi('end_date'), kind: { type: 'dateTime' } },
    tenantId: { column: sql`${DEFAULT_TENANT}::text`, kind: { type: 'string' } },
    orgId: { column: pi('org_id'), kind: { type: 'string' } },
    businessKey: { column: pi('business_key'), kind: { type: 'string' } },
    variables: { condition: (path, value) => variableValueCondition(path, value, pi('key')) },
  },
  sorts: {
    processInstanceKey: pi('key'),
    processDefinitionId: pi('bpmn_process_id'),
    processDefinitionVersion: pi('version'),
    processDefinitionVersionTag: sql.ref('pd.version_tag'),
    processDefinitionKey: pi('process_definition_key'),
    parentProcessInstanceKey: pi('parent_process_instance_key'),
    parentElementInstanceKey: pi('parent_element_instance_key'),
    startDate: pi('start_date'),
    endDate: pi('end_date'),
    state: pi('state'),
    hasIncident: pi('has_incident'),
    tenantId: sql`${DEFAULT_TENANT}::text`,
    orgId: pi('org_id'),
    businessKey: pi('business_key'),
  },
  unsupportedFilters: {
    processDefinitionName: 'names live in the BPMN resources, not in the read model; filter on processDefinitionId',
    batchOperationId: 'this engine has no batch operations',
    errorMessage: 'search incidents by errorMessage instead',
    hasRetriesLeft: 'search incidents instead',
    elementInstanceState: 'read the instance (getProcessInstance) for its element instances',
    elementId: 'read the instance (getProcessInstance) for its element instances',
    hasElementInstanceIncident: 'search incidents by elementId instead',
    incidentErrorHashCode: 'search incidents by errorMessage instead',
    tags: 'this engine has no process instance tags',
  },
  unsupportedSorts: {
    processDefinitionName: 'names live in the BPMN resources, not in the read model; sort on processDefinitionId',
  },
};

/** The columns an item is made of, in the names processInstanceItems reads. */
export const PROCESS_INSTANCE_COLUMNS = sql`pi.key, pi.process_definition_key, pi.bpmn_process_id, pi.version, pi.state,
  pi.start_date, pi.end_date, pi.has_incident, pi.parent_process_instance_key, pi.parent_element_instance_key,
  pi.org_id, pi.business_key, pd.version_tag`;

export interface ProcessInstanceRow {
  key: number;
  process_definition_key: number;
  bpmn_process_id: string;
  version: number;
  state: ProcessInstanceState;
  start_date: number;
  end_date: number | null;
  has_incident: boolean;
  parent_process_instance_key: number | null;
  parent_element_instance_key: number | null;
  org_id: string | null;
  business_key: string | null;
  version_tag: string | null;
}

export interface ProcessInstanceFilterFields {
  processInstanceKey?: KeyFilter;
  processDefinitionId?: StringFilter;
  processDefinitionKey?: KeyFilter;
  processDefinitionVersion?: IntegerFilter;
  processDefinitionVersionTag?: StringFilter;
  state?: StringFilter<ProcessInstanceState>;
  hasIncident?: boolean;
  parentProcessInstanceKey?: KeyFilter;
  parentElementInstanceKey?: KeyFilter;
  startDate?: DateTimeFilter;
  endDate?: DateTimeFilter;
  tenantId?: StringFilter;
  orgId?: StringFilter;
  businessKey?: StringFilter;
  variables?: VariableValueFilter[];
}

/** The filter of a process instance search; `$or` lists alternatives, each a filter without `$or`. */
export interface ProcessInstanceFilter extends ProcessInstanceFilterFields {
  $or?: ProcessInstanceFilterFields[];
}

/** POST /v2/process-instances/search over the read model, limited to the caller's organisations. */
export async function searchProcessInstances(
  db: Kysely<any>,
  query: SearchQuery<ProcessInstanceFilter>,
  scope: OrgScope,
): Promise<SearchResult<ProcessInstanceItem>> {
  const { rows, totalItems } = await runSearch<ProcessInstanceRow>(db, processInstanceCatalog, PROCESS_INSTANCE_COLUMNS, query, [
    visibleOrg(pi('org_id'), scope),
  ]);
  return { items: await processInstanceItems(db, rows), page: { totalItems } };
}

/** One visible process instance row by key, or undefined. */
export async function findProcessInstanceRow(
  db: Kysely<any>,
  key: string | number,
  scope: OrgScope,
  field = 'processInstanceKey',
): Promise<ProcessInstanceRow | undefined> {
  const parsed = parseKey(field, key);
  const result = await sql<ProcessInstanceRow>`SELECT ${PROCESS_INSTANCE_COLUMNS} FROM ${processInstanceCatalog.from}
    WHERE pi.key = ${parsed}::int8 AND ${visibleOrg(pi('org_id'), scope)}`.execute(db);
  return result.rows[0];
}

export async function processInstanceItems(db: Kysely<any>, rows: ProcessInstanceRow[]): Promise<ProcessInstanceItem[]> {
  const names = await processDefinitionNames(db, rows.map((r) => r.process_definition_key));
  return rows.map((r) => ({
    processInstanceKey: keyText(r.key),
    processDefinitionId: r.bpmn_process_id,
    processDefinitionName: names.get(r.process_definition_key) ?? null,
    processDefinitionVersion: r.version,
    processDefinitionVersionTag: r.version_tag,
    processDefinitionKey: keyText(r.process_definition_key),
    startDate: isoDateTime(r.start_date),
    endDate: optionalIsoDateTime(r.end_date),
    state: r.state,
    hasIncident: r.has_incident,
    parentProcessInstanceKey: optionalKeyText(r.parent_process_instance_key),
    parentElementInstanceKey: optionalKeyText(r.parent_element_instance_key),
    tenantId: DEFAULT_TENANT,
    orgId: r.org_id,
    businessKey: r.business_key,
  }));
}

import { sql, type Kysely } from 'kysely';
import { DEFAULT_TENANT, isoDateTime, keyText, optionalKeyText, parseKey } from './api-values.js';
import type { DateTimeFilter, KeyFilter, StringFilter } from './filter-property.js';
import { visibleOrg, type OrgScope } from './org-scope.js';
import type { SearchCatalog } from './search-catalog.js';
import { runSearch, type SearchQuery, type SearchResult } from './search-query.js';

export type IncidentState = 'ACTIVE' | 'MIGRATED' | 'PENDING' | 'RESOLVED';

/** The v2 API's IncidentResult. */
export interface IncidentItem {
  incidentKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  errorType: string;
  errorMessage: string;
  state: IncidentState;
  creationTime: string;
  jobKey: string | null;
  tenantId: string;
}

export interface IncidentFilter {
  incidentKey?: KeyFilter;
  processInstanceKey?: KeyFilter;
  processDefinitionId?: StringFilter;
  processDefinitionKey?: KeyFilter;
  elementId?: StringFilter;
  elementInstanceKey?: KeyFilter;
  errorType?: StringFilter;
  errorMessage?: StringFilter;
  state?: StringFilter<IncidentState>;
  creationTime?: DateTimeFilter;
  jobKey?: KeyFilter;
  tenantId?: StringFilter;
}

/** The v2 API's enums (IncidentStateEnum, IncidentErrorTypeEnum): valid filter values even where this engine never writes them. */
const INCIDENT_STATES: readonly IncidentState[] = ['ACTIVE', 'MIGRATED', 'PENDING', 'RESOLVED'];
const INCIDENT_ERROR_TYPES = [
  'AD_HOC_SUB_PROCESS_NO_RETRIES',
  'CALLED_DECISION_ERROR',
  'CALLED_ELEMENT_ERROR',
  'CONDITION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'EXECUTION_LISTENER_NO_RETRIES',
  'EXTRACT_VALUE_ERROR',
  'FORM_NOT_FOUND',
  'IO_MAPPING_ERROR',
  'JOB_NO_RETRIES',
  'MESSAGE_SIZE_EXCEEDED',
  'RESOURCE_NOT_FOUND',
  'TASK_LISTENER_NO_RETRIES',
  'UNHANDLED_ERROR_EVENT',
  'UNKNOWN',
  'UNSPECIFIED',
] as const;

const i = (column: string) => sql.ref(`i.${column}`);
const errorType = sql`(i.data->>'errorType')`;
const errorMessage = sql`(i.data->>'errorMessage')`;
const elementId = sql`(i.data->>'elementId')`;
const creationTime = sql`(i.data->>'createdAt')::int8`;

export const incidentCatalog: SearchCatalog = {
  entity: 'incidents',
  // Incidents stay in the engine's incidents table once resolved; their instance decides who sees them.
  from: sql`incidents AS i JOIN process_instance_view AS pi ON pi.key = i.process_instance_key`,
  keyColumn: i('key'),
  filters: {
    incidentKey: { column: i('key'), kind: { type: 'key' } },
    processInstanceKey: { column: i('process_instance_key'), kind: { type: 'key' } },
    processDefinitionId: { column: sql.ref('pi.bpmn_process_id'), kind: { type: 'string' } },
    processDefinitionKey: { column: sql.ref('pi.process_definition_key'), kind: { type: 'key' } },
    elementId: { column: elementId, kind: { type: 'string' } },
    elementInstanceKey: { column: i('element_instance_key'), kind: { type: 'key' } },
    errorType: { column: errorType, kind: { type: 'enum', values: INCIDENT_ERROR_TYPES } },
    errorMessage: { column: errorMessage, kind: { type: 'string' } },
    state: { column: i('state'), kind: { type: 'enum', values: INCIDENT_STATES } },
    creationTime: { column: creationTime, kind: { type: 'dateTime' } },
    jobKey: { column: i('job_key'), kind: { type: 'key' } },
    tenantId: { column: sql`${DEFAULT_TENANT}::text`, kind: { type: 'string' } },
  },
  sorts: {
    incidentKey: i('key'),
    processDefinitionKey: sql.ref('pi.process_definition_key'),
    processDefinitionId: sql.ref('pi.bpmn_process_id'),
    processInstanceKey: i('process_instance_key'),
    errorType,
    errorMessage,
    elementId,
    elementInstanceKey: i('element_instance_key'),
    creationTime,
    state: i('state'),
    jobKey: i('job_key'),
    tenantId: sql`${DEFAULT_TENANT}::text`,
  },
};

const INCIDENT_COLUMNS = sql`i.key, i.process_instance_key, i.element_instance_key, i.job_key, i.state, i.data,
  pi.bpmn_process_id, pi.process_definition_key`;

interface IncidentRow {
  key: number;
  process_instance_key: number;
  element_instance_key: number;
  job_key: number | null;
  state: IncidentState;
  data: { errorType: string; errorMessage: string; elementId: string; createdAt: number };
  bpmn_process_id: string;
  process_definition_key: number;
}

/** POST /v2/incidents/search, limited to incidents of instances the caller may see. */
export async function searchIncidents(
  db: Kysely<any>,
  query: SearchQuery<IncidentFilter>,
  scope: OrgScope,
): Promise<SearchResult<IncidentItem>> {
  const { rows, totalItems } = await runSearch<IncidentRow>(db, incidentCatalog, INCIDENT_COLUMNS, query, [
    visibleOrg(sql.ref('pi.org_id'), scope),
  ]);
  return { items: rows.map(incidentItem), page: { totalItems } };
}

/** GET /v2/incidents/{incidentKey}: undefined when there is none or the caller may not see its instance. */
export async function getIncident(db: Kysely<any>, incidentKey: string | number, scope: OrgScope): Promise<IncidentItem | undefined> {
  const key = parseKey('incidentKey', incidentKey);
  const result = await sql<IncidentRow>`SELECT ${INCIDENT_COLUMNS} FROM ${incidentCatalog.from}
    WHERE i.key = ${key}::int8 AND ${visibleOrg(sql.ref('pi.org_id'), scope)}`.execute(db);
  return result.rows[0] && incidentItem(result.rows[0]);
}

/** The open incidents of one instance, oldest first (for the instance detail). */
export async function openIncidentsOf(db: Kysely<any>, processInstanceKey: number): Promise<IncidentItem[]> {
  const result = await sql<IncidentRow>`SELECT ${INCIDENT_COLUMNS} FROM ${incidentCatalog.from}
    WHERE i.process_instance_key = ${processInstanceKey}::int8 AND i.state = 'ACTIVE' ORDER BY i.key`.execute(db);
  return result.rows.map(incidentItem);
}

function incidentItem(r: IncidentRow): IncidentItem {
  return {
    incidentKey: keyText(r.key),
    processInstanceKey: keyText(r.process_instance_key),
    processDefinitionId: r.bpmn_process_id,
    processDefinitionKey: keyText(r.process_definition_key),
    elementId: r.data.elementId,
    elementInstanceKey: keyText(r.element_instance_key),
    errorType: r.data.errorType,
    errorMessage: r.data.errorMessage,
    state: r.state,
    creationTime: isoDateTime(r.data.createdAt),
    jobKey: optionalKeyText(r.job_key),
    tenantId: DEFAULT_TENANT,
  };
}

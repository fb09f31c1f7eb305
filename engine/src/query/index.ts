/**
 * The read side: searches and lookups over the engine's read model, shaped like the Camunda 8
 * Orchestration Cluster REST API (v2) — the REST server calls these and knows nothing of SQL. Every
 * function takes the store's Kysely db and the caller's organisation scope.
 */
export { QueryError } from './query-error.js';
export type { OrgScope } from './org-scope.js';
export type { SearchQuery, SearchResult } from './search-query.js';
export type { SortOrder, SortRequest } from './search-sort.js';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type PageRequest } from './search-page.js';
export type { DateTimeFilter, IntegerFilter, KeyFilter, StringFilter, VariableValueFilter } from './filter-property.js';
export {
  searchProcessInstances,
  type ProcessInstanceItem,
  type ProcessInstanceFilter,
  type ProcessInstanceFilterFields,
  type ProcessInstanceState,
} from './process-instance-search.js';
export {
  getProcessInstance,
  type ProcessInstanceDetail,
  type ElementInstanceItem,
  type ElementInstanceState,
} from './process-instance-detail.js';
export { searchUserTasks, getUserTask, type UserTaskItem, type UserTaskFilter, type UserTaskState, type MineFilter } from './user-task-search.js';
export { searchIncidents, getIncident, type IncidentItem, type IncidentFilter, type IncidentState } from './incident-search.js';
export { searchVariables, getVariable, variableKey, type VariableItem, type VariableFilter } from './variable-search.js';
export {
  searchProcessDefinitions,
  getProcessDefinition,
  type ProcessDefinitionItem,
  type ProcessDefinitionFilter,
} from './process-definition-search.js';
export { getRecords, type RecordItem } from './record-history.js';
export { elementInstanceInScope, jobInScope } from './acting-scope.js';

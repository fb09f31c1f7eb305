import { sql, type Kysely } from 'kysely';
import { DEFAULT_TENANT, describe, isoDateTime, keyText, optionalIsoDateTime, parseKey } from './api-values.js';
import type { DateTimeFilter, KeyFilter, StringFilter, VariableValueFilter } from './filter-property.js';
import { visibleOrg, type OrgScope } from './org-scope.js';
import { processDefinitionNames } from './process-definition-names.js';
import { QueryError } from './query-error.js';
import type { SearchCatalog } from './search-catalog.js';
import { runSearch, type SearchQuery, type SearchResult } from './search-query.js';
import { variableValueCondition } from './variable-value-filter.js';

export type UserTaskState = 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED';

/** The v2 API's UserTaskResult, plus the case's organisation and business key. */
export interface UserTaskItem {
  userTaskKey: string;
  elementId: string;
  elementInstanceKey: string;
  name: string | null;
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  processName: string | null;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: string | null;
  followUpDate: string | null;
  formKey: string | null;
  creationDate: string;
  completionDate: string | null;
  customHeaders: Record<string, string>;
  tenantId: string;
  orgId: string | null;
  businessKey: string | null;
}

/** "My tasks": assigned to the user, or unassigned and offered to one of the user's groups or to the user. */
export interface MineFilter {
  userId: string;
  groups: string[];
}

export interface UserTaskFilter {
  userTaskKey?: KeyFilter;
  state?: StringFilter<UserTaskState>;
  assignee?: StringFilter;
  candidateGroup?: StringFilter;
  candidateUser?: StringFilter;
  processInstanceKey?: KeyFilter;
  processDefinitionId?: StringFilter;
  processDefinitionKey?: KeyFilter;
  elementId?: StringFilter;
  elementInstanceKey?: KeyFilter;
  name?: StringFilter;
  dueDate?: DateTimeFilter;
  followUpDate?: DateTimeFilter;
  creationDate?: DateTimeFilter;
  completionDate?: DateTimeFilter;
  tenantId?: StringFilter;
  orgId?: StringFilter;
  businessKey?: StringFilter;
  processInstanceVariables?: VariableValueFilter[];
  localVariables?: VariableValueFilter[];
  mine?: MineFilter;
}

/** The v2 API's UserTaskStateEnum: all valid filter values, though this engine writes only CREATED, COMPLETED and CANCELED. */
const USER_TASK_STATES: readonly UserTaskState[] = [
  'CREATING', 'CREATED', 'ASSIGNING', 'UPDATING', 'COMPLETING', 'COMPLETED', 'CANCELING', 'CANCELED', 'FAILED',
];

const ut = (column: string) => sql.ref(`ut.${column}`);

/** Date-time text as it came from the model: a DB pattern guard first, so one odd value cannot fail a search. */
const ISO_DATE_TIME_PREFIX = '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}';
const textInstant = (column: string) =>
  sql`(CASE WHEN ${ut(column)} ~ ${ISO_DATE_TIME_PREFIX} THEN (extract(epoch FROM (${ut(column)})::timestamptz) * 1000)::int8 END)`;

function mineCondition(path: string, value: unknown) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new QueryError(path, `must be an object { userId, groups }, but was ${describe(value)}`);
  }
  const { userId, groups = [], ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new QueryError(`${path}.${extra[0]}`, 'is not part of mine; give userId and groups');
  if (typeof userId !== 'string' || userId === '') throw new QueryError(`${path}.userId`, `must be the user's id, but was ${describe(userId)}`);
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) {
    throw new QueryError(`${path}.groups`, `must be an array of group ids, but was ${describe(groups)}`);
  }
  const offered =
    groups.length > 0
      ? sql`(ut.candidate_groups ?| ${groups}::text[] OR ut.candidate_users ? ${userId}::text)`
      : sql`ut.candidate_users ? ${userId}::text`;
  return sql`(ut.assignee = ${userId}::text OR (ut.assignee IS NULL AND ${offered}))`;
}

export const userTaskCatalog: SearchCatalog = {
  entity: 'user tasks',
  from: sql`user_task_view AS ut JOIN process_instance_view AS pi ON pi.key = ut.process_instance_key`,
  keyColumn: ut('key'),
  filters: {
    userTaskKey: { column: ut('key'), kind: { type: 'key' } },
    state: { column: ut('state'), kind: { type: 'enum', values: USER_TASK_STATES } },
    assignee: { column: ut('assignee'), kind: { type: 'string' } },
    candidateGroup: { column: ut('candidate_groups'), kind: { type: 'stringList' } },
    candidateUser: { column: ut('candidate_users'), kind: { type: 'stringList' } },
    processInstanceKey: { column: ut('process_instance_key'), kind: { type: 'key' } },
    processDefinitionId: { column: ut('bpmn_process_id'), kind: { type: 'string' } },
    processDefinitionKey: { column: ut('process_definition_key'), kind: { type: 'key' } },
    elementId: { column: ut('element_id'), kind: { type: 'string' } },
    elementInstanceKey: { column: ut('element_instance_key'), kind: { type: 'key' } },
    name: { column: ut('name'), kind: { type: 'string' } },
    dueDate: { column: textInstant('due_date'), kind: { type: 'dateTime' } },
    followUpDate: { column: textInstant('follow_up_date'), kind: { type: 'dateTime' } },
    creationDate: { column: ut('creation_date'), kind: { type: 'dateTime' } },
    completionDate: { column: ut('completion_date'), kind: { type: 'dateTime' } },
    tenantId: { column: sql`${DEFAULT_TENANT}::text`, kind: { type: 'string' } },
    orgId: { column: sql.ref('pi.org_id'), kind: { type: 'string' } },
    businessKey: { column: sql.ref('pi.business_key'), kind: { type: 'string' } },
    processInstanceVariables: { condition: (path, value) => variableValueCondition(path, value, ut('process_instance_key')) },
    localVariables: { condition: (path, value) => variableValueCondition(path, value, ut('element_instance_key')) },
    mine: { condition: mineCondition },
  },
  sorts: {
    creationDate: ut('creation_date'),
    completionDate: ut('completion_date'),
    followUpDate: textInstant('follow_up_date'),
    dueDate: textInstant('due_date'),
    name: ut('name'),
    userTaskKey: ut('key'),
    processInstanceKey: ut('process_instance_key'),
    elementId: ut('element_id'),
    assignee: ut('assignee'),
    state: ut('state'),
  },
  unsupportedFilters: {
    priority: 'the read model keeps no task priority',
    tags: 'this engine has no user task tags',
  },
  unsupportedSorts: {
    priority: 'the read model keeps no task priority',
  },
};

const USER_TASK_COLUMNS = sql`ut.key, ut.element_instance_key, ut.process_instance_key, ut.process_definition_key,
  ut.bpmn_process_id, ut.element_id, ut.name, ut.state, ut.assignee, ut.candidate_groups, ut.candidate_users,
  ut.due_date, ut.follow_up_date, ut.form_key, ut.creation_date, ut.completion_date, ut.custom_headers,
  pi.version, pi.org_id, pi.business_key`;

interface UserTaskRow {
  key: number;
  element_instance_key: number;
  process_instance_key: number;
  process_definition_key: number;
  bpmn_process_id: string;
  element_id: string;
  name: string | null;
  state: UserTaskState;
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  due_date: string | null;
  follow_up_date: string | null;
  form_key: string | null;
  creation_date: number;
  completion_date: number | null;
  custom_headers: Record<string, string>;
  version: number;
  org_id: string | null;
  business_key: string | null;
}

/** POST /v2/user-tasks/search, limited to tasks of cases the caller may see. */
export async function searchUserTasks(
  db: Kysely<any>,
  query: SearchQuery<UserTaskFilter>,
  scope: OrgScope,
): Promise<SearchResult<UserTaskItem>> {
  const { rows, totalItems } = await runSearch<UserTaskRow>(db, userTaskCatalog, USER_TASK_COLUMNS, query, [
    visibleOrg(sql.ref('pi.org_id'), scope),
  ]);
  return { items: await userTaskItems(db, rows), page: { totalItems } };
}

/** GET /v2/user-tasks/{userTaskKey}: undefined when there is none or the caller may not see its case. */
export async function getUserTask(db: Kysely<any>, userTaskKey: string | number, scope: OrgScope): Promise<UserTaskItem | undefined> {
  const key = parseKey('userTaskKey', userTaskKey);
  const result = await sql<UserTaskRow>`SELECT ${USER_TASK_COLUMNS} FROM ${userTaskCatalog.from}
    WHERE ut.key = ${key}::int8 AND ${visibleOrg(sql.ref('pi.org_id'), scope)}`.execute(db);
  return (await userTaskItems(db, result.rows))[0];
}

async function userTaskItems(db: Kysely<any>, rows: UserTaskRow[]): Promise<UserTaskItem[]> {
  const names = await processDefinitionNames(db, rows.map((r) => r.process_definition_key));
  return rows.map((r) => ({
    userTaskKey: keyText(r.key),
    elementId: r.element_id,
    elementInstanceKey: keyText(r.element_instance_key),
    name: r.name,
    processInstanceKey: keyText(r.process_instance_key),
    processDefinitionId: r.bpmn_process_id,
    processDefinitionKey: keyText(r.process_definition_key),
    processDefinitionVersion: r.version,
    processName: names.get(r.process_definition_key) ?? null,
    state: r.state,
    assignee: r.assignee,
    candidateGroups: r.candidate_groups,
    candidateUsers: r.candidate_users,
    dueDate: r.due_date,
    followUpDate: r.follow_up_date,
    formKey: r.form_key,
    creationDate: isoDateTime(r.creation_date),
    completionDate: optionalIsoDateTime(r.completion_date),
    customHeaders: r.custom_headers,
    tenantId: DEFAULT_TENANT,
    orgId: r.org_id,
    businessKey: r.business_key,
  }));
}

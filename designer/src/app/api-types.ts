/** The server's response shapes the designer reads (Camunda v2 names; keys are strings). */
import type { Permission, Role } from './permissions.js';

export interface SessionUser {
  id: string;
  username: string;
  roles: Role[];
  orgId: string | null;
  groups: string[];
  permissions: Permission[];
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface Page<T> {
  items: T[];
  page: { totalItems: number };
}

export interface SearchRequest {
  filter?: Record<string, unknown>;
  sort?: Array<{ field: string; order?: 'ASC' | 'DESC' }>;
  page?: { from?: number; limit?: number };
}

export type UserTaskState = 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED';

export interface UserTask {
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
  orgId: string | null;
  businessKey: string | null;
}

export interface TaskForm {
  id: string;
  version: number;
  title: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

export interface UserTaskDetail extends UserTask {
  form: TaskForm | null;
  variables: Record<string, unknown>;
}

export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionName: string | null;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  startDate: string;
  endDate: string | null;
  state: ProcessInstanceState;
  hasIncident: boolean;
  parentProcessInstanceKey: string | null;
  orgId: string | null;
  businessKey: string | null;
}

export interface Incident {
  incidentKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  elementId: string;
  elementInstanceKey: string;
  errorType: string;
  errorMessage: string;
  state: string;
  creationTime: string;
  jobKey: string | null;
}

export interface ElementInstance {
  key: string;
  elementId: string;
  elementType: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate: string;
  endDate: string | null;
  flowScopeKey: string | null;
}

export interface ProcessInstanceDetail extends ProcessInstance {
  variables: Record<string, unknown>;
  activeElementIds: string[];
  completedElementIds: string[];
  incidents: Incident[];
  elementInstances: ElementInstance[];
  takenSequenceFlowIds: string[];
}

export interface ProcessDefinition {
  processDefinitionKey: string;
  processDefinitionId: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  resourceName: string;
}

export interface AuditRecord {
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  actor: { kind: 'user' | 'apiKey' | 'system'; id: string; name: string };
  action: string;
  processInstanceKey?: string;
  userTaskKey?: string;
  target?: string;
  details: Record<string, unknown>;
  hash: string;
}

export interface FormSummary {
  id: string;
  version: number;
  formKey: string;
  title: string;
}

import type { Batch } from '../../batch.js';
import type { ElementInstanceRow, JobData, JobRow, UserTaskJobData } from '../../state/rows.js';
import type { ExecutionListener, FlowNode, ValueExpression } from '../../../../model/executable-process.js';
import { describe, stringOf, valueOf } from './expression-values.js';

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

export function jobValue(job: JobRow): Record<string, unknown> {
  return {
    type: job.type,
    worker: job.worker ?? '',
    retries: job.retries,
    deadline: job.deadline ?? -1,
    retryBackoff: 0,
    recurringTime: job.recurAt ?? -1,
    errorMessage: job.data.errorMessage ?? '',
    customHeaders: job.data.customHeaders,
    elementId: job.data.elementId,
    elementInstanceKey: job.elementInstanceKey,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.data.bpmnProcessId,
    processDefinitionKey: job.data.processDefinitionKey,
    processDefinitionVersion: job.data.processDefinitionVersion,
    kind: job.data.kind ?? 'BPMN_ELEMENT',
    listenerEventType: job.data.listenerEventType ?? 'UNSPECIFIED',
    ...(job.data.userTask ? { userTask: job.data.userTask } : {}),
  };
}

async function listOf(b: Batch, scopeKey: number, expression: ValueExpression | undefined, what: string): Promise<string[]> {
  if (!expression) return [];
  const value = await valueOf(b, scopeKey, expression);
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new Error(`Expected ${what} to be a list of strings or a comma-separated string, but was ${describe(value)}`);
}

async function optionalString(b: Batch, scopeKey: number, expression: ValueExpression | undefined, what: string): Promise<string | undefined> {
  if (!expression) return undefined;
  const value = await valueOf(b, scopeKey, expression);
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  throw new Error(`Expected ${what} to be a string, but was ${describe(value)}`);
}

/** Evaluates the user task's assignment and schedule (zeebe:assignmentDefinition, zeebe:taskSchedule). */
async function userTaskData(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<UserTaskJobData | undefined> {
  const def = element.userTask;
  if (!def) return undefined;
  const dueDate = await optionalString(b, ei.key, def.dueDate, `the due date of '${element.id}'`);
  const followUpDate = await optionalString(b, ei.key, def.followUpDate, `the follow-up date of '${element.id}'`);
  for (const [what, value] of [['due date', dueDate], ['follow-up date', followUpDate]] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      throw new Error(`Expected the ${what} of '${element.id}' to be an ISO 8601 date-time, but was '${value}'`);
    }
  }
  const priorityValue = def.priority ? await valueOf(b, ei.key, def.priority) : undefined;
  return {
    name: element.name,
    formKey: def.formKey ?? (def.formId ? `gongzhi:form:${def.formId}` : undefined),
    assignee: await optionalString(b, ei.key, def.assignee, `the assignee of '${element.id}'`),
    candidateGroups: await listOf(b, ei.key, def.candidateGroups, `the candidate groups of '${element.id}'`),
    candidateUsers: await listOf(b, ei.key, def.candidateUsers, `the candidate users of '${element.id}'`),
    dueDate,
    followUpDate,
    priority: priorityValue === undefined ? undefined : Number(priorityValue),
  };
}

/** Creates the job of a job-worker element (throws on an expression that fails: the caller raises the incident). */
export async function createJob(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<JobRow> {
  const def = element.job!;
  const type = await stringOf(b, ei.key, def.type, `the job type of '${element.id}'`);
  const retries = await retriesOf(b, ei.key, def.retries, `the job retries of '${element.id}'`);
  const userTask = type === USER_TASK_JOB_TYPE ? await userTaskData(b, ei, element) : undefined;
  const customHeaders = { ...def.customHeaders };
  if (userTask) {
    // As Zeebe passes them to a job-based user task's worker.
    if (userTask.formKey) customHeaders['io.camunda.zeebe:formKey'] = userTask.formKey;
    if (userTask.assignee) customHeaders['io.camunda.zeebe:assignee'] = userTask.assignee;
    if (userTask.candidateGroups.length) customHeaders['io.camunda.zeebe:candidateGroups'] = JSON.stringify(userTask.candidateGroups);
    if (userTask.candidateUsers.length) customHeaders['io.camunda.zeebe:candidateUsers'] = JSON.stringify(userTask.candidateUsers);
    if (userTask.dueDate) customHeaders['io.camunda.zeebe:dueDate'] = userTask.dueDate;
    if (userTask.followUpDate) customHeaders['io.camunda.zeebe:followUpDate'] = userTask.followUpDate;
  }
  const job = insertJob(b, ei, element, type, retries, { customHeaders, userTask });
  ei.data.jobKey = job.key;
  b.state.elementInstances.update(ei);
  return job;
}

/**
 * Creates the job of one execution listener (kind EXECUTION_LISTENER). Its type and retries are
 * evaluated in the element's scope; throws on an expression that fails (the caller raises the incident).
 */
export async function createListenerJob(b: Batch, ei: ElementInstanceRow, element: FlowNode, listener: ExecutionListener, position: number): Promise<JobRow> {
  const what = `execution listener ${position} (${listener.eventType}) of '${element.id}'`;
  const type = await stringOf(b, ei.key, listener.type, `the job type of ${what}`);
  const retries = await retriesOf(b, ei.key, listener.retries, `the job retries of ${what}`);
  return insertJob(b, ei, element, type, retries, {
    customHeaders: { ...listener.customHeaders },
    kind: 'EXECUTION_LISTENER',
    listenerEventType: listener.eventType === 'start' ? 'START' : 'END',
  });
}

async function retriesOf(b: Batch, scopeKey: number, expression: ValueExpression, what: string): Promise<number> {
  const value = await valueOf(b, scopeKey, expression);
  const retries = Number(value);
  if (!Number.isInteger(retries)) throw new Error(`Expected ${what} to be a number, but was '${String(value)}'`);
  return retries;
}

type JobExtras = Pick<JobData, 'customHeaders' | 'userTask' | 'kind' | 'listenerEventType'>;

function insertJob(b: Batch, ei: ElementInstanceRow, element: FlowNode, type: string, retries: number, extras: JobExtras): JobRow {
  const job: JobRow = {
    key: b.keys.next(),
    type,
    state: 'ACTIVATABLE',
    elementInstanceKey: ei.key,
    processInstanceKey: ei.processInstanceKey,
    retries,
    deadline: null,
    recurAt: null,
    worker: null,
    data: {
      ...(extras.kind ? { kind: extras.kind, listenerEventType: extras.listenerEventType } : {}),
      bpmnProcessId: ei.data.bpmnProcessId,
      processDefinitionKey: ei.data.processDefinitionKey,
      processDefinitionVersion: ei.data.version,
      elementId: element.id,
      customHeaders: extras.customHeaders,
      createdAt: b.now(),
      userTask: extras.userTask,
    },
  };
  b.state.jobs.insert(job);
  b.activatableJobTypes.add(type);
  b.records.append('JOB', 'CREATED', job.key, job.processInstanceKey, jobValue(job));
  return job;
}

/** Cancels the job of an element's execution listener that is still waiting for its worker. */
export async function cancelListenerJob(b: Batch, ei: ElementInstanceRow): Promise<void> {
  const listener = ei.data.listener;
  if (!listener) return;
  ei.data.listener = undefined;
  b.state.elementInstances.update(ei);
  const job = await b.state.jobs.get(String(listener.jobKey));
  if (!job) return;
  b.state.jobs.delete(String(job.key));
  b.records.append('JOB', 'CANCELED', job.key, job.processInstanceKey, jobValue(job));
}

export async function cancelJob(b: Batch, ei: ElementInstanceRow): Promise<void> {
  if (ei.data.jobKey === undefined) return;
  const job = await b.state.jobs.get(String(ei.data.jobKey));
  if (!job) return;
  b.state.jobs.delete(String(job.key));
  b.records.append('JOB', 'CANCELED', job.key, job.processInstanceKey, jobValue(job));
}

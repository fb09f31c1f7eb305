import type { Batch } from '../batch.js';
import type { JobKind, JobListenerEventType, JobRow } from '../state/rows.js';
import { jobValue } from '../bpmn/behaviours/job-behaviour.js';
import { listenerJobCompleted } from '../bpmn/behaviours/execution-listener-behaviour.js';
import { raiseIncident } from '../bpmn/behaviours/incident-behaviour.js';
import { throwEvent } from '../bpmn/behaviours/event-trigger-behaviour.js';
import { completeElement } from '../bpmn/element-lifecycle.js';
import { setLocalVariables, visibleVariables } from '../bpmn/behaviours/variable-behaviour.js';
import { invalidArgument, invalidState, notFound } from '../../engine-rejection.js';

export interface ActivateJobs {
  type: string;
  worker: string;
  /** Milliseconds the job stays locked to this worker. */
  timeout: number;
  maxJobsToActivate: number;
  fetchVariables?: string[];
}

export interface ActivatedJob {
  key: number;
  type: string;
  processInstanceKey: number;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: number;
  elementId: string;
  elementInstanceKey: number;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  deadline: number;
  variables: Record<string, unknown>;
  userTask?: JobRow['data']['userTask'];
  /** BPMN_ELEMENT, or EXECUTION_LISTENER for a listener's job (Zeebe's JobKind). */
  kind: JobKind;
  /** START or END for execution listener jobs, else UNSPECIFIED. */
  listenerEventType: JobListenerEventType;
}

export async function activateJobs(b: Batch, request: ActivateJobs): Promise<ActivatedJob[]> {
  const { type } = request;
  const candidates = await b.state.jobs.query(
    "type = $1 AND state = 'ACTIVATABLE'",
    [type, request.maxJobsToActivate],
    (r) => r.type === type && r.state === 'ACTIVATABLE',
    // The engine runs one batch at a time, so the lock only matters to another process on the same database.
    'ORDER BY key LIMIT $2 FOR UPDATE SKIP LOCKED',
  );
  candidates.sort((x, y) => x.key - y.key);
  const now = b.now();
  const activated: ActivatedJob[] = [];
  for (const job of candidates.slice(0, request.maxJobsToActivate)) {
    job.state = 'ACTIVATED';
    job.worker = request.worker;
    job.deadline = now + request.timeout;
    b.state.jobs.update(job);
    b.records.append('JOB', 'ACTIVATED', job.key, job.processInstanceKey, jobValue(job));
    let variables = await visibleVariables(b, job.elementInstanceKey);
    if (request.fetchVariables && request.fetchVariables.length > 0) {
      variables = Object.fromEntries(request.fetchVariables.filter((n) => n in variables).map((n) => [n, variables[n]]));
    }
    activated.push({
      key: job.key,
      type: job.type,
      processInstanceKey: job.processInstanceKey,
      bpmnProcessId: job.data.bpmnProcessId,
      processDefinitionVersion: job.data.processDefinitionVersion,
      processDefinitionKey: job.data.processDefinitionKey,
      elementId: job.data.elementId,
      elementInstanceKey: job.elementInstanceKey,
      customHeaders: job.data.customHeaders,
      worker: request.worker,
      retries: job.retries,
      deadline: job.deadline,
      variables,
      userTask: job.data.userTask,
      kind: job.data.kind ?? 'BPMN_ELEMENT',
      listenerEventType: job.data.listenerEventType ?? 'UNSPECIFIED',
    });
  }
  return activated;
}

async function existingJob(b: Batch, jobKey: number, action: string): Promise<JobRow> {
  const job = await b.state.jobs.get(String(jobKey));
  if (!job) throw notFound(`Expected to ${action} job with key '${jobKey}', but no such job was found`);
  return job;
}

export async function completeJob(b: Batch, jobKey: number, variables: Record<string, unknown>): Promise<void> {
  const job = await existingJob(b, jobKey, 'complete');
  if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
    throw invalidState(`Expected to complete job with key '${jobKey}', but it is in state '${job.state}'`);
  }
  b.state.jobs.delete(String(job.key));
  b.records.append('JOB', 'COMPLETED', job.key, job.processInstanceKey, { ...jobValue(job), variables });
  if (job.data.kind === 'EXECUTION_LISTENER') return listenerJobCompleted(b, job, variables);
  const ei = await b.state.elementInstances.get(String(job.elementInstanceKey));
  if (!ei || ei.state !== 'ACTIVATED') return;
  ei.data.jobKey = undefined;
  ei.data.triggerVariables = variables;
  await completeElement(b, ei);
}

export interface FailJob {
  retries: number;
  errorMessage?: string;
  /** Milliseconds before the job may be activated again. */
  retryBackOff?: number;
  variables?: Record<string, unknown>;
}

export async function failJob(b: Batch, jobKey: number, f: FailJob): Promise<void> {
  const job = await existingJob(b, jobKey, 'fail');
  if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
    throw invalidState(`Expected to fail job with key '${jobKey}', but it is in state '${job.state}'`);
  }
  if (!Number.isInteger(f.retries) || f.retries < 0) throw invalidArgument(`retries must be a whole number ≥ 0, but was ${f.retries}`);
  const ei = await b.state.elementInstances.get(String(job.elementInstanceKey));
  if (ei && f.variables && Object.keys(f.variables).length > 0) await setLocalVariables(b, ei, f.variables);
  job.retries = f.retries;
  job.data.errorMessage = f.errorMessage ?? '';
  job.worker = null;
  job.deadline = null;
  const backOff = f.retryBackOff ?? 0;
  if (f.retries > 0 && backOff > 0) {
    job.state = 'FAILED';
    job.recurAt = b.now() + backOff;
  } else if (f.retries > 0) {
    job.state = 'ACTIVATABLE';
    job.recurAt = null;
    b.activatableJobTypes.add(job.type);
  } else {
    job.state = 'FAILED';
    job.recurAt = null;
  }
  b.state.jobs.update(job);
  b.records.append('JOB', 'FAILED', job.key, job.processInstanceKey, jobValue(job));
  if (f.retries === 0 && ei) {
    const errorType = job.data.kind === 'EXECUTION_LISTENER' ? 'EXECUTION_LISTENER_NO_RETRIES' : 'JOB_NO_RETRIES';
    await raiseIncident(b, ei, errorType, f.errorMessage || 'No more retries left.', 'job', job);
  }
}

export async function throwJobError(
  b: Batch,
  jobKey: number,
  errorCode: string,
  errorMessage: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const job = await existingJob(b, jobKey, 'throw an error for');
  if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
    throw invalidState(`Expected to throw an error for job with key '${jobKey}', but it is in state '${job.state}'`);
  }
  if (job.data.kind === 'EXECUTION_LISTENER') {
    // Zeebe rejects it: the element is not active while its listeners run, so nothing could catch the error.
    throw invalidState(
      `Cannot throw BPMN error from EXECUTION_LISTENER job with key '${jobKey}', type '${job.type}' and processInstanceKey '${job.processInstanceKey}'`,
    );
  }
  if (!errorCode) throw invalidArgument('errorCode must not be empty');
  const ei = await b.state.elementInstances.get(String(job.elementInstanceKey));
  job.data.errorMessage = errorMessage;
  b.records.append('JOB', 'ERROR_THROWN', job.key, job.processInstanceKey, { ...jobValue(job), errorCode, variables });
  if (!ei) {
    b.state.jobs.delete(String(job.key));
    return;
  }
  // The job is done either way; the catch (if any) terminates the task without cancelling it again.
  b.state.jobs.delete(String(job.key));
  ei.data.jobKey = undefined;
  b.state.elementInstances.update(ei);
  const caught = await throwEvent(b, ei, 'error', errorCode, variables, errorMessage);
  if (!caught) {
    job.state = 'ERROR_THROWN';
    job.worker = null;
    job.deadline = null;
    b.state.jobs.insert(job);
    ei.data.jobKey = job.key;
    b.state.elementInstances.update(ei);
    await raiseIncident(
      b,
      ei,
      'UNHANDLED_ERROR_EVENT',
      `Expected to throw an error event with the code '${errorCode}'${errorMessage ? ` with message '${errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`,
      'job',
      job,
    );
  }
}

export async function updateJobRetries(b: Batch, jobKey: number, retries: number): Promise<void> {
  const job = await existingJob(b, jobKey, 'update retries of');
  if (!Number.isInteger(retries) || retries < 1) throw invalidArgument(`retries must be a whole number ≥ 1, but was ${retries}`);
  job.retries = retries;
  b.state.jobs.update(job);
  b.records.append('JOB', 'RETRIES_UPDATED', job.key, job.processInstanceKey, jobValue(job));
}

export async function updateJobTimeout(b: Batch, jobKey: number, timeout: number): Promise<void> {
  const job = await existingJob(b, jobKey, 'update the timeout of');
  if (job.state !== 'ACTIVATED') throw invalidState(`Expected to update the timeout of job with key '${jobKey}', but it is not activated`);
  if (!Number.isFinite(timeout) || timeout < 0) throw invalidArgument(`timeout must be ≥ 0 milliseconds, but was ${timeout}`);
  job.deadline = b.now() + timeout;
  b.state.jobs.update(job);
  b.records.append('JOB', 'TIMEOUT_UPDATED', job.key, job.processInstanceKey, jobValue(job));
}

/** Jobs whose worker let the lock run out become activatable again; failed jobs come back after their back-off. */
export async function releaseDueJobs(b: Batch): Promise<void> {
  const now = b.now();
  const timedOut = await b.state.jobs.query(
    "state = 'ACTIVATED' AND deadline <= $1",
    [now],
    (r) => r.state === 'ACTIVATED' && r.deadline !== null && r.deadline <= now,
    'ORDER BY key LIMIT 1000',
  );
  for (const job of timedOut) {
    job.state = 'ACTIVATABLE';
    job.worker = null;
    job.deadline = null;
    b.state.jobs.update(job);
    b.activatableJobTypes.add(job.type);
    b.records.append('JOB', 'TIMED_OUT', job.key, job.processInstanceKey, jobValue(job));
  }
  const recurring = await b.state.jobs.query(
    "state = 'FAILED' AND recur_at <= $1",
    [now],
    (r) => r.state === 'FAILED' && r.recurAt !== null && r.recurAt <= now,
    'ORDER BY key LIMIT 1000',
  );
  for (const job of recurring) {
    job.state = 'ACTIVATABLE';
    job.recurAt = null;
    b.state.jobs.update(job);
    b.activatableJobTypes.add(job.type);
    b.records.append('JOB', 'RECURRED_AFTER_BACKOFF', job.key, job.processInstanceKey, jobValue(job));
  }
}

/** Assigns a user task (a job of type io.camunda.zeebe:userTask) to a user, or unassigns it (null). */
export async function assignUserTask(b: Batch, jobKey: number, assignee: string | null): Promise<void> {
  const job = await existingJob(b, jobKey, 'assign');
  if (!job.data.userTask) throw invalidArgument(`Job '${jobKey}' is not a user task`);
  job.data.userTask = { ...job.data.userTask, assignee: assignee ?? undefined };
  if (assignee) job.data.customHeaders = { ...job.data.customHeaders, 'io.camunda.zeebe:assignee': assignee };
  else {
    const { ['io.camunda.zeebe:assignee']: _removed, ...rest } = job.data.customHeaders;
    job.data.customHeaders = rest;
  }
  b.state.jobs.update(job);
  b.records.append('USER_TASK', assignee ? 'ASSIGNED' : 'UNASSIGNED', job.key, job.processInstanceKey, {
    userTaskKey: job.key,
    assignee: assignee ?? '',
    elementId: job.data.elementId,
    processInstanceKey: job.processInstanceKey,
  });
}

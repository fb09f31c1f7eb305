import type { Batch } from '../batch.js';
import { markIncidentResolved } from '../bpmn/behaviours/incident-behaviour.js';
import { continueCompletion } from '../bpmn/element-lifecycle.js';
import { invalidState, notFound } from '../../engine-rejection.js';

/** Resolves an incident and re-runs the step that failed (activation, completion, or the job). */
export async function resolveIncident(b: Batch, incidentKey: number): Promise<void> {
  const incident = await b.state.incidents.get(String(incidentKey));
  if (!incident || incident.state !== 'ACTIVE') {
    throw notFound(`Expected to resolve incident with key '${incidentKey}', but no such incident was found`);
  }
  const job = incident.jobKey !== null ? await b.state.jobs.get(String(incident.jobKey)) : undefined;
  const noRetries = incident.data.errorType === 'JOB_NO_RETRIES' || incident.data.errorType === 'EXECUTION_LISTENER_NO_RETRIES';
  if (job && noRetries && job.retries <= 0) {
    throw invalidState(
      `Expected to resolve incident with key '${incidentKey}', but job with key '${job.key}' has no retries left; update the job's retries first`,
    );
  }
  markIncidentResolved(b, incident);
  const ei = await b.state.elementInstances.get(String(incident.elementInstanceKey));
  if (!ei) return;
  ei.data.hasIncident = false;
  b.state.elementInstances.update(ei);
  switch (incident.data.retry) {
    case 'job':
      if (job) {
        job.state = 'ACTIVATABLE';
        job.recurAt = null;
        b.state.jobs.update(job);
        b.activatableJobTypes.add(job.type);
      }
      break;
    case 'activate':
      ei.state = 'ACTIVATING';
      b.state.elementInstances.update(ei);
      b.steps.push({ kind: 'activate', key: ei.key });
      break;
    case 'complete':
      await continueCompletion(b, ei);
      break;
    case 'none':
      break;
  }
}

import type { Batch } from '../../batch.js';
import type { ElementInstanceRow, IncidentErrorType, IncidentRow, JobRow } from '../../state/rows.js';

function incidentValue(incident: IncidentRow): Record<string, unknown> {
  return {
    errorType: incident.data.errorType,
    errorMessage: incident.data.errorMessage,
    bpmnProcessId: incident.data.bpmnProcessId,
    processDefinitionKey: incident.data.processDefinitionKey,
    processInstanceKey: incident.processInstanceKey,
    elementId: incident.data.elementId,
    elementInstanceKey: incident.elementInstanceKey,
    jobKey: incident.jobKey ?? -1,
    variableScopeKey: incident.elementInstanceKey,
  };
}

/** Opens an incident on an element instance; the instance waits there until it is resolved. */
export async function raiseIncident(
  b: Batch,
  ei: ElementInstanceRow,
  errorType: IncidentErrorType,
  message: string,
  retry: IncidentRow['data']['retry'],
  job?: JobRow,
): Promise<IncidentRow> {
  const incident: IncidentRow = {
    key: b.keys.next(),
    processInstanceKey: ei.processInstanceKey,
    elementInstanceKey: ei.key,
    jobKey: job?.key ?? null,
    state: 'ACTIVE',
    data: {
      errorType,
      errorMessage: message,
      elementId: ei.elementId,
      bpmnProcessId: ei.data.bpmnProcessId,
      processDefinitionKey: ei.data.processDefinitionKey,
      createdAt: b.now(),
      retry,
    },
  };
  b.state.incidents.insert(incident);
  ei.data.hasIncident = true;
  b.state.elementInstances.update(ei);
  b.records.append('INCIDENT', 'CREATED', incident.key, incident.processInstanceKey, incidentValue(incident));
  return incident;
}

export function markIncidentResolved(b: Batch, incident: IncidentRow): void {
  incident.state = 'RESOLVED';
  b.state.incidents.update(incident);
  b.records.append('INCIDENT', 'RESOLVED', incident.key, incident.processInstanceKey, incidentValue(incident));
}

/** Resolves the open incidents of an element instance that goes away (terminated). */
export async function resolveIncidentsOf(b: Batch, ei: ElementInstanceRow): Promise<void> {
  if (!ei.data.hasIncident) return;
  const open = await b.state.incidents.query(
    'element_instance_key = $1 AND state = $2',
    [ei.key, 'ACTIVE'],
    (row) => row.elementInstanceKey === ei.key && row.state === 'ACTIVE',
  );
  for (const incident of open) markIncidentResolved(b, incident);
  ei.data.hasIncident = false;
}

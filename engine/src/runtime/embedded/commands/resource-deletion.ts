import { CompiledQuery } from 'kysely';
import type { Batch } from '../batch.js';
import type { DeployedDecisionRequirements, DeployedForm, DeployedProcess } from '../definitions.js';
import { invalidState, notFound } from '../../engine-rejection.js';
import { replaceStartTimers } from './deployment.js';

/**
 * Deletes a deployed process definition, decision requirements graph (with its decisions) or form, as Zeebe 8.6's
 * DeleteResource: nothing new can use it, the version before it becomes the latest again (with its start events),
 * and its version number is never given out again. A process with running instances is not deleted (8.6 refuses,
 * INVALID_STATE). The rows stay, marked deleted, so that versions and the history of finished instances survive a
 * restart. Run it in a batch of its own: the definitions in memory change only once it commits.
 */
export async function deleteResource(b: Batch, resourceKey: number): Promise<void> {
  const process = b.definitions.process(resourceKey);
  const drg = process ? undefined : b.definitions.allDecisionRequirements().find((d) => d.key === resourceKey);
  const form = process || drg ? undefined : b.definitions.form(resourceKey);
  if ((!process || process.deleted) && !drg && !form) {
    throw notFound(`Expected to delete resource but no resource found with key \`${resourceKey}\``);
  }
  // Refused before anything is written: a rejection must leave the batch untouched.
  if (process && (await hasRunningInstances(b, process.key))) {
    throw invalidState(`Expected to delete resource with key \`${resourceKey}\` but there are still running instances`);
  }
  const deletionKey = b.keys.next();
  const value = { resourceKey, tenantId: '<default>' };
  b.records.append('RESOURCE_DELETION', 'DELETING', deletionKey, null, value);
  if (process) await deleteProcess(b, process);
  else if (drg) await deleteDecisionRequirements(b, drg);
  else if (form) await deleteForm(b, form);
  b.records.append('RESOURCE_DELETION', 'DELETED', deletionKey, null, value);
}

async function hasRunningInstances(b: Batch, processDefinitionKey: number): Promise<boolean> {
  // A process instance's root element instance has the instance's key; it leaves the table when the instance ends.
  const result = await b.state.db.executeQuery(
    CompiledQuery.raw(
      `SELECT 1 FROM element_instances WHERE key = process_instance_key AND (data->>'processDefinitionKey')::int8 = $1 LIMIT 1`,
      [processDefinitionKey],
    ),
  );
  return result.rows.length > 0;
}

async function deleteProcess(b: Batch, process: DeployedProcess): Promise<void> {
  const value = {
    bpmnProcessId: process.bpmnProcessId,
    version: process.version,
    versionTag: process.versionTag ?? '',
    processDefinitionKey: process.key,
    resourceName: process.resourceName,
    deploymentKey: process.deploymentKey,
  };
  b.records.append('PROCESS', 'DELETING', process.key, null, value);
  if (b.definitions.latestProcess(process.bpmnProcessId)?.key === process.key) {
    // Its timer start events close and the previous version's open again; message and signal start events
    // follow the latest version in memory, which falls back once this commits.
    await replaceStartTimers(b, process, b.definitions.processVersionBefore(process.bpmnProcessId, process.version));
  }
  await exec(b, 'UPDATE process_definitions SET deleted_at = $2 WHERE key = $1', [process.key, b.now()]);
  b.records.append('PROCESS', 'DELETED', process.key, null, value);
  b.afterCommit.push(() => b.definitions.deleteProcess(process.key));
}

async function deleteDecisionRequirements(b: Batch, drg: DeployedDecisionRequirements): Promise<void> {
  const now = b.now();
  for (const decision of drg.decisions) {
    b.records.append('DECISION', 'DELETED', decision.key, null, {
      decisionId: decision.decisionId,
      decisionName: decision.name ?? decision.decisionId,
      version: decision.version,
      decisionKey: decision.key,
      decisionRequirementsId: drg.drgId,
      decisionRequirementsKey: drg.key,
      deploymentKey: drg.deploymentKey,
    });
  }
  await exec(b, 'UPDATE decisions SET deleted_at = $2 WHERE decision_requirements_key = $1', [drg.key, now]);
  await exec(b, 'UPDATE decision_requirements SET deleted_at = $2 WHERE key = $1', [drg.key, now]);
  b.records.append('DECISION_REQUIREMENTS', 'DELETED', drg.key, null, {
    decisionRequirementsId: drg.drgId,
    decisionRequirementsName: drg.drg.name ?? drg.drgId,
    version: drg.version,
    decisionRequirementsKey: drg.key,
    resourceName: drg.resourceName,
    checksum: drg.checksum,
  });
  b.afterCommit.push(() => b.definitions.deleteDecisionRequirements(drg.key));
}

async function deleteForm(b: Batch, form: DeployedForm): Promise<void> {
  await exec(b, 'UPDATE forms SET deleted_at = $2 WHERE key = $1', [form.key, b.now()]);
  b.records.append('FORM', 'DELETED', form.key, null, {
    formId: form.formId,
    formKey: form.key,
    version: form.version,
    resourceName: form.resourceName,
    checksum: form.checksum,
    deploymentKey: form.deploymentKey,
  });
  b.afterCommit.push(() => b.definitions.deleteForm(form.key));
}

async function exec(b: Batch, sql: string, params: unknown[]): Promise<void> {
  await b.state.db.executeQuery(CompiledQuery.raw(sql, params));
}

import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Batch } from '../batch.js';
import type { DeployedDecisionRequirements, DeployedForm, DeployedProcess } from '../definitions.js';
import type { ExecutableProcess } from '../../../model/executable-process.js';
import type { DeploymentProblem } from '../../../deployment/deployment-problem.js';
import { compileBpmn } from '../../../deployment/bpmn-compiler.js';
import { decodeXmlResource } from '../../../deployment/xml-resource-decoding.js';
import { compileDmn, type CompiledDecisionRequirements } from '../../../decision/index.js';
import { firstDue } from '../../../timer/index.js';
import { timerValue } from '../bpmn/behaviours/event-subscription-behaviour.js';
import { invalidArgument } from '../../engine-rejection.js';
import type { TimerRow } from '../state/rows.js';

export interface DeployResource {
  name: string;
  content: string | Uint8Array;
}

export interface DeploymentResult {
  deploymentKey: number;
  processes: Array<{ bpmnProcessId: string; version: number; processDefinitionKey: number; resourceName: string; versionTag?: string }>;
  decisions: Array<{ decisionId: string; name?: string; version: number; decisionKey: number; decisionRequirementsId: string; decisionRequirementsKey: number }>;
  decisionRequirements: Array<{ decisionRequirementsId: string; version: number; decisionRequirementsKey: number; resourceName: string }>;
  forms: Array<{ formId: string; version: number; formKey: number; resourceName: string }>;
}

/** A resource compiled before the batch (compiling is slow and needs no state). */
export type CompiledResource =
  | { kind: 'bpmn'; name: string; text: string; checksum: string; processes: ExecutableProcess[] }
  | { kind: 'dmn'; name: string; text: string; checksum: string; drg: CompiledDecisionRequirements }
  | { kind: 'form'; name: string; checksum: string; formId: string; content: Record<string, unknown> };

/** The resource as text, honouring the XML declaration's encoding, to store and recompile later. */
function xmlText(content: string | Uint8Array): string {
  if (typeof content === 'string') return content;
  const decoded = decodeXmlResource(content);
  return decoded.ok ? decoded.text : Buffer.from(content).toString('utf8');
}

function checksumOf(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Compiles every resource; any problem rejects the whole deployment with all problems listed. */
export async function compileResources(resources: DeployResource[]): Promise<CompiledResource[]> {
  if (resources.length === 0) throw invalidArgument('Expected to deploy at least one resource, but none given');
  const problems: DeploymentProblem[] = [];
  const compiled: CompiledResource[] = [];
  const names = new Set<string>();
  for (const resource of resources) {
    if (names.has(resource.name)) problems.push({ resourceName: resource.name, message: 'The resource name is given twice in one deployment' });
    names.add(resource.name);
    const checksum = checksumOf(resource.content);
    const lower = resource.name.toLowerCase();
    if (lower.endsWith('.bpmn') || lower.endsWith('.bpmn20.xml')) {
      const result = await compileBpmn(resource.name, resource.content);
      problems.push(...result.problems);
      const stored = xmlText(resource.content);
      if (result.problems.length === 0) compiled.push({ kind: 'bpmn', name: resource.name, text: stored, checksum, processes: result.processes });
    } else if (lower.endsWith('.dmn') || lower.endsWith('.dmn11.xml')) {
      const result = await compileDmn(resource.name, resource.content);
      problems.push(...result.problems);
      const stored = xmlText(resource.content);
      if (result.problems.length === 0 && result.drg) compiled.push({ kind: 'dmn', name: resource.name, text: stored, checksum, drg: result.drg });
    } else if (lower.endsWith('.form') || lower.endsWith('.form.json')) {
      let content: unknown;
      try {
        content = JSON.parse(typeof resource.content === 'string' ? resource.content : Buffer.from(resource.content).toString('utf8'));
      } catch (error) {
        problems.push({ resourceName: resource.name, message: `The form is not valid JSON: ${(error as Error).message}` });
        continue;
      }
      const form = content as Record<string, unknown>;
      if (typeof form !== 'object' || form === null || Array.isArray(form) || typeof form.id !== 'string' || form.id === '') {
        problems.push({ resourceName: resource.name, message: "The form must be a JSON object with a non-empty string 'id'" });
        continue;
      }
      compiled.push({ kind: 'form', name: resource.name, checksum, formId: form.id, content: form });
    } else {
      problems.push({
        resourceName: resource.name,
        message: `Expected the resource to be a BPMN (.bpmn), DMN (.dmn) or form (.form, .form.json) file, but its name has another extension`,
      });
    }
  }
  if (problems.length > 0) {
    throw invalidArgument(
      `Expected to deploy new resources, but encountered the following errors:\n${problems
        .map((p) => `'${p.resourceName}'${p.elementId ? ` element '${p.elementId}'` : ''}${p.line ? ` (line ${p.line}${p.column ? `, column ${p.column}` : ''})` : ''}: ${p.message}`)
        .join('\n')}`,
      problems,
    );
  }
  return compiled;
}

/** Stores new versions (a version per changed resource only) and opens timer start events of new latest versions. */
export async function deployCompiled(b: Batch, resources: CompiledResource[]): Promise<DeploymentResult> {
  const now = b.now();
  const deploymentKey = b.keys.next();
  const result: DeploymentResult = { deploymentKey, processes: [], decisions: [], decisionRequirements: [], forms: [] };
  await exec(b, 'INSERT INTO deployments (key, created_at) VALUES ($1, $2)', [deploymentKey, now]);
  for (const resource of resources) {
    if (resource.kind === 'bpmn') {
      for (const graph of resource.processes) {
        const latest = b.definitions.latestProcess(graph.bpmnProcessId);
        if (latest && latest.checksum === resource.checksum) {
          result.processes.push({ bpmnProcessId: latest.bpmnProcessId, version: latest.version, processDefinitionKey: latest.key, resourceName: latest.resourceName, versionTag: latest.versionTag });
          continue;
        }
        const deployed: DeployedProcess = {
          key: b.keys.next(),
          bpmnProcessId: graph.bpmnProcessId,
          // Versions of deleted definitions stay taken (Zeebe never reuses one).
          version: b.definitions.nextVersion('process', graph.bpmnProcessId),
          versionTag: graph.versionTag,
          resourceName: resource.name,
          checksum: resource.checksum,
          deploymentKey,
          graph,
        };
        await exec(
          b,
          `INSERT INTO process_definitions (key, bpmn_process_id, version, version_tag, resource_name, checksum, deployment_key, resource, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [deployed.key, deployed.bpmnProcessId, deployed.version, deployed.versionTag ?? null, deployed.resourceName, deployed.checksum, deploymentKey, resource.text, now],
        );
        b.records.append('PROCESS', 'CREATED', deployed.key, null, {
          bpmnProcessId: deployed.bpmnProcessId,
          version: deployed.version,
          processDefinitionKey: deployed.key,
          resourceName: deployed.resourceName,
          checksum: deployed.checksum,
          versionTag: deployed.versionTag ?? '',
          deploymentKey,
        });
        await replaceStartTimers(b, latest, deployed);
        b.afterCommit.push(() => b.definitions.addProcess(deployed));
        result.processes.push({ bpmnProcessId: deployed.bpmnProcessId, version: deployed.version, processDefinitionKey: deployed.key, resourceName: deployed.resourceName, versionTag: deployed.versionTag });
      }
    } else if (resource.kind === 'dmn') {
      const latest = b.definitions.latestDrg(resource.drg.id);
      const deployed: DeployedDecisionRequirements =
        latest && latest.checksum === resource.checksum
          ? latest
          : {
              key: b.keys.next(),
              drgId: resource.drg.id,
              version: b.definitions.nextVersion('drg', resource.drg.id),
              resourceName: resource.name,
              checksum: resource.checksum,
              deploymentKey,
              drg: resource.drg,
              decisions: resource.drg.decisions.map((d) => ({
                decisionId: d.decisionId,
                name: d.name,
                key: b.keys.next(),
                version: b.definitions.nextVersion('decision', d.decisionId),
              })),
            };
      if (deployed !== latest) {
        await exec(
          b,
          `INSERT INTO decision_requirements (key, drg_id, version, resource_name, checksum, deployment_key, resource, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [deployed.key, deployed.drgId, deployed.version, deployed.resourceName, deployed.checksum, deploymentKey, resource.text, now],
        );
        for (const d of deployed.decisions) {
          await exec(b, 'INSERT INTO decisions (key, decision_id, name, version, decision_requirements_key) VALUES ($1, $2, $3, $4, $5)', [
            d.key,
            d.decisionId,
            d.name ?? null,
            d.version,
            deployed.key,
          ]);
          b.records.append('DECISION', 'CREATED', d.key, null, { decisionId: d.decisionId, version: d.version, decisionRequirementsKey: deployed.key });
        }
        b.records.append('DECISION_REQUIREMENTS', 'CREATED', deployed.key, null, { decisionRequirementsId: deployed.drgId, version: deployed.version, resourceName: deployed.resourceName });
        b.afterCommit.push(() => b.definitions.addDecisionRequirements(deployed));
      }
      result.decisionRequirements.push({ decisionRequirementsId: deployed.drgId, version: deployed.version, decisionRequirementsKey: deployed.key, resourceName: deployed.resourceName });
      for (const d of deployed.decisions) {
        result.decisions.push({ decisionId: d.decisionId, name: d.name, version: d.version, decisionKey: d.key, decisionRequirementsId: deployed.drgId, decisionRequirementsKey: deployed.key });
      }
    } else {
      const latest = b.definitions.latestForm(resource.formId);
      if (latest && latest.checksum === resource.checksum) {
        result.forms.push({ formId: latest.formId, version: latest.version, formKey: latest.key, resourceName: latest.resourceName });
        continue;
      }
      const deployed: DeployedForm = {
        key: b.keys.next(),
        formId: resource.formId,
        version: b.definitions.nextVersion('form', resource.formId),
        resourceName: resource.name,
        checksum: resource.checksum,
        deploymentKey,
        content: resource.content,
      };
      await exec(
        b,
        `INSERT INTO forms (key, form_id, version, resource_name, checksum, deployment_key, content, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
        [deployed.key, deployed.formId, deployed.version, deployed.resourceName, deployed.checksum, deploymentKey, JSON.stringify(deployed.content), now],
      );
      b.records.append('FORM', 'CREATED', deployed.key, null, { formId: deployed.formId, version: deployed.version, resourceName: deployed.resourceName });
      b.afterCommit.push(() => b.definitions.addForm(deployed));
      result.forms.push({ formId: deployed.formId, version: deployed.version, formKey: deployed.key, resourceName: deployed.resourceName });
    }
  }
  b.records.append('DEPLOYMENT', 'CREATED', deploymentKey, null, { ...result });
  return result;
}

/** A new latest version replaces the previous version's timer start events (Zeebe does the same); so does deleting the latest. */
export async function replaceStartTimers(b: Batch, previous: DeployedProcess | undefined, next: DeployedProcess | undefined): Promise<void> {
  if (previous) {
    const old = await b.state.timers.query(
      'process_definition_key = $1 AND element_instance_key IS NULL',
      [previous.key],
      (r) => r.processDefinitionKey === previous.key && r.elementInstanceKey === null,
    );
    for (const timer of old) {
      b.state.timers.delete(String(timer.key));
      b.records.append('TIMER', 'CANCELED', timer.key, null, timerValue(timer));
    }
  }
  if (!next) return;
  for (const id of next.graph.eventStartIds) {
    const def = next.graph.elements.get(id)?.eventDefinition;
    if (def?.type !== 'timer') continue;
    const value = def.timer.expression.type === 'static' ? def.timer.expression.value : undefined;
    if (value === undefined) continue; // FEEL start timers need variables a start event does not have
    const { dueAt, repetitions } = firstDue(def.timer.kind, value, b.now());
    const timer: TimerRow = {
      key: b.keys.next(),
      dueDate: dueAt,
      elementInstanceKey: null,
      processInstanceKey: null,
      processDefinitionKey: next.key,
      elementId: id,
      data: { repetitions: repetitions < 0 ? -1 : repetitions - 1, cycle: def.timer.kind === 'timeCycle' ? value : undefined, bpmnProcessId: next.bpmnProcessId },
    };
    b.state.timers.insert(timer);
    b.earliestTimer = Math.min(b.earliestTimer, dueAt);
    b.records.append('TIMER', 'CREATED', timer.key, null, timerValue(timer));
  }
}

async function exec(b: Batch, sql: string, params: unknown[]): Promise<void> {
  await b.state.db.executeQuery(CompiledQuery.raw(sql, params));
}

import { CompiledQuery, type Kysely } from 'kysely';
import type { ExecutableProcess } from '../../model/executable-process.js';
import { compileBpmn } from '../../deployment/bpmn-compiler.js';
import { compileDmn, type CompiledDecisionRequirements } from '../../decision/index.js';

export interface DeployedProcess {
  key: number;
  bpmnProcessId: string;
  version: number;
  versionTag?: string;
  resourceName: string;
  checksum: string;
  deploymentKey: number;
  graph: ExecutableProcess;
  /** Deleted (resource deletion): no new instances, no longer any version's latest; kept for the history that names it. */
  deleted?: boolean;
}

export interface DeployedDecisionRequirements {
  key: number;
  drgId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: number;
  drg: CompiledDecisionRequirements;
  decisions: Array<{ decisionId: string; key: number; version: number; name?: string }>;
}

export interface DeployedForm {
  key: number;
  formId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: number;
  content: Record<string, unknown>;
}

/**
 * Every deployed definition, compiled once and kept in memory (definitions are few and small;
 * instances are many and live in the store).
 */
export class Definitions {
  private readonly processes = new Map<number, DeployedProcess>();
  private readonly processVersions = new Map<string, DeployedProcess[]>();
  private readonly drgs = new Map<number, DeployedDecisionRequirements>();
  private readonly drgVersions = new Map<string, DeployedDecisionRequirements[]>();
  private readonly decisionVersions = new Map<string, Array<{ drg: DeployedDecisionRequirements; key: number; version: number }>>();
  private readonly forms = new Map<number, DeployedForm>();
  private readonly formVersions = new Map<string, DeployedForm[]>();
  /** The highest version each id ever had, deleted ones included: Zeebe never reuses a version. Keyed 'kind:id'. */
  private readonly highestVersions = new Map<string, number>();

  /** The version the next deployment of a process ('process'), DRG ('drg'), decision or form id gets. */
  nextVersion(kind: 'process' | 'drg' | 'decision' | 'form', id: string): number {
    return (this.highestVersions.get(`${kind}:${id}`) ?? 0) + 1;
  }

  private noteVersion(kind: 'process' | 'drg' | 'decision' | 'form', id: string, version: number): void {
    const key = `${kind}:${id}`;
    this.highestVersions.set(key, Math.max(this.highestVersions.get(key) ?? 0, version));
  }

  /** A process by key, deleted ones included (finished instances still name them); check `deleted` before starting one. */
  process(key: number): DeployedProcess | undefined {
    return this.processes.get(key);
  }

  latestProcess(bpmnProcessId: string): DeployedProcess | undefined {
    return this.processVersions.get(bpmnProcessId)?.at(-1);
  }

  processVersion(bpmnProcessId: string, version: number): DeployedProcess | undefined {
    return this.processVersions.get(bpmnProcessId)?.find((p) => p.version === version);
  }

  /** The newest version below `version` that is not deleted. */
  processVersionBefore(bpmnProcessId: string, version: number): DeployedProcess | undefined {
    return this.processVersions.get(bpmnProcessId)?.findLast((p) => p.version < version);
  }

  processByVersionTag(bpmnProcessId: string, versionTag: string): DeployedProcess | undefined {
    return this.processVersions.get(bpmnProcessId)?.findLast((p) => p.versionTag === versionTag);
  }

  latestProcesses(): DeployedProcess[] {
    return [...this.processVersions.values()].map((versions) => versions.at(-1)!);
  }

  /** Every process that is not deleted. */
  allProcesses(): DeployedProcess[] {
    return [...this.processes.values()].filter((p) => !p.deleted);
  }

  /** Message start events of the latest version of each process, for a message name. */
  messageStartEvents(name: string): Array<{ process: DeployedProcess; elementId: string }> {
    return this.startEvents('message', name);
  }

  signalStartEvents(name: string): Array<{ process: DeployedProcess; elementId: string }> {
    return this.startEvents('signal', name);
  }

  private startEvents(type: 'message' | 'signal', name: string): Array<{ process: DeployedProcess; elementId: string }> {
    const out: Array<{ process: DeployedProcess; elementId: string }> = [];
    for (const process of this.latestProcesses()) {
      for (const id of process.graph.eventStartIds) {
        const def = process.graph.elements.get(id)?.eventDefinition;
        if (!def || def.type !== type) continue;
        const expression = def.type === 'message' ? def.messageName : def.type === 'signal' ? def.signalName : undefined;
        if (expression?.type === 'static' && expression.value === name) out.push({ process, elementId: id });
      }
    }
    return out;
  }

  latestDrg(drgId: string): DeployedDecisionRequirements | undefined {
    return this.drgVersions.get(drgId)?.at(-1);
  }

  /** The latest version of a decision: the requirements graph that holds it and the decision's key. */
  latestDecision(decisionId: string): { drg: DeployedDecisionRequirements; key: number; version: number } | undefined {
    return this.decisionVersions.get(decisionId)?.at(-1);
  }

  decisionByKey(key: number): { drg: DeployedDecisionRequirements; decisionId: string; version: number } | undefined {
    for (const drg of this.drgs.values()) {
      const d = drg.decisions.find((x) => x.key === key);
      if (d) return { drg, decisionId: d.decisionId, version: d.version };
    }
    return undefined;
  }

  latestForm(formId: string): DeployedForm | undefined {
    return this.formVersions.get(formId)?.at(-1);
  }

  form(key: number): DeployedForm | undefined {
    return this.forms.get(key);
  }

  allForms(): DeployedForm[] {
    return [...this.forms.values()];
  }

  allDecisionRequirements(): DeployedDecisionRequirements[] {
    return [...this.drgs.values()];
  }

  addProcess(p: DeployedProcess): void {
    this.processes.set(p.key, p);
    this.noteVersion('process', p.bpmnProcessId, p.version);
    if (p.deleted) return;
    const versions = this.processVersions.get(p.bpmnProcessId) ?? [];
    versions.push(p);
    versions.sort((a, b) => a.version - b.version);
    this.processVersions.set(p.bpmnProcessId, versions);
  }

  addDecisionRequirements(d: DeployedDecisionRequirements): void {
    this.noteVersion('drg', d.drgId, d.version);
    for (const decision of d.decisions) this.noteVersion('decision', decision.decisionId, decision.version);
    this.drgs.set(d.key, d);
    const versions = this.drgVersions.get(d.drgId) ?? [];
    versions.push(d);
    versions.sort((a, b) => a.version - b.version);
    this.drgVersions.set(d.drgId, versions);
    for (const decision of d.decisions) {
      const list = this.decisionVersions.get(decision.decisionId) ?? [];
      list.push({ drg: d, key: decision.key, version: decision.version });
      list.sort((a, b) => a.version - b.version);
      this.decisionVersions.set(decision.decisionId, list);
    }
  }

  addForm(f: DeployedForm): void {
    this.noteVersion('form', f.formId, f.version);
    this.forms.set(f.key, f);
    const versions = this.formVersions.get(f.formId) ?? [];
    versions.push(f);
    versions.sort((a, b) => a.version - b.version);
    this.formVersions.set(f.formId, versions);
  }

  /** After a committed deletion: the process is no version's latest any more (the one before it is again). */
  deleteProcess(key: number): void {
    const p = this.processes.get(key);
    if (!p) return;
    p.deleted = true;
    dropVersion(this.processVersions, p.bpmnProcessId, key);
  }

  /** After a committed deletion: the DRG and its decisions are gone; the decisions' previous versions are the latest again. */
  deleteDecisionRequirements(key: number): void {
    const d = this.drgs.get(key);
    if (!d) return;
    this.drgs.delete(key);
    dropVersion(this.drgVersions, d.drgId, key);
    for (const decision of d.decisions) dropVersion(this.decisionVersions, decision.decisionId, decision.key);
  }

  deleteForm(key: number): void {
    const f = this.forms.get(key);
    if (!f) return;
    this.forms.delete(key);
    dropVersion(this.formVersions, f.formId, key);
  }

  /** Reads and compiles every deployed definition (at engine start). */
  static async load(db: Kysely<any>): Promise<Definitions> {
    const definitions = new Definitions();
    const processRows = await db.executeQuery<Record<string, any>>(
      CompiledQuery.raw('SELECT * FROM process_definitions ORDER BY key'),
    );
    const compiled = new Map<string, ExecutableProcess[]>();
    for (const row of processRows.rows) {
      const cacheKey = `${row.resource_name}|${row.checksum}`;
      let processes = compiled.get(cacheKey);
      if (!processes) {
        processes = (await compileBpmn(row.resource_name, row.resource)).processes;
        compiled.set(cacheKey, processes);
      }
      const graph = processes.find((p) => p.bpmnProcessId === row.bpmn_process_id);
      if (!graph) throw new Error(`stored process ${row.bpmn_process_id} v${row.version} no longer compiles`);
      definitions.addProcess({
        key: row.key,
        bpmnProcessId: row.bpmn_process_id,
        version: row.version,
        versionTag: row.version_tag ?? undefined,
        resourceName: row.resource_name,
        checksum: row.checksum,
        deploymentKey: row.deployment_key,
        graph,
        deleted: row.deleted_at !== null && row.deleted_at !== undefined,
      });
    }
    const drgRows = await db.executeQuery<Record<string, any>>(
      CompiledQuery.raw('SELECT * FROM decision_requirements ORDER BY key'),
    );
    const decisionRows = await db.executeQuery<Record<string, any>>(CompiledQuery.raw('SELECT * FROM decisions ORDER BY key'));
    for (const row of drgRows.rows) {
      if (row.deleted_at !== null && row.deleted_at !== undefined) {
        // Nothing evaluates a deleted DRG again; only its versions (and its decisions') stay taken.
        definitions.noteVersion('drg', row.drg_id, row.version);
        for (const d of decisionRows.rows) if (d.decision_requirements_key === row.key) definitions.noteVersion('decision', d.decision_id, d.version);
        continue;
      }
      const { drg } = await compileDmn(row.resource_name, row.resource);
      if (!drg) throw new Error(`stored decisions ${row.drg_id} v${row.version} no longer compile`);
      definitions.addDecisionRequirements({
        key: row.key,
        drgId: row.drg_id,
        version: row.version,
        resourceName: row.resource_name,
        checksum: row.checksum,
        deploymentKey: row.deployment_key,
        drg,
        decisions: decisionRows.rows
          .filter((d) => d.decision_requirements_key === row.key)
          .map((d) => ({ decisionId: d.decision_id, key: d.key, version: d.version, name: d.name ?? undefined })),
      });
    }
    const formRows = await db.executeQuery<Record<string, any>>(CompiledQuery.raw('SELECT * FROM forms ORDER BY key'));
    for (const row of formRows.rows) {
      if (row.deleted_at !== null && row.deleted_at !== undefined) {
        definitions.noteVersion('form', row.form_id, row.version);
        continue;
      }
      definitions.addForm({
        key: row.key,
        formId: row.form_id,
        version: row.version,
        resourceName: row.resource_name,
        checksum: row.checksum,
        deploymentKey: row.deployment_key,
        content: row.content,
      });
    }
    return definitions;
  }
}

/** Takes the version with `key` out of an id's version list; an id left without versions leaves the map. */
function dropVersion<V extends { key: number }>(versionsById: Map<string, V[]>, id: string, key: number): void {
  const versions = versionsById.get(id)?.filter((v) => v.key !== key) ?? [];
  if (versions.length > 0) versionsById.set(id, versions);
  else versionsById.delete(id);
}

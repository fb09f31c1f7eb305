/**
 * The Runtime port on a Zeebe cluster, through zeebe-node. Commands go to the cluster; what we learn from them (and
 * from the history listener jobs and user-task jobs the server's workers activate) is written as EngineRecords into
 * our store by the ZeebeRecordLog, so the read model, the task list and the audit views are the same as embedded.
 * Definitions are mirrored in our store (the user's XML, Zeebe's keys and versions); forms stay ours.
 */
import { CompiledQuery } from 'kysely';
import { ZBClient, type ZBClientOptions } from 'zeebe-node';
import type { Store } from '../../store/store.js';
import { SystemClock, type Clock } from '../../clock/clock.js';
import type {
  ActivateJobsRequest,
  ActivatedJob,
  AuditWriter,
  CreatedProcessInstance,
  CreateProcessInstance,
  DeployResource,
  DeploymentResult,
  FailJob,
  PublishMessageCommand,
  RecordListener,
  Runtime,
} from '../runtime-port.js';
import { EngineRejection, invalidArgument, notFound } from '../engine-rejection.js';
import { compileResources } from '../embedded/commands/deployment.js';
import { Definitions, type DeployedDecisionRequirements, type DeployedForm, type DeployedProcess } from '../embedded/definitions.js';
import { bpmnElementType } from '../embedded/bpmn/element-types.js';
import type { RuntimeElementKind } from '../embedded/state/rows.js';
import { USER_TASK_JOB_TYPE } from '../embedded/bpmn/behaviours/job-behaviour.js';
import { assertSafeVariables } from '../embedded/bpmn/behaviours/variable-behaviour.js';
import { HISTORY_END_JOB_TYPE, HISTORY_START_JOB_TYPE, withHistoryListeners } from './history-listeners.js';
import { ZeebeRecordLog, type NewRecord } from './zeebe-record-log.js';
import { updateJobTimeoutCall } from './zeebe-job-timeout.js';

export interface ZeebeRuntimeOptions {
  store: Store;
  clock?: Clock;
  /** host:port of the gateway; otherwise zeebe-node reads ZEEBE_ADDRESS (and its TLS/OAuth variables) itself. */
  address?: string;
  /** Extra zeebe-node options (tests). */
  clientOptions?: ZBClientOptions;
  /** Where commands' audit records go (commands that bring one are refused without it). */
  audit?: AuditWriter;
}

/** The element lifecycle moments the history listeners report. */
export type HistoryEvent = 'start' | 'end';

const GRPC_REJECTIONS: Record<number, EngineRejection['type']> = { 3: 'INVALID_ARGUMENT', 5: 'NOT_FOUND', 6: 'ALREADY_EXISTS', 9: 'INVALID_STATE' };

/** A gRPC rejection of the cluster as ours (404/400/409 over REST); anything else (unavailable …) stays an error. */
function asRejection(error: unknown): unknown {
  const e = error as { code?: number; details?: string; message?: string };
  const type = typeof e?.code === 'number' ? GRPC_REJECTIONS[e.code] : undefined;
  if (!type) return error;
  const message = (e.details || e.message || '').replace(/^\d+ [A-Z_]+: /, '');
  return new EngineRejection(type, message);
}

function safe(variables: Record<string, unknown> | undefined): Record<string, unknown> {
  try {
    return assertSafeVariables(variables);
  } catch (error) {
    throw invalidArgument((error as Error).message);
  }
}

/** A job as zeebe-node gives it (keys and the deadline as strings). */
interface ZeebeJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey?: string;
  processKey?: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, unknown>;
  worker: string;
  retries: number;
  deadline: string;
  variables: Record<string, unknown>;
}

function headerList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }
}

export class ZeebeRuntime implements Runtime {
  /** Jobs activated through this runtime, for what a later fail or complete needs to record (by job key). */
  private readonly activeJobs = new Map<number, ActivatedJob>();

  private constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly client: ZBClient,
    readonly definitions: Definitions,
    readonly log: ZeebeRecordLog,
    private readonly audit: AuditWriter | undefined,
  ) {}

  static async create(options: ZeebeRuntimeOptions): Promise<ZeebeRuntime> {
    const clock = options.clock ?? new SystemClock();
    const clientOptions: ZBClientOptions = { loglevel: 'NONE', ...options.clientOptions };
    const client = options.address ? new ZBClient(options.address, clientOptions) : new ZBClient(clientOptions);
    const definitions = await Definitions.load(options.store.db);
    const log = await ZeebeRecordLog.open(options.store, clock);
    return new ZeebeRuntime(options.store, clock, client, definitions, log, options.audit);
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw asRejection(error);
    }
  }

  // --- deployment ------------------------------------------------------------------------------

  /**
   * Validates with our compiler (the same problems as embedded), deploys BPMN (with history listeners) and DMN to
   * the cluster one resource at a time, mirrors what the cluster answered, and keeps forms in our store.
   */
  async deploy(resources: DeployResource[]): Promise<DeploymentResult> {
    const compiled = await compileResources(resources);
    const result: DeploymentResult = { deploymentKey: 0, processes: [], decisions: [], decisionRequirements: [], forms: [] };
    const now = this.clock.now();
    const records: NewRecord[] = [];
    const rows: Array<{ sql: string; params: unknown[] }> = [];
    const added: Array<() => void> = [];
    const mirror = async () => {
      // A deployment of forms only has no cluster deployment: it gets a key of ours.
      result.deploymentKey ||= this.log.nextLocalKey();
      records.push({ valueType: 'DEPLOYMENT', intent: 'CREATED', key: result.deploymentKey, processInstanceKey: null, value: { ...result } });
      await this.log.write(records, async (trx) => {
        for (const row of rows) await trx.executeQuery(CompiledQuery.raw(row.sql, row.params));
        await trx.executeQuery(CompiledQuery.raw('INSERT INTO deployments (key, created_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [result.deploymentKey, now]));
      });
      for (const add of added) add();
    };
    try {
      for (const resource of compiled) {
        if (resource.kind === 'bpmn') {
          const xml = await withHistoryListeners(resource.text);
          const response = await this.call(() => this.client.deployResource({ name: resource.name, process: Buffer.from(xml, 'utf8') }));
          result.deploymentKey ||= Number(response.key);
          for (const { process: p } of response.deployments) {
            const key = Number(p.processDefinitionKey);
            const graph = resource.processes.find((g) => g.bpmnProcessId === p.bpmnProcessId);
            result.processes.push({ bpmnProcessId: p.bpmnProcessId, version: p.version, processDefinitionKey: key, resourceName: p.resourceName, versionTag: graph?.versionTag });
            if (this.definitions.process(key) || !graph) continue;
            const deployed: DeployedProcess = {
              key, bpmnProcessId: p.bpmnProcessId, version: p.version, versionTag: graph.versionTag, resourceName: resource.name,
              checksum: resource.checksum, deploymentKey: Number(response.key), graph,
            };
            rows.push({
              sql: `INSERT INTO process_definitions (key, bpmn_process_id, version, version_tag, resource_name, checksum, deployment_key, resource, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key) DO NOTHING`,
              params: [key, deployed.bpmnProcessId, deployed.version, deployed.versionTag ?? null, resource.name, resource.checksum, deployed.deploymentKey, resource.text, now],
            });
            records.push({ valueType: 'PROCESS', intent: 'CREATED', key, processInstanceKey: null, value: { bpmnProcessId: p.bpmnProcessId, version: p.version, processDefinitionKey: key, resourceName: resource.name, checksum: resource.checksum, versionTag: deployed.versionTag ?? '', deploymentKey: deployed.deploymentKey } });
            added.push(() => this.definitions.addProcess(deployed));
          }
        } else if (resource.kind === 'dmn') {
          const response = await this.call(() => this.client.deployResource({ name: resource.name, decision: Buffer.from(resource.text, 'utf8') }));
          result.deploymentKey ||= Number(response.key);
          const deployments = response.deployments as unknown as Array<{ decision?: Record<string, any>; decisionRequirements?: Record<string, any> }>;
          for (const { decisionRequirements: drgMeta } of deployments) {
            if (!drgMeta) continue;
            const key = Number(drgMeta.decisionRequirementsKey);
            const decisions = deployments
              .map((d) => d.decision)
              .filter((d): d is Record<string, any> => !!d && Number(d.decisionRequirementsKey) === key)
              .map((d) => ({ decisionId: String(d.dmnDecisionId), name: d.dmnDecisionName || undefined, key: Number(d.decisionKey), version: Number(d.version) }));
            result.decisionRequirements.push({ decisionRequirementsId: drgMeta.dmnDecisionRequirementsId, version: drgMeta.version, decisionRequirementsKey: key, resourceName: resource.name });
            for (const d of decisions) result.decisions.push({ decisionId: d.decisionId, name: d.name, version: d.version, decisionKey: d.key, decisionRequirementsId: drgMeta.dmnDecisionRequirementsId, decisionRequirementsKey: key });
            if (this.definitions.allDecisionRequirements().some((x) => x.key === key)) continue;
            const deployed: DeployedDecisionRequirements = {
              key, drgId: drgMeta.dmnDecisionRequirementsId, version: drgMeta.version, resourceName: resource.name,
              checksum: resource.checksum, deploymentKey: Number(response.key), drg: resource.drg, decisions,
            };
            rows.push({
              sql: `INSERT INTO decision_requirements (key, drg_id, version, resource_name, checksum, deployment_key, resource, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING`,
              params: [key, deployed.drgId, deployed.version, resource.name, resource.checksum, deployed.deploymentKey, resource.text, now],
            });
            for (const d of decisions) {
              rows.push({
                sql: 'INSERT INTO decisions (key, decision_id, name, version, decision_requirements_key) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING',
                params: [d.key, d.decisionId, d.name ?? null, d.version, key],
              });
            }
            records.push({ valueType: 'DECISION_REQUIREMENTS', intent: 'CREATED', key, processInstanceKey: null, value: { decisionRequirementsId: deployed.drgId, version: deployed.version, resourceName: resource.name } });
            added.push(() => this.definitions.addDecisionRequirements(deployed));
          }
        } else {
          // Forms are ours (JSON-schema forms, not Camunda Forms): kept in our store, versioned by content as embedded.
          const latest = this.definitions.latestForm(resource.formId);
          if (latest && latest.checksum === resource.checksum) {
            result.forms.push({ formId: latest.formId, version: latest.version, formKey: latest.key, resourceName: latest.resourceName });
            continue;
          }
          const deployed: DeployedForm = {
            key: this.log.nextLocalKey(), formId: resource.formId, version: this.definitions.nextVersion('form', resource.formId), resourceName: resource.name,
            checksum: resource.checksum, deploymentKey: 0, content: resource.content,
          };
          rows.push({
            sql: `INSERT INTO forms (key, form_id, version, resource_name, checksum, deployment_key, content, created_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
            params: [deployed.key, deployed.formId, deployed.version, resource.name, resource.checksum, 0, JSON.stringify(deployed.content), now],
          });
          records.push({ valueType: 'FORM', intent: 'CREATED', key: deployed.key, processInstanceKey: null, value: { formId: deployed.formId, version: deployed.version, resourceName: resource.name } });
          added.push(() => this.definitions.addForm(deployed));
          result.forms.push({ formId: deployed.formId, version: deployed.version, formKey: deployed.key, resourceName: resource.name });
        }
      }
    } catch (error) {
      // Resources go to the cluster one by one: those it accepted before one was refused are mirrored all the same.
      if (rows.length > 0) await mirror();
      throw error;
    }
    await mirror();
    return result;
  }

  /**
   * Processes and DRGs are deleted on the cluster (DeleteResource, which zeebe-node 8.3's protocol has but its client
   * does not wrap: called on its channel), then marked deleted here; forms are ours and are deleted here only.
   */
  async deleteResource(resourceKey: number): Promise<void> {
    if (!Number.isSafeInteger(resourceKey) || resourceKey <= 0) throw invalidArgument(`Expected a resource key (a positive whole number), but got '${resourceKey}'`);
    const process = this.definitions.process(resourceKey);
    const drg = this.definitions.allDecisionRequirements().find((d) => d.key === resourceKey);
    const form = this.definitions.form(resourceKey);
    const now = this.clock.now();
    const deletionKey = this.log.nextLocalKey();
    const value = { resourceKey, tenantId: '<default>' };
    const records: NewRecord[] = [{ valueType: 'RESOURCE_DELETION', intent: 'DELETING', key: deletionKey, processInstanceKey: null, value }];
    const statements: Array<[string, unknown[]]> = [];
    if (form) {
      statements.push(['UPDATE forms SET deleted_at = $2 WHERE key = $1', [resourceKey, now]]);
      records.push({ valueType: 'FORM', intent: 'DELETED', key: resourceKey, processInstanceKey: null, value: { formId: form.formId, formKey: form.key, version: form.version, resourceName: form.resourceName } });
    } else {
      const grpc = (this.client as unknown as { grpc: { deleteResourceSync(request: { resourceKey: string }): Promise<unknown> } }).grpc;
      await this.call(() => grpc.deleteResourceSync({ resourceKey: String(resourceKey) }));
      if (process) {
        statements.push(['UPDATE process_definitions SET deleted_at = $2 WHERE key = $1', [resourceKey, now]]);
        records.push({ valueType: 'PROCESS', intent: 'DELETED', key: resourceKey, processInstanceKey: null, value: { bpmnProcessId: process.bpmnProcessId, version: process.version, processDefinitionKey: resourceKey, resourceName: process.resourceName } });
      } else if (drg) {
        statements.push(['UPDATE decisions SET deleted_at = $2 WHERE decision_requirements_key = $1', [resourceKey, now]]);
        statements.push(['UPDATE decision_requirements SET deleted_at = $2 WHERE key = $1', [resourceKey, now]]);
        records.push({ valueType: 'DECISION_REQUIREMENTS', intent: 'DELETED', key: resourceKey, processInstanceKey: null, value: { decisionRequirementsId: drg.drgId, version: drg.version, resourceName: drg.resourceName } });
      }
    }
    records.push({ valueType: 'RESOURCE_DELETION', intent: 'DELETED', key: deletionKey, processInstanceKey: null, value });
    await this.log.write(records, async (trx) => {
      for (const [sql, params] of statements) await trx.executeQuery(CompiledQuery.raw(sql, params));
    });
    if (form) this.definitions.deleteForm(resourceKey);
    else if (process) this.definitions.deleteProcess(resourceKey);
    else if (drg) this.definitions.deleteDecisionRequirements(resourceKey);
  }

  // --- process instances -----------------------------------------------------------------------

  async createProcessInstance(command: CreateProcessInstance): Promise<CreatedProcessInstance> {
    const variables = safe(command.variables);
    if (command.audit && !this.audit) throw new Error('this runtime has no audit log to record the creation in');
    let bpmnProcessId = command.bpmnProcessId;
    let version = command.version;
    if (command.processDefinitionKey !== undefined) {
      const process = this.definitions.process(command.processDefinitionKey);
      if (!process || process.deleted) throw notFound(`Expected to find process definition with key '${command.processDefinitionKey}', but none found`);
      bpmnProcessId = process.bpmnProcessId;
      version = process.version;
    }
    if (!bpmnProcessId) throw invalidArgument('Expected either a bpmnProcessId or a processDefinitionKey, but none given');
    const id = bpmnProcessId;
    const response = await this.call(() =>
      this.client.createProcessInstance({
        bpmnProcessId: id,
        version: version ?? -1,
        variables: variables as never,
        ...(command.startInstructions?.length ? { startInstructions: command.startInstructions.map((s) => ({ elementId: s.elementId })) } : {}),
      }),
    );
    const created: CreatedProcessInstance = {
      processInstanceKey: Number(response.processInstanceKey),
      bpmnProcessId: response.bpmnProcessId,
      version: Number(response.version),
      processDefinitionKey: Number(response.processDefinitionKey),
    };
    // The instance is in the read model at once, with its variables; the process start listener adds the rest.
    const pi = created.processInstanceKey;
    const value = this.elementValue(pi, created.processDefinitionKey, created.bpmnProcessId, created.version, created.bpmnProcessId, 'PROCESS', -1);
    // The process start listener's job may have been recorded before this answer came back.
    const seen = await this.instanceInfo(pi);
    await this.log.write([
      ...(seen ? [] : [{ valueType: 'PROCESS_INSTANCE' as const, intent: 'ELEMENT_ACTIVATING', key: pi, processInstanceKey: pi, value }]),
      ...this.variableRecords(pi, pi, Object.entries(variables), await this.knownVariables(pi)),
    ]);
    // The cluster has created the instance already: no transaction can hold both, so the record follows it.
    if (command.audit) await this.audit!.append(command.audit(created));
    return created;
  }

  async cancelProcessInstance(processInstanceKey: number): Promise<void> {
    await this.call(() => this.client.cancelProcessInstance(String(processInstanceKey)));
    // Zeebe runs no end listeners on termination: what was open in our view is terminated here.
    const open = await this.store.db.executeQuery<{ key: string; element_id: string; element_type: string; flow_scope_key: string | null }>(
      CompiledQuery.raw(
        `SELECT key, element_id, element_type, flow_scope_key FROM element_instance_view
         WHERE process_instance_key = $1 AND state NOT IN ('COMPLETED', 'TERMINATED') ORDER BY key DESC`,
        [processInstanceKey],
      ),
    );
    const tasks = await this.openUserTasks('process_instance_key', processInstanceKey);
    const instance = await this.instanceInfo(processInstanceKey);
    const records: NewRecord[] = tasks.map((t) => this.userTaskJobRecord('CANCELED', t));
    for (const row of open.rows) {
      records.push({
        valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_TERMINATED', key: Number(row.key), processInstanceKey,
        value: this.elementValue(processInstanceKey, instance?.processDefinitionKey ?? -1, instance?.bpmnProcessId ?? '', instance?.version ?? 0, row.element_id, row.element_type, row.flow_scope_key === null ? -1 : Number(row.flow_scope_key)),
      });
    }
    if (!open.rows.some((r) => Number(r.key) === processInstanceKey) && instance) {
      records.push({ valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_TERMINATED', key: processInstanceKey, processInstanceKey, value: this.elementValue(processInstanceKey, instance.processDefinitionKey, instance.bpmnProcessId, instance.version, instance.bpmnProcessId, 'PROCESS', -1) });
    }
    await this.log.write(records);
  }

  // --- messages, signals, variables ---------------------------------------------------------------

  async publishMessage(command: PublishMessageCommand): Promise<{ messageKey: number }> {
    if (!command.name) throw invalidArgument('Expected a message name, but none given');
    const ttl = command.timeToLive ?? 0;
    if (!Number.isFinite(ttl) || ttl < 0) throw invalidArgument(`timeToLive must be ≥ 0 milliseconds, but was ${ttl}`);
    const variables = safe(command.variables);
    const response = await this.call(() =>
      this.client.publishMessage({
        name: command.name,
        correlationKey: command.correlationKey ?? '',
        timeToLive: ttl,
        ...(command.messageId ? { messageId: command.messageId } : {}),
        variables,
      }),
    );
    const messageKey = Number(response.key);
    await this.log.write([{ valueType: 'MESSAGE', intent: 'PUBLISHED', key: messageKey, processInstanceKey: null, value: { name: command.name, correlationKey: command.correlationKey ?? '', timeToLive: ttl, messageId: command.messageId ?? '', variables } }]);
    return { messageKey };
  }

  async broadcastSignal(signalName: string, variables?: Record<string, unknown>): Promise<{ signalKey: number }> {
    if (!signalName) throw invalidArgument('Expected a signal name, but none given');
    const vars = safe(variables);
    const response = await this.call(() => this.client.broadcastSignal({ signalName, variables: vars as never }));
    const signalKey = Number(response.key);
    await this.log.write([{ valueType: 'SIGNAL', intent: 'BROADCASTED', key: signalKey, processInstanceKey: null, value: { signalName, variables: vars } }]);
    return { signalKey };
  }

  async setVariables(elementInstanceKey: number, variables: Record<string, unknown>, local = false): Promise<{ key: number }> {
    const vars = safe(variables);
    const response = await this.call(() => this.client.setVariables({ elementInstanceKey: String(elementInstanceKey), variables: vars, local }));
    const key = Number((response as unknown as { key?: string } | undefined)?.key ?? this.log.nextLocalKey());
    const owner = await this.store.db.executeQuery<{ process_instance_key: string }>(
      CompiledQuery.raw('SELECT process_instance_key FROM element_instance_view WHERE key = $1', [elementInstanceKey]),
    );
    const pi = owner.rows[0] ? Number(owner.rows[0].process_instance_key) : undefined;
    if (pi !== undefined) {
      // Local: that scope. Otherwise Zeebe sets each where it exists, else at the root; the view knows the root only.
      const scope = local ? elementInstanceKey : pi;
      await this.log.write([
        { valueType: 'VARIABLE_DOCUMENT', intent: 'UPDATED', key, processInstanceKey: pi, value: { scopeKey: elementInstanceKey, updateSemantics: local ? 'LOCAL' : 'PROPAGATE', variables: vars } },
        ...this.variableRecords(pi, scope, Object.entries(vars), await this.knownVariables(scope)),
      ]);
    }
    return { key };
  }

  // --- jobs ----------------------------------------------------------------------------------------

  /** Activates jobs on the cluster (long polling as asked); user-task jobs become tasks in our store, once per job key. */
  async activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    if (!request.type) throw invalidArgument('Expected a job type, but none given');
    if (!(request.maxJobsToActivate > 0)) throw invalidArgument(`maxJobsToActivate must be > 0, but was ${request.maxJobsToActivate}`);
    const jobs = await this.call(() => this.activateOnCluster(request));
    const activated = jobs.map((job) => this.activatedJob(job));
    if (this.activeJobs.size > 10_000) {
      // Jobs nobody finished through this runtime are forgotten once their lock has run out.
      const now = this.clock.now();
      for (const [key, job] of this.activeJobs) if (job.deadline < now) this.activeJobs.delete(key);
    }
    for (const job of activated) this.activeJobs.set(job.key, job);
    if (request.type === USER_TASK_JOB_TYPE && activated.length > 0) await this.recordUserTaskJobs(activated);
    return activated;
  }

  /**
   * zeebe-node's activateJobs waits for a first response and never settles when a long poll ends without jobs; the
   * stream of its own channel is read here to the end instead.
   */
  private async activateOnCluster(request: ActivateJobsRequest): Promise<ZeebeJob[]> {
    const grpc = (this.client as unknown as { grpc: { activateJobsStream(req: unknown): Promise<NodeJS.EventEmitter & { cancel?: () => void }> } }).grpc;
    const stream = await grpc.activateJobsStream({
      type: request.type,
      worker: request.worker,
      timeout: request.timeout,
      maxJobsToActivate: request.maxJobsToActivate,
      fetchVariable: request.fetchVariables ?? [],
      requestTimeout: request.requestTimeout ?? 0,
    });
    if (!stream) throw new Error('the Zeebe client is closing');
    return new Promise<ZeebeJob[]>((resolve, reject) => {
      const jobs: ZeebeJob[] = [];
      const abort = () => stream.cancel?.();
      request.signal?.addEventListener('abort', abort, { once: true });
      const settle = () => request.signal?.removeEventListener('abort', abort);
      stream.on('data', (response: { jobs: Array<Record<string, any>> }) => {
        for (const raw of response.jobs) {
          jobs.push({
            ...(raw as ZeebeJob),
            variables: typeof raw.variables === 'string' ? JSON.parse(raw.variables || '{}') : raw.variables ?? {},
            customHeaders: typeof raw.customHeaders === 'string' ? JSON.parse(raw.customHeaders || '{}') : raw.customHeaders ?? {},
          });
        }
      });
      stream.on('end', () => {
        settle();
        resolve(jobs);
      });
      stream.on('error', (error: Error & { code?: number }) => {
        settle();
        // A cancelled long poll (the caller went away) ends with what was activated so far: nothing.
        if (error.code === 1) resolve(jobs);
        else reject(error);
      });
    });
  }

  private activatedJob(job: ZeebeJob): ActivatedJob {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(job.customHeaders ?? {})) headers[name] = typeof value === 'string' ? value : JSON.stringify(value);
    const activated: ActivatedJob = {
      key: Number(job.key),
      type: job.type,
      processInstanceKey: Number(job.processInstanceKey),
      bpmnProcessId: job.bpmnProcessId,
      processDefinitionVersion: Number(job.processDefinitionVersion),
      processDefinitionKey: Number(job.processDefinitionKey ?? job.processKey),
      elementId: job.elementId,
      elementInstanceKey: Number(job.elementInstanceKey),
      customHeaders: headers,
      worker: job.worker,
      retries: Number(job.retries),
      deadline: Number(job.deadline),
      variables: job.variables ?? {},
      // zeebe-node 8.3's protocol has no job kind; our own listener types say what they are.
      kind: job.type === HISTORY_START_JOB_TYPE || job.type === HISTORY_END_JOB_TYPE ? 'EXECUTION_LISTENER' : 'BPMN_ELEMENT',
      listenerEventType: job.type === HISTORY_START_JOB_TYPE ? 'START' : job.type === HISTORY_END_JOB_TYPE ? 'END' : 'UNSPECIFIED',
    };
    if (job.type === USER_TASK_JOB_TYPE) {
      // Zeebe puts a job-based user task's assignment, schedule and form into the job's headers.
      const name = this.definitions.process(activated.processDefinitionKey)?.graph.elements.get(job.elementId)?.name;
      activated.userTask = {
        name,
        assignee: headers['io.camunda.zeebe:assignee'] || undefined,
        candidateGroups: headerList(headers['io.camunda.zeebe:candidateGroups']),
        candidateUsers: headerList(headers['io.camunda.zeebe:candidateUsers']),
        dueDate: headers['io.camunda.zeebe:dueDate'] || undefined,
        followUpDate: headers['io.camunda.zeebe:followUpDate'] || undefined,
        formKey: headers['io.camunda.zeebe:formKey'] || undefined,
      } as ActivatedJob['userTask'];
    }
    return activated;
  }

  async completeJob(jobKey: number, variables?: Record<string, unknown>): Promise<void> {
    const vars = safe(variables);
    try {
      await this.call(() => this.client.completeJob({ jobKey: String(jobKey), variables: vars as never }));
    } catch (error) {
      // A task whose job the cluster no longer has (its case was cancelled or moved on elsewhere) leaves the task list.
      if (error instanceof EngineRejection && error.type === 'NOT_FOUND') {
        const [gone] = await this.openUserTasks('key', jobKey);
        if (gone) await this.log.write([this.userTaskJobRecord('CANCELED', gone)]);
      }
      throw error;
    }
    const job = this.activeJobs.get(jobKey);
    this.activeJobs.delete(jobKey);
    const [task] = await this.openUserTasks('key', jobKey);
    const pi = task?.processInstanceKey ?? job?.processInstanceKey;
    const records: NewRecord[] = [];
    if (task) records.push(this.userTaskJobRecord('COMPLETED', task));
    else if (job) records.push({ valueType: 'JOB', intent: 'COMPLETED', key: jobKey, processInstanceKey: job.processInstanceKey, value: this.jobValue(job) });
    // Without output mappings Zeebe propagates a job's variables to the instance; that is what the view shows.
    if (pi !== undefined && Object.keys(vars).length > 0) records.push(...this.variableRecords(pi, pi, Object.entries(vars), await this.knownVariables(pi)));
    if (records.length > 0) await this.log.write(records);
  }

  async failJob(jobKey: number, failure: FailJob): Promise<void> {
    const retries = failure.retries;
    await this.call(() =>
      this.client.failJob({ jobKey: String(jobKey), retries, errorMessage: failure.errorMessage ?? '', retryBackOff: failure.retryBackOff ?? 0 }),
    );
    const job = this.activeJobs.get(jobKey);
    this.activeJobs.delete(jobKey);
    if (!job) return;
    const records: NewRecord[] = [{ valueType: 'JOB', intent: 'FAILED', key: jobKey, processInstanceKey: job.processInstanceKey, value: { ...this.jobValue(job), retries, errorMessage: failure.errorMessage ?? '' } }];
    if (retries > 0) {
      await this.log.write(records);
      return;
    }
    // No retries left: the cluster opened an incident. Its key is only exported, so ours mirrors it under a key of ours.
    const incidentKey = this.log.nextLocalKey();
    const data = {
      errorType: 'JOB_NO_RETRIES',
      errorMessage: failure.errorMessage || 'No more retries left.',
      elementId: job.elementId,
      bpmnProcessId: job.bpmnProcessId,
      processDefinitionKey: job.processDefinitionKey,
      createdAt: this.clock.now(),
    };
    records.push({
      valueType: 'INCIDENT', intent: 'CREATED', key: incidentKey, processInstanceKey: job.processInstanceKey,
      value: { ...data, processInstanceKey: job.processInstanceKey, elementInstanceKey: job.elementInstanceKey, jobKey, variableScopeKey: job.elementInstanceKey },
    });
    await this.log.write(records, async (trx) => {
      await trx.executeQuery(
        CompiledQuery.raw(
          `INSERT INTO incidents (key, process_instance_key, element_instance_key, job_key, state, data) VALUES ($1, $2, $3, $4, 'ACTIVE', $5::jsonb)`,
          [incidentKey, job.processInstanceKey, job.elementInstanceKey, jobKey, JSON.stringify(data)],
        ),
      );
    });
  }

  async throwError(jobKey: number, errorCode: string, errorMessage?: string, variables?: Record<string, unknown>): Promise<void> {
    if (!errorCode) throw invalidArgument('Expected an error code, but none given');
    const vars = safe(variables);
    await this.call(() => this.client.throwError({ jobKey: String(jobKey), errorCode, errorMessage: errorMessage ?? '', variables: vars } as never));
    const job = this.activeJobs.get(jobKey);
    this.activeJobs.delete(jobKey);
    if (job) await this.log.write([{ valueType: 'JOB', intent: 'ERROR_THROWN', key: jobKey, processInstanceKey: job.processInstanceKey, value: { ...this.jobValue(job), errorCode, errorMessage: errorMessage ?? '' } }]);
  }

  async updateJobRetries(jobKey: number, retries: number): Promise<void> {
    if (!Number.isInteger(retries) || retries < 1) throw invalidArgument(`retries must be a whole number ≥ 1, but was ${retries}`);
    await this.call(() => this.client.updateJobRetries({ jobKey: String(jobKey), retries }));
  }

  async updateJobTimeout(jobKey: number, timeout: number): Promise<void> {
    if (!Number.isInteger(timeout) || timeout < 0) throw invalidArgument(`timeout must be a whole number of milliseconds ≥ 0, but was ${timeout}`);
    await this.call(() => updateJobTimeoutCall(this.client, jobKey, timeout));
  }

  /** Job-based user tasks have no assignment command in Zeebe: the assignee lives in our task list. */
  async assignUserTask(userTaskKey: number, assignee: string | null): Promise<void> {
    const [task] = await this.openUserTasks('key', userTaskKey);
    if (!task) throw notFound(`Expected to assign user task with key '${userTaskKey}', but no such open task was found`);
    await this.log.write([
      { valueType: 'USER_TASK', intent: assignee ? 'ASSIGNED' : 'UNASSIGNED', key: userTaskKey, processInstanceKey: task.processInstanceKey, value: { assignee: assignee ?? '', elementId: task.elementId, processInstanceKey: task.processInstanceKey } },
    ]);
  }

  /**
   * Resolves an incident this runtime mirrored. Its cluster key is unknown (only an exporter sees it), so the element
   * is retried the way Zeebe's process instance modification allows: the failed element instance is terminated (which
   * resolves the cluster's incident) and the element activated again, with a new job.
   */
  async resolveIncident(incidentKey: number): Promise<void> {
    const found = await this.store.db.executeQuery<{ process_instance_key: string; element_instance_key: string; state: string; data: Record<string, any> }>(
      CompiledQuery.raw('SELECT process_instance_key, element_instance_key, state, data FROM incidents WHERE key = $1', [incidentKey]),
    );
    const incident = found.rows[0];
    if (!incident || incident.state !== 'ACTIVE') throw notFound(`Expected to resolve incident with key '${incidentKey}', but no such incident was found`);
    const pi = Number(incident.process_instance_key);
    const elementInstanceKey = Number(incident.element_instance_key);
    await this.call(() =>
      this.client.modifyProcessInstance({
        processInstanceKey: String(pi),
        terminateInstructions: [{ elementInstanceKey: String(elementInstanceKey) }],
        activateInstructions: [{ elementId: incident.data.elementId, ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      } as never),
    );
    const element = await this.store.db.executeQuery<{ element_type: string; flow_scope_key: string | null }>(
      CompiledQuery.raw('SELECT element_type, flow_scope_key FROM element_instance_view WHERE key = $1', [elementInstanceKey]),
    );
    const records: NewRecord[] = [
      { valueType: 'INCIDENT', intent: 'RESOLVED', key: incidentKey, processInstanceKey: pi, value: { ...incident.data, processInstanceKey: pi, elementInstanceKey } },
    ];
    if (element.rows[0]) {
      const row = element.rows[0];
      records.push({
        valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_TERMINATED', key: elementInstanceKey, processInstanceKey: pi,
        value: this.elementValue(pi, Number(incident.data.processDefinitionKey), incident.data.bpmnProcessId, this.definitions.process(Number(incident.data.processDefinitionKey))?.version ?? 0, incident.data.elementId, row.element_type, row.flow_scope_key === null ? -1 : Number(row.flow_scope_key)),
      });
    }
    await this.log.write(records, async (trx) => {
      await trx.executeQuery(CompiledQuery.raw(`UPDATE incidents SET state = 'RESOLVED' WHERE key = $1`, [incidentKey]));
    });
  }

  // --- what the history listeners and user-task jobs tell -------------------------------------------

  /**
   * Works one history listener job: what the element did before the listener ran is recorded, the job is completed
   * (the cluster then goes on: a start listener's element is activated, an end listener's completed), and only then
   * what that completion made true — so the view never runs ahead of the cluster (a message catch event shown as
   * waiting has its subscription open). The instance's variables as the job saw them are recorded with the first part.
   * Elements that only have an end listener are entered and left at once.
   */
  async recordHistory(job: ActivatedJob, event: HistoryEvent): Promise<void> {
    const pi = job.processInstanceKey;
    const process = this.definitions.process(job.processDefinitionKey);
    const node = process?.graph.elements.get(job.elementId);
    const isProcess = job.elementId === job.bpmnProcessId && job.elementInstanceKey === pi;
    const elementType = isProcess ? 'PROCESS' : node ? bpmnElementType(node.kind as RuntimeElementKind) : 'UNSPECIFIED';
    const flowScopeKey = isProcess ? -1 : pi;
    const value = this.elementValue(pi, job.processDefinitionKey, job.bpmnProcessId, job.processDefinitionVersion, job.elementId, elementType, flowScopeKey);
    const known = await this.store.db.executeQuery<{ state: string }>(CompiledQuery.raw('SELECT state FROM element_instance_view WHERE key = $1', [job.elementInstanceKey]));
    const state = known.rows[0]?.state;
    const before: NewRecord[] = [];
    const after: NewRecord[] = [];
    const element = (list: NewRecord[], intent: string) => list.push({ valueType: 'PROCESS_INSTANCE', intent, key: job.elementInstanceKey, processInstanceKey: pi, value });
    const ended = state === 'COMPLETED' || state === 'TERMINATED';
    if (state === undefined) element(before, 'ELEMENT_ACTIVATING');
    if (event === 'start') {
      if (!ended && state !== 'ACTIVATED') element(after, 'ELEMENT_ACTIVATED');
      // Gateways take start listeners only and pass at once (an event-based gateway waits for its event).
      if (!ended && /GATEWAY$/.test(elementType) && elementType !== 'EVENT_BASED_GATEWAY') element(after, 'ELEMENT_COMPLETED');
    } else {
      if (state === undefined || state === 'ACTIVATING') element(before, 'ELEMENT_ACTIVATED');
      if (!ended) element(after, 'ELEMENT_COMPLETED');
    }
    before.push(...this.variableRecords(pi, pi, Object.entries(job.variables), await this.knownVariables(pi)));
    if (before.length > 0) await this.log.write(before);
    await this.call(() => this.client.completeJob({ jobKey: String(job.key), variables: {} }));
    this.activeJobs.delete(job.key);
    if (after.length > 0) await this.log.write(after);
  }

  /** New user-task jobs become tasks; a job activated again (after its timeout, or after a restart) is matched by key. */
  private async recordUserTaskJobs(jobs: ActivatedJob[]): Promise<void> {
    const existing = await this.store.db.executeQuery<{ key: string }>(
      CompiledQuery.raw('SELECT key FROM user_task_view WHERE key = ANY($1::int8[])', [jobs.map((j) => j.key)]),
    );
    const known = new Set(existing.rows.map((r) => Number(r.key)));
    const records: NewRecord[] = [];
    for (const job of jobs) {
      if (known.has(job.key)) continue;
      records.push({ valueType: 'JOB', intent: 'CREATED', key: job.key, processInstanceKey: job.processInstanceKey, value: { ...this.jobValue(job), userTask: job.userTask ?? {} } });
      records.push(...this.variableRecords(job.processInstanceKey, job.processInstanceKey, Object.entries(job.variables), await this.knownVariables(job.processInstanceKey)));
    }
    if (records.length > 0) await this.log.write(records);
  }

  // --- helpers ---------------------------------------------------------------------------------------

  private elementValue(pi: number, processDefinitionKey: number, bpmnProcessId: string, version: number, elementId: string, bpmnElementType: string, flowScopeKey: number): Record<string, unknown> {
    return {
      bpmnProcessId, version, processDefinitionKey, processInstanceKey: pi, elementId, flowScopeKey, bpmnElementType,
      bpmnEventType: 'UNSPECIFIED', parentProcessInstanceKey: -1, parentElementInstanceKey: -1,
    };
  }

  private jobValue(job: ActivatedJob): Record<string, unknown> {
    return {
      type: job.type, processInstanceKey: job.processInstanceKey, processDefinitionKey: job.processDefinitionKey, bpmnProcessId: job.bpmnProcessId,
      processDefinitionVersion: job.processDefinitionVersion, elementId: job.elementId, elementInstanceKey: job.elementInstanceKey,
      customHeaders: job.customHeaders, retries: job.retries, worker: job.worker, deadline: job.deadline,
    };
  }

  private userTaskJobRecord(intent: string, task: OpenUserTask): NewRecord {
    return {
      valueType: 'JOB', intent, key: task.key, processInstanceKey: task.processInstanceKey,
      value: { type: USER_TASK_JOB_TYPE, processInstanceKey: task.processInstanceKey, elementId: task.elementId, elementInstanceKey: task.elementInstanceKey },
    };
  }

  private async openUserTasks(column: 'key' | 'process_instance_key', key: number): Promise<OpenUserTask[]> {
    const result = await this.store.db.executeQuery<{ key: string; process_instance_key: string; element_id: string; element_instance_key: string }>(
      CompiledQuery.raw(`SELECT key, process_instance_key, element_id, element_instance_key FROM user_task_view WHERE ${column} = $1 AND state = 'CREATED'`, [key]),
    );
    return result.rows.map((r) => ({ key: Number(r.key), processInstanceKey: Number(r.process_instance_key), elementId: r.element_id, elementInstanceKey: Number(r.element_instance_key) }));
  }

  private async instanceInfo(pi: number): Promise<{ processDefinitionKey: number; bpmnProcessId: string; version: number } | undefined> {
    const result = await this.store.db.executeQuery<{ process_definition_key: string; bpmn_process_id: string; version: number }>(
      CompiledQuery.raw('SELECT process_definition_key, bpmn_process_id, version FROM process_instance_view WHERE key = $1', [pi]),
    );
    const row = result.rows[0];
    return row ? { processDefinitionKey: Number(row.process_definition_key), bpmnProcessId: row.bpmn_process_id, version: row.version } : undefined;
  }

  private async knownVariables(scopeKey: number): Promise<Map<string, string>> {
    const result = await this.store.db.executeQuery<{ name: string; value: unknown }>(
      CompiledQuery.raw('SELECT name, value FROM variable_view WHERE scope_key = $1', [scopeKey]),
    );
    return new Map(result.rows.map((r) => [r.name, JSON.stringify(r.value)]));
  }

  /** VARIABLE records for values that are new or changed against what the view holds. */
  private variableRecords(pi: number, scopeKey: number, entries: Array<[string, unknown]>, known: Map<string, string>): NewRecord[] {
    const records: NewRecord[] = [];
    for (const [name, value] of entries) {
      const json = JSON.stringify(value ?? null);
      if (known.get(name) === json) continue;
      records.push({
        valueType: 'VARIABLE', intent: known.has(name) ? 'UPDATED' : 'CREATED', key: this.log.nextLocalKey(), processInstanceKey: pi,
        value: { name, value: value ?? null, scopeKey, processInstanceKey: pi },
      });
      known.set(name, json);
    }
    return records;
  }

  subscribe(listener: RecordListener): () => void {
    return this.log.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

interface OpenUserTask {
  key: number;
  processInstanceKey: number;
  elementId: string;
  elementInstanceKey: number;
}

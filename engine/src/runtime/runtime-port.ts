import type { Transaction } from 'kysely';
import type { AuditEntry } from '../audit/audit-record.js';
import type { EngineRecord } from '../records/record.js';
import type { Definitions } from './embedded/definitions.js';
import type { DeployResource, DeploymentResult } from './embedded/commands/deployment.js';
import type { ActivateJobs, ActivatedJob, FailJob } from './embedded/commands/job-commands.js';

export type { DeployResource, DeploymentResult, ActivateJobs, ActivatedJob, FailJob };

export interface CreateProcessInstance {
  bpmnProcessId?: string;
  processDefinitionKey?: number;
  /** With bpmnProcessId: a specific version (default latest). */
  version?: number;
  variables?: Record<string, unknown>;
  /** Start at these elements instead of the none start event. */
  startInstructions?: Array<{ elementId: string }>;
  /**
   * The audit record of this creation. The embedded engine writes it in the transaction that creates the instance,
   * so that neither exists without the other; on Zeebe it is appended once the cluster has answered.
   */
  audit?: (created: CreatedProcessInstance) => AuditEntry;
}

/** Where the audit records that commands bring along are written (the AuditLog). */
export interface AuditWriter {
  /** In the caller's transaction, committing with it. */
  appendWithin(trx: Transaction<any>, entries: AuditEntry[]): Promise<unknown>;
  /** In a transaction of its own. */
  append(entry: AuditEntry): Promise<unknown>;
}

export interface CreatedProcessInstance {
  processInstanceKey: number;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: number;
}

export interface PublishMessageCommand {
  name: string;
  correlationKey?: string;
  /** Milliseconds; default 0 (not buffered). */
  timeToLive?: number;
  messageId?: string;
  variables?: Record<string, unknown>;
}

export interface ActivateJobsRequest extends ActivateJobs {
  /** Long polling: wait up to this many milliseconds for jobs when none are activatable. */
  requestTimeout?: number;
  /** Ends a long poll early (the caller went away): nothing is activated after it fires. */
  signal?: AbortSignal;
}

export type RecordListener = (records: EngineRecord[]) => void;

/**
 * The Runtime port: Zeebe's gateway command set plus the record stream. The embedded engine and a
 * Zeebe cluster (through zeebe-node) both implement it; REST routes, the simulator and the gRPC
 * facade only talk to this.
 */
export interface Runtime {
  /** The deployed definitions (process graphs, decisions, forms) as this runtime knows them; routes read forms and graphs here. */
  readonly definitions: Definitions;
  deploy(resources: DeployResource[]): Promise<DeploymentResult>;
  /** Deletes a process definition, decision requirements graph or form by its key (Zeebe's DeleteResource). */
  deleteResource(resourceKey: number): Promise<void>;
  createProcessInstance(command: CreateProcessInstance): Promise<CreatedProcessInstance>;
  cancelProcessInstance(processInstanceKey: number): Promise<void>;
  publishMessage(command: PublishMessageCommand): Promise<{ messageKey: number }>;
  broadcastSignal(signalName: string, variables?: Record<string, unknown>): Promise<{ signalKey: number }>;
  activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]>;
  completeJob(jobKey: number, variables?: Record<string, unknown>): Promise<void>;
  failJob(jobKey: number, failure: FailJob): Promise<void>;
  throwError(jobKey: number, errorCode: string, errorMessage?: string, variables?: Record<string, unknown>): Promise<void>;
  updateJobRetries(jobKey: number, retries: number): Promise<void>;
  updateJobTimeout(jobKey: number, timeout: number): Promise<void>;
  assignUserTask(userTaskKey: number, assignee: string | null): Promise<void>;
  setVariables(elementInstanceKey: number, variables: Record<string, unknown>, local?: boolean): Promise<{ key: number }>;
  resolveIncident(incidentKey: number): Promise<void>;
  subscribe(listener: RecordListener): () => void;
  close(): Promise<void>;
}

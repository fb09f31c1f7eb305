import type { EngineRecord } from '../records/record.js';
import { ElementIntent } from '../records/record.js';

/**
 * What a simulation knows of its cases, read from the engine's record stream only (as an exporter would):
 * a case is a root process instance together with every instance it called. The simulator asserts on these
 * views, paints coverage from them and finds the jobs it completes in them.
 */

export interface ActiveElement {
  key: number;
  elementId: string;
  bpmnElementType: string;
  processInstanceKey: number;
  bpmnProcessId: string;
}

export interface JobView {
  key: number;
  type: string;
  elementId: string;
  elementInstanceKey: number;
  processInstanceKey: number;
  createdAt: number;
  /** User tasks: their form key and due date, as the engine evaluated them. */
  formKey?: string;
  dueDate?: string;
  /** OPEN while the job can still be completed; the other states end it. */
  state: 'OPEN' | 'COMPLETED' | 'CANCELED' | 'ERROR_THROWN';
  endedAt?: number;
}

export interface IncidentView {
  key: number;
  elementId: string;
  errorType: string;
  errorMessage: string;
}

/** Ids covered in one process (by bpmnProcessId). */
export interface CoveredIds {
  elements: Set<string>;
  flows: Set<string>;
}

export class CaseView {
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' = 'ACTIVE';
  endedAt: number | undefined;
  /** The end event at which the root instance completed (the last one completed in it). */
  endEventId: string | undefined;
  /** Element ids as entered and sequence flow ids as taken, in the root instance, in stream order. */
  readonly path: string[] = [];
  readonly active = new Map<number, ActiveElement>();
  /** Element ids completed at least once, in any instance of the case. */
  readonly completed = new Set<string>();
  /** The root instance's own variables (its scope). */
  readonly variables = new Map<string, unknown>();
  readonly openIncidents = new Map<number, IncidentView>();
  readonly jobs = new Map<number, JobView>();
  readonly coverage = new Map<string, CoveredIds>();
  readonly instanceKeys = new Set<number>();

  constructor(
    readonly rootKey: number,
    readonly bpmnProcessId: string,
    readonly startedAt: number,
  ) {
    this.instanceKeys.add(rootKey);
  }

  covered(bpmnProcessId: string): CoveredIds {
    let ids = this.coverage.get(bpmnProcessId);
    if (!ids) this.coverage.set(bpmnProcessId, (ids = { elements: new Set(), flows: new Set() }));
    return ids;
  }

  /** Element ids with a live instance, each once, in the order they were entered. */
  activeElementIds(): string[] {
    return [...new Set([...this.active.values()].sort((a, b) => a.key - b.key).map((e) => e.elementId))];
  }

  /** Jobs that can still be completed, lowest key first. */
  openJobs(): JobView[] {
    return [...this.jobs.values()].filter((j) => j.state === 'OPEN').sort((a, b) => a.key - b.key);
  }
}

export class CaseTracker {
  private readonly caseOfInstance = new Map<number, CaseView>();
  private readonly cases: CaseView[] = [];
  private readonly timers = new Map<number, number>();
  private readonly backOffs = new Map<number, number>();
  private readonly pollTypes = new Set<string>();
  private createdJobs: JobView[] = [];
  private readonly jobCase = new Map<number, CaseView>();

  /** Feed it every committed batch of records (engine.subscribe), in order. */
  readonly consume = (records: EngineRecord[]): void => {
    // Instances first: a batch may create a called instance and write its records after.
    for (const r of records) if (isProcessRecord(r) && r.intent === ElementIntent.ACTIVATING) this.registerInstance(r);
    for (const r of records) this.apply(r);
  };

  /** Every case (root instance) seen, in creation order. */
  allCases(): readonly CaseView[] {
    return this.cases;
  }

  caseOf(processInstanceKey: number): CaseView | undefined {
    return this.caseOfInstance.get(processInstanceKey);
  }

  /** Jobs created since the last call, lowest key first. */
  takeCreatedJobs(): JobView[] {
    const jobs = this.createdJobs.sort((a, b) => a.key - b.key);
    this.createdJobs = [];
    return jobs;
  }

  /** Job types that may have activatable jobs since the last call. */
  takeTypesToPoll(): string[] {
    const types = [...this.pollTypes].sort();
    this.pollTypes.clear();
    return types;
  }

  /** When the engine next has something due on its own (a timer, a job back-off), or Infinity. */
  nextDue(): number {
    let next = Infinity;
    for (const due of this.timers.values()) if (due < next) next = due;
    for (const due of this.backOffs.values()) if (due < next) next = due;
    return next;
  }

  private registerInstance(r: EngineRecord): void {
    if (this.caseOfInstance.has(r.key)) return;
    const parent = Number(r.value.parentProcessInstanceKey);
    const parentCase = parent > 0 ? this.caseOfInstance.get(parent) : undefined;
    if (parentCase) {
      parentCase.instanceKeys.add(r.key);
      this.caseOfInstance.set(r.key, parentCase);
      return;
    }
    const view = new CaseView(r.key, String(r.value.bpmnProcessId), r.timestamp);
    this.cases.push(view);
    this.caseOfInstance.set(r.key, view);
  }

  private apply(r: EngineRecord): void {
    switch (r.valueType) {
      case 'PROCESS_INSTANCE':
        this.applyElement(r);
        return;
      case 'VARIABLE': {
        const view = r.processInstanceKey === null ? undefined : this.caseOfInstance.get(r.processInstanceKey);
        if (view && Number(r.value.scopeKey) === view.rootKey) view.variables.set(String(r.value.name), r.value.value);
        return;
      }
      case 'INCIDENT': {
        const view = r.processInstanceKey === null ? undefined : this.caseOfInstance.get(r.processInstanceKey);
        if (!view) return;
        if (r.intent === 'CREATED') {
          view.openIncidents.set(r.key, {
            key: r.key,
            elementId: String(r.value.elementId),
            errorType: String(r.value.errorType),
            errorMessage: String(r.value.errorMessage),
          });
        } else if (r.intent === 'RESOLVED') view.openIncidents.delete(r.key);
        return;
      }
      case 'JOB':
        this.applyJob(r);
        return;
      case 'TIMER':
        if (r.intent === 'CREATED') this.timers.set(r.key, Number(r.value.dueDate));
        else if (r.intent === 'TRIGGERED' || r.intent === 'CANCELED') this.timers.delete(r.key);
        return;
      default:
        return;
    }
  }

  private applyElement(r: EngineRecord): void {
    const view = r.processInstanceKey === null ? undefined : this.caseOfInstance.get(r.processInstanceKey);
    if (!view) return;
    const v = r.value;
    const elementId = String(v.elementId);
    const type = String(v.bpmnElementType);
    const inRoot = r.processInstanceKey === view.rootKey;
    const covered = view.covered(String(v.bpmnProcessId));
    if (r.intent === ElementIntent.SEQUENCE_FLOW_TAKEN) {
      covered.flows.add(elementId);
      if (inRoot) view.path.push(elementId);
      return;
    }
    if (type === 'PROCESS') {
      if (r.key !== view.rootKey) return;
      if (r.intent === ElementIntent.COMPLETED) view.state = 'COMPLETED';
      else if (r.intent === ElementIntent.TERMINATED) view.state = 'TERMINATED';
      else return;
      view.endedAt = r.timestamp;
      return;
    }
    switch (r.intent) {
      case ElementIntent.ACTIVATING:
        view.active.set(r.key, { key: r.key, elementId, bpmnElementType: type, processInstanceKey: r.processInstanceKey!, bpmnProcessId: String(v.bpmnProcessId) });
        return;
      case ElementIntent.ACTIVATED:
        covered.elements.add(elementId);
        // The body of a multi-instance activity is not a step of its own: its inner instances are.
        if (inRoot && type !== 'MULTI_INSTANCE_BODY') view.path.push(elementId);
        return;
      case ElementIntent.COMPLETED:
        view.active.delete(r.key);
        view.completed.add(elementId);
        covered.elements.add(elementId);
        if (inRoot && type === 'END_EVENT') view.endEventId = elementId;
        return;
      case ElementIntent.TERMINATED:
        view.active.delete(r.key);
        return;
      default:
        return;
    }
  }

  private applyJob(r: EngineRecord): void {
    const v = r.value;
    const type = String(v.type);
    switch (r.intent) {
      case 'CREATED': {
        this.pollTypes.add(type);
        const view = r.processInstanceKey === null ? undefined : this.caseOfInstance.get(r.processInstanceKey);
        const userTask = (v.userTask ?? undefined) as { formKey?: string; dueDate?: string } | undefined;
        const job: JobView = {
          key: r.key,
          type,
          elementId: String(v.elementId),
          elementInstanceKey: Number(v.elementInstanceKey),
          processInstanceKey: Number(v.processInstanceKey),
          createdAt: r.timestamp,
          formKey: userTask?.formKey,
          dueDate: userTask?.dueDate,
          state: 'OPEN',
        };
        this.createdJobs.push(job);
        if (view) {
          view.jobs.set(job.key, job);
          this.jobCase.set(job.key, view);
        }
        return;
      }
      case 'COMPLETED':
      case 'CANCELED':
      case 'ERROR_THROWN': {
        this.backOffs.delete(r.key);
        const job = this.jobCase.get(r.key)?.jobs.get(r.key);
        if (job) {
          job.state = r.intent;
          job.endedAt = r.timestamp;
        }
        this.jobCase.delete(r.key);
        return;
      }
      case 'FAILED': {
        const recurAt = Number(v.recurringTime);
        if (Number(v.retries) > 0 && recurAt > 0) this.backOffs.set(r.key, recurAt);
        else if (Number(v.retries) > 0) this.pollTypes.add(type);
        return;
      }
      case 'TIMED_OUT':
      case 'RECURRED_AFTER_BACKOFF':
      case 'RETRIES_UPDATED':
        this.backOffs.delete(r.key);
        this.pollTypes.add(type);
        return;
      default:
        return;
    }
  }
}

function isProcessRecord(r: EngineRecord): boolean {
  return r.valueType === 'PROCESS_INSTANCE' && r.value.bpmnElementType === 'PROCESS';
}

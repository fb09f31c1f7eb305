import type { ElementKind } from '../../../model/executable-process.js';

/** Element-instance states while alive; completed and terminated instances leave the runtime tables. */
export type ElementState = 'ACTIVATING' | 'ACTIVATED' | 'COMPLETING' | 'TERMINATING';

export type RuntimeElementKind = ElementKind | 'multiInstanceBody';

/** What an element instance carries besides its identity (stored as jsonb). */
export interface ElementInstanceData {
  kind: RuntimeElementKind;
  processDefinitionKey: number;
  bpmnProcessId: string;
  version: number;
  /** Live children (element instances whose flow scope this is). */
  activeChildren: number;
  /** Tokens waiting at joins in this scope: gateway id → sequence flow ids that arrived (with repeats). */
  joins?: Record<string, string[]>;
  /** Process instances created by a call activity: the call activity's element instance and instance. */
  parentElementInstanceKey?: number;
  parentProcessInstanceKey?: number;
  /** The job of a job-worker element. */
  jobKey?: number;
  /** The execution listener running now: its event type, index among the element's listeners of that type, and job. */
  listener?: { eventType: 'start' | 'end'; index: number; jobKey: number };
  /** All listeners of this event type completed: resolving a later incident does not run them again. */
  listenersDone?: 'start' | 'end';
  /** The child process instance of a call activity. */
  calledProcessInstanceKey?: number;
  /** Multi-instance body: the input collection and progress. */
  loop?: { items: unknown[]; nextIndex: number; completed: number; active: number };
  /** Multi-instance body: the completion condition held after an inner instance completed. */
  conditionMet?: boolean;
  /** Inner instance of a multi-instance body. */
  loopCounter?: number;
  /** Variables a trigger delivered (message, signal, error …) to apply when this element completes. */
  triggerVariables?: Record<string, unknown>;
  /** Set on a scope being interrupted by an event sub-process or terminated by a terminate end event. */
  interrupted?: boolean;
  /** A scope whose interrupting event sub-process/boundary takes over when its children are gone. */
  onTerminated?: { activateElementId: string; flowScopeKey: number; variables?: Record<string, unknown> } | null;
  /** The element instance that was activated from an event trigger (the start or boundary event id). */
  triggeredBy?: string;
  /** Key of the message that started a process instance (message start), to release the correlation lock. */
  startCorrelationKey?: string;
  businessKey?: string;
  /** Flows a gateway chose while activating, taken when it completes. */
  takeFlows?: string[];
  /** Data for the element the chosen flow leads to (an event-based gateway hands over the event's variables). */
  nextData?: Partial<ElementInstanceData>;
  /** Subscriptions (timers, messages, signals) are open for this element instance. */
  subscribed?: boolean;
  /** Which tables hold them, so that closing asks only those (absent on rows from before it was kept: all). */
  subscribedKinds?: SubscriptionKind[];
  subscribedBoundaries?: boolean;
  /** An incident is open on this element instance. */
  hasIncident?: boolean;
  /** Start instructions: elements to activate instead of the none start event. */
  startAt?: string[];
  /** Process instances: when it was created (for the read model and cycle times). */
  createdAt?: number;
}

export interface ElementInstanceRow {
  key: number;
  processInstanceKey: number;
  flowScopeKey: number | null;
  elementId: string;
  state: ElementState;
  data: ElementInstanceData;
}

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';

/** Zeebe's JobKind: the element's own work, or one of its execution listeners. */
export type JobKind = 'BPMN_ELEMENT' | 'EXECUTION_LISTENER';
export type JobListenerEventType = 'UNSPECIFIED' | 'START' | 'END';

export interface JobData {
  /** Absent on jobs written before listeners existed: BPMN_ELEMENT. */
  kind?: JobKind;
  /** Execution listener jobs: START or END. */
  listenerEventType?: JobListenerEventType;
  bpmnProcessId: string;
  processDefinitionKey: number;
  processDefinitionVersion: number;
  elementId: string;
  customHeaders: Record<string, string>;
  errorMessage?: string;
  createdAt: number;
  /** User-task jobs: the evaluated assignment and schedule. */
  userTask?: UserTaskJobData;
}

export interface UserTaskJobData {
  name?: string;
  formKey?: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: string;
  followUpDate?: string;
  priority?: number;
}

export interface JobRow {
  key: number;
  type: string;
  state: JobState;
  elementInstanceKey: number;
  processInstanceKey: number;
  retries: number;
  deadline: number | null;
  recurAt: number | null;
  worker: string | null;
  data: JobData;
}

export interface TimerRow {
  key: number;
  dueDate: number;
  /** Null for timer start events (they belong to a process definition, not an instance). */
  elementInstanceKey: number | null;
  processInstanceKey: number | null;
  processDefinitionKey: number;
  /** The catch event / boundary / start event the timer triggers. */
  elementId: string;
  data: {
    /** Remaining repetitions after this one (-1: infinite). */
    repetitions: number;
    /** The cycle to compute the next due date from, for cycles. */
    cycle?: string;
    bpmnProcessId: string;
  };
}

export interface MessageSubscriptionRow {
  key: number;
  messageName: string;
  correlationKey: string;
  /** The element instance that waits (catch event, receive task, the activity of a boundary, the scope of an event sub-process, an event-based gateway). */
  elementInstanceKey: number;
  processInstanceKey: number;
  bpmnProcessId: string;
  data: { elementId: string; interrupting: boolean };
}

export interface SignalSubscriptionRow {
  key: number;
  signalName: string;
  elementInstanceKey: number;
  processInstanceKey: number;
  data: { elementId: string; bpmnProcessId: string };
}

export interface MessageRow {
  key: number;
  name: string;
  correlationKey: string;
  messageId: string | null;
  deadline: number;
  data: { variables: Record<string, unknown>; timeToLive: number };
}

export type IncidentErrorType =
  | 'EXTRACT_VALUE_ERROR'
  | 'IO_MAPPING_ERROR'
  | 'JOB_NO_RETRIES'
  | 'EXECUTION_LISTENER_NO_RETRIES'
  | 'CONDITION_ERROR'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CALLED_ELEMENT_ERROR'
  | 'CALLED_DECISION_ERROR'
  | 'DECISION_EVALUATION_ERROR'
  | 'FORM_NOT_FOUND'
  | 'UNKNOWN';

export interface IncidentRow {
  key: number;
  processInstanceKey: number;
  elementInstanceKey: number;
  jobKey: number | null;
  state: 'ACTIVE' | 'RESOLVED';
  data: {
    errorType: IncidentErrorType;
    errorMessage: string;
    elementId: string;
    bpmnProcessId: string;
    processDefinitionKey: number;
    createdAt: number;
    /** What resolving re-runs. */
    retry: 'activate' | 'complete' | 'job' | 'none';
  };
}

export type SubscriptionKind = 'timer' | 'message' | 'signal';

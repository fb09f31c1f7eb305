/**
 * The ordered record stream, shaped like the records Zeebe's exporters see: every state change
 * of the engine is one record, and projections (instance list, task list, audit) are built from them.
 */
export type ValueType =
  | 'DEPLOYMENT'
  | 'PROCESS'
  | 'DECISION'
  | 'DECISION_REQUIREMENTS'
  | 'FORM'
  | 'RESOURCE_DELETION'
  | 'PROCESS_INSTANCE'
  | 'PROCESS_INSTANCE_CREATION'
  | 'JOB'
  | 'VARIABLE'
  | 'VARIABLE_DOCUMENT'
  | 'INCIDENT'
  | 'MESSAGE'
  | 'MESSAGE_SUBSCRIPTION'
  | 'MESSAGE_START_EVENT_SUBSCRIPTION'
  | 'SIGNAL'
  | 'SIGNAL_SUBSCRIPTION'
  | 'TIMER'
  | 'ERROR'
  | 'ESCALATION'
  | 'DECISION_EVALUATION'
  | 'USER_TASK';

export interface EngineRecord<V = Record<string, unknown>> {
  /** Strictly increasing over the whole stream. */
  position: number;
  /** The key of the entity the record is about (element instance, job, variable …). */
  key: number;
  valueType: ValueType;
  intent: string;
  processInstanceKey: number | null;
  timestamp: number;
  value: V;
}

/** Element-instance lifecycle intents (valueType PROCESS_INSTANCE). */
export const ElementIntent = {
  ACTIVATING: 'ELEMENT_ACTIVATING',
  ACTIVATED: 'ELEMENT_ACTIVATED',
  COMPLETING: 'ELEMENT_COMPLETING',
  COMPLETED: 'ELEMENT_COMPLETED',
  TERMINATING: 'ELEMENT_TERMINATING',
  TERMINATED: 'ELEMENT_TERMINATED',
  SEQUENCE_FLOW_TAKEN: 'SEQUENCE_FLOW_TAKEN',
} as const;

/** The value of a PROCESS_INSTANCE record. */
export interface ProcessInstanceRecordValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: number;
  processInstanceKey: number;
  elementId: string;
  flowScopeKey: number;
  bpmnElementType: string;
  bpmnEventType: string;
  parentProcessInstanceKey: number;
  parentElementInstanceKey: number;
  [key: string]: unknown;
}

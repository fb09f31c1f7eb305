/**
 * The executable graph a BPMN process compiles to, once per deployed version.
 * The interpreter walks this and never looks at moddle objects again.
 */

/** A value that is either a literal (as written) or a FEEL expression (Zeebe: written with a leading `=`). */
export type ValueExpression =
  | { type: 'static'; value: string }
  | { type: 'feel'; source: string };

/** One zeebe:input / zeebe:output mapping. `source` is FEEL (without the `=`); `target` a variable path (`a` or `a.b.c`). */
export interface VariableMapping {
  source: string;
  target: string;
}

export type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

export interface TimerDefinition {
  kind: TimerKind;
  expression: ValueExpression;
}

export type EventDefinition =
  | { type: 'none' }
  | { type: 'message'; messageName: ValueExpression; correlationKey?: ValueExpression }
  | { type: 'timer'; timer: TimerDefinition }
  | { type: 'signal'; signalName: ValueExpression }
  /** errorCode undefined: catch-all (boundary / event sub-process start). */
  | { type: 'error'; errorCode?: ValueExpression; errorCodeVariable?: string; errorMessageVariable?: string }
  /** escalationCode undefined: catch-all. */
  | { type: 'escalation'; escalationCode?: ValueExpression }
  | { type: 'terminate' }
  | { type: 'link'; linkName: string };

export type ElementKind =
  | 'process'
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'serviceTask'
  | 'sendTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'userTask'
  | 'receiveTask'
  | 'manualTask'
  | 'task'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'eventSubProcess'
  | 'callActivity';

/** Job settings of a job-worker element (service, send, script/business-rule/end/throw with taskDefinition, user task). */
export interface JobDefinition {
  type: ValueExpression;
  retries: ValueExpression;
  /** zeebe:taskHeaders, static strings. */
  customHeaders: Record<string, string>;
}

/** When an execution listener runs: after the element's input mappings, or after its output mappings. */
export type ExecutionListenerEventType = 'start' | 'end';

/** One zeebe:executionListener: a job of its type that must complete before the element goes on. */
export interface ExecutionListener {
  eventType: ExecutionListenerEventType;
  type: ValueExpression;
  retries: ValueExpression;
  /** zeebe:taskHeaders of the listener, static strings. */
  customHeaders: Record<string, string>;
}

export interface UserTaskDefinition {
  /** zeebe:formDefinition formKey (e.g. `gongzhi:form:intake`) or formId. */
  formKey?: string;
  formId?: string;
  assignee?: ValueExpression;
  /** Evaluates to a list of strings, or a comma separated static string. */
  candidateGroups?: ValueExpression;
  candidateUsers?: ValueExpression;
  dueDate?: ValueExpression;
  followUpDate?: ValueExpression;
  priority?: ValueExpression;
}

export interface CalledElementDefinition {
  processId: ValueExpression;
  /** 'latest' (default), 'deployment' or 'versionTag' (Zeebe bindingType). */
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
}

export interface CalledDecisionDefinition {
  decisionId: ValueExpression;
  resultVariable: string;
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
}

export interface ScriptDefinition {
  /** FEEL source without the leading `=`. */
  expression: string;
  resultVariable: string;
}

export interface MultiInstanceDefinition {
  sequential: boolean;
  /** FEEL, must evaluate to a list. */
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  /** FEEL evaluated in the inner instance's scope. */
  outputElement?: string;
  /** FEEL, evaluated after each inner instance completes. */
  completionCondition?: string;
}

export interface FlowNode {
  id: string;
  name?: string;
  kind: ElementKind;
  /** Id of the enclosing flow scope: the process id, a sub-process id or an event sub-process id. */
  flowScopeId: string;
  incoming: string[];
  outgoing: string[];
  defaultFlowId?: string;
  eventDefinition?: EventDefinition;
  inputMappings: VariableMapping[];
  outputMappings: VariableMapping[];
  /** Present when the element is executed by a job worker (incl. user tasks: type io.camunda.zeebe:userTask). */
  job?: JobDefinition;
  userTask?: UserTaskDefinition;
  script?: ScriptDefinition;
  calledDecision?: CalledDecisionDefinition;
  calledElement?: CalledElementDefinition;
  multiInstance?: MultiInstanceDefinition;
  /** zeebe:executionListeners of eventType start, in declaration order (absent: none). */
  startListeners?: ExecutionListener[];
  /** zeebe:executionListeners of eventType end, in declaration order (absent: none). */
  endListeners?: ExecutionListener[];
  /** Ids of boundary events attached to this activity. */
  boundaryEventIds: string[];
  /** For boundary events: the activity they are attached to. */
  attachedToId?: string;
  /** Boundary events: cancelActivity; event sub-process start events: isInterrupting. */
  interrupting?: boolean;
  /** Containers (process, sub-process, event sub-process): their direct children. */
  childIds?: string[];
  /** Containers: the none start event (embedded sub-process or process). */
  noneStartEventId?: string;
  /** Containers: start events of event sub-processes directly inside (their ids, not the sub-process ids). */
  eventSubProcessStartIds?: string[];
  /** Event sub-process: its (single) start event. */
  startEventId?: string;
}

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceId: string;
  targetId: string;
  /** FEEL source without the leading `=`. */
  condition?: string;
}

export interface ExecutableProcess {
  bpmnProcessId: string;
  name?: string;
  versionTag?: string;
  /** All flow nodes by id, including the process itself (kind 'process', flowScopeId ''). */
  elements: Map<string, FlowNode>;
  flows: Map<string, SequenceFlow>;
  /** Start events directly in the process with a message, timer or signal definition. */
  eventStartIds: string[];
  noneStartEventId?: string;
  /** Link catch events by link name, per flow scope id: `${flowScopeId}/${linkName}` → element id. */
  linkTargets: Map<string, string>;
}

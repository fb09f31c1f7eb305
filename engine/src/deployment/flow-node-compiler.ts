/**
 * One BPMN flow node → FlowNode: its behaviour-specific parts (job, user task, script, called
 * element/decision, event definition, multi-instance, mappings). Connections (incoming,
 * outgoing, boundary events, children) are filled in by the process compiler.
 */
import type { ElementKind, FlowNode } from '../model/executable-process.js';
import {
  booleanProperty,
  elementIdOf,
  elementListProperty,
  elementProperty,
  extensionElementsOfType,
  nonBlankProperty,
  type BpmnElement,
} from './bpmn-element.js';
import { compileCalledDecision } from './called-decision-compiler.js';
import { compileCalledElement } from './called-element-compiler.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement, zeebeName } from './element-description.js';
import { compileEventDefinition, compileMessageReference, type EventPlacement } from './event-definition-compiler.js';
import { compileExecutionListeners } from './execution-listener-compiler.js';
import { ACTIVITY_KINDS } from './flow-element-kinds.js';
import { compileJobDefinition, hasTaskDefinition } from './job-definition-compiler.js';
import { compileLoopCharacteristics } from './multi-instance-compiler.js';
import { compileScript } from './script-compiler.js';
import { compileUserTask } from './user-task-compiler.js';
import { compileVariableMappings } from './variable-mapping-compiler.js';

/** The kind of container a flow node sits in directly. */
export type ContainerKind = 'process' | 'subProcess' | 'eventSubProcess';

export function compileFlowNode(
  context: CompilationContext,
  element: BpmnElement,
  id: string,
  kind: ElementKind,
  flowScopeId: string,
  containerKind: ContainerKind,
): FlowNode {
  const node: FlowNode = {
    id,
    kind,
    flowScopeId,
    incoming: [],
    outgoing: [],
    ...compileVariableMappings(context, element),
    boundaryEventIds: [],
  };
  const name = nonBlankProperty(element, 'name');
  if (name) node.name = name;
  reportUnsupportedExtensions(context, element, id);

  if (ACTIVITY_KINDS.has(kind)) compileActivity(context, element, node);
  if (kind === 'exclusiveGateway' || kind === 'inclusiveGateway') compileDefaultFlow(context, element, node);
  const placement = eventPlacement(kind, containerKind);
  if (placement) compileEvent(context, element, node, placement);
  compileExecutionListeners(context, element, node);
  if (kind === 'subProcess' || kind === 'eventSubProcess') {
    node.childIds = [];
    node.eventSubProcessStartIds = [];
  }
  if (kind === 'eventSubProcess' && elementProperty(element, 'loopCharacteristics')) {
    context.report(id, `${capitalise(describeElement(element))} is an event sub-process and cannot be multi-instance`);
  }
  return node;
}

const UNSUPPORTED_EXTENSIONS: Array<[type: string, words: string]> = [
  ['zeebe:TaskListeners', 'task listeners'],
];

/** Zeebe features the graph has no place for: accepting them would silently skip them at run time. */
export function reportUnsupportedExtensions(context: CompilationContext, element: BpmnElement, id: string): void {
  for (const [type, words] of UNSUPPORTED_EXTENSIONS) {
    const used = extensionElementsOfType(element, type).some((listeners) => elementListProperty(listeners, 'listeners').length > 0);
    if (used) {
      context.report(id, `${capitalise(describeElement(element))} has ${words} (${zeebeName(type)}), which are not supported`);
    }
  }
}

function eventPlacement(kind: ElementKind, containerKind: ContainerKind): EventPlacement | undefined {
  switch (kind) {
    case 'startEvent':
      return containerKind === 'process' ? 'processStart' : containerKind === 'subProcess' ? 'subProcessStart' : 'eventSubProcessStart';
    case 'intermediateCatchEvent':
      return 'intermediateCatch';
    case 'intermediateThrowEvent':
      return 'intermediateThrow';
    case 'endEvent':
      return 'end';
    case 'boundaryEvent':
      return 'boundary';
    default:
      return undefined;
  }
}

function compileEvent(context: CompilationContext, element: BpmnElement, node: FlowNode, placement: EventPlacement): void {
  let interrupting = true;
  if (placement === 'boundary') {
    interrupting = booleanProperty(element, 'cancelActivity') ?? true;
    node.interrupting = interrupting;
  } else if (placement === 'eventSubProcessStart') {
    interrupting = booleanProperty(element, 'isInterrupting') ?? true;
    node.interrupting = interrupting;
  }
  const { definition, type } = compileEventDefinition(context, element, placement, interrupting);
  if (definition) node.eventDefinition = definition;
  // Message throw events are job-based: a worker publishes the message (docs.camunda.io "Message events").
  if (type === 'message' && (placement === 'intermediateThrow' || placement === 'end')) {
    const job = compileJobDefinition(context, element);
    if (job) node.job = job;
  }
}

function compileActivity(context: CompilationContext, element: BpmnElement, node: FlowNode): void {
  const subject = capitalise(describeElement(element));
  if (booleanProperty(element, 'isForCompensation')) {
    context.report(node.id, `Element '${node.id}' of type '${element.$type}' is a compensation handler, which is not supported`);
  }
  const multiInstance = compileLoopCharacteristics(context, element);
  if (multiInstance) node.multiInstance = multiInstance;

  switch (node.kind) {
    case 'serviceTask':
    case 'sendTask': {
      const job = compileJobDefinition(context, element);
      if (job) node.job = job;
      break;
    }
    case 'scriptTask': {
      const script = context.singleExtension(element, 'zeebe:Script');
      if (script && hasTaskDefinition(element)) {
        context.report(node.id, `${subject} must have either a zeebe:script or a zeebe:taskDefinition, not both`);
      } else if (script) {
        const compiled = compileScript(context, element, script);
        if (compiled) node.script = compiled;
      } else if (hasTaskDefinition(element)) {
        const job = compileJobDefinition(context, element);
        if (job) node.job = job;
      } else {
        context.report(node.id, `${subject} must have either a zeebe:script (FEEL) or a zeebe:taskDefinition (job worker)`);
      }
      break;
    }
    case 'businessRuleTask': {
      const calledDecision = context.singleExtension(element, 'zeebe:CalledDecision');
      if (calledDecision && hasTaskDefinition(element)) {
        context.report(node.id, `${subject} must have either a zeebe:calledDecision or a zeebe:taskDefinition, not both`);
      } else if (calledDecision) {
        const compiled = compileCalledDecision(context, element, calledDecision);
        if (compiled) node.calledDecision = compiled;
      } else if (hasTaskDefinition(element)) {
        const job = compileJobDefinition(context, element);
        if (job) node.job = job;
      } else {
        context.report(
          node.id,
          `${subject} must have either a zeebe:calledDecision (DMN decision) or a zeebe:taskDefinition (job worker)`,
        );
      }
      break;
    }
    case 'userTask': {
      const { job, userTask } = compileUserTask(context, element);
      node.job = job;
      node.userTask = userTask;
      break;
    }
    case 'receiveTask':
      compileReceiveTask(context, element, node);
      break;
    case 'callActivity': {
      const calledElement = compileCalledElement(context, element);
      if (calledElement) node.calledElement = calledElement;
      break;
    }
    default:
      // Manual tasks, undefined tasks and embedded sub-processes need nothing more here.
      break;
  }
}

/** A receive task waits for its message like a message catch event, so it carries the same definition. */
function compileReceiveTask(context: CompilationContext, element: BpmnElement, node: FlowNode): void {
  const message = elementProperty(element, 'messageRef');
  const subject = capitalise(describeElement(element));
  if (!message) {
    const writtenId = context.unresolvedReferences.idWrittenIn(element, 'messageRef');
    context.report(
      node.id,
      writtenId === undefined
        ? `${subject} must reference a message (messageRef)`
        : `${subject} references message '${writtenId}', which does not exist`,
    );
    return;
  }
  const definition = compileMessageReference(context, element, message, true);
  if (definition) node.eventDefinition = definition;
}

function compileDefaultFlow(context: CompilationContext, element: BpmnElement, node: FlowNode): void {
  const defaultFlow = elementProperty(element, 'default');
  if (defaultFlow) {
    const flowId = elementIdOf(defaultFlow);
    if (flowId !== undefined) node.defaultFlowId = flowId;
    return;
  }
  const writtenId = context.unresolvedReferences.idWrittenIn(element, 'default');
  if (writtenId !== undefined) {
    context.report(node.id, `The default flow '${writtenId}' of ${describeElement(element)} does not exist`);
  }
}

/**
 * Event definitions → EventDefinition, with Zeebe's rules on which definition may appear where
 * (docs.camunda.io "BPMN coverage", "Message events", "Timer events", "Error events", ...).
 */
import type { EventDefinition, TimerDefinition, TimerKind, ValueExpression } from '../model/executable-process.js';
import {
  elementIdOf,
  elementListProperty,
  elementProperty,
  nonBlankProperty,
  stringProperty,
  type BpmnElement,
} from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement, withArticle } from './element-description.js';
import { findTimerValueError } from './timer-value-syntax.js';

/** Where an event sits decides which definitions it may have. */
export type EventPlacement =
  | 'processStart'
  | 'subProcessStart'
  | 'eventSubProcessStart'
  | 'intermediateCatch'
  | 'intermediateThrow'
  | 'end'
  | 'boundary';

type DefinitionType = EventDefinition['type'];

const DEFINITION_TYPES = new Map<string, DefinitionType>([
  ['bpmn:MessageEventDefinition', 'message'],
  ['bpmn:TimerEventDefinition', 'timer'],
  ['bpmn:SignalEventDefinition', 'signal'],
  ['bpmn:ErrorEventDefinition', 'error'],
  ['bpmn:EscalationEventDefinition', 'escalation'],
  ['bpmn:TerminateEventDefinition', 'terminate'],
  ['bpmn:LinkEventDefinition', 'link'],
]);

const UNSUPPORTED_DEFINITION_WORDS = new Map<string, string>([
  ['bpmn:CompensateEventDefinition', 'compensation'],
  ['bpmn:ConditionalEventDefinition', 'conditional'],
  ['bpmn:CancelEventDefinition', 'cancel'],
]);

const ALLOWED: Record<EventPlacement, DefinitionType[]> = {
  processStart: ['none', 'message', 'timer', 'signal'],
  subProcessStart: ['none'],
  eventSubProcessStart: ['message', 'timer', 'error', 'signal', 'escalation'],
  intermediateCatch: ['message', 'timer', 'signal', 'link'],
  intermediateThrow: ['none', 'message', 'signal', 'escalation', 'link'],
  end: ['none', 'error', 'message', 'terminate', 'signal', 'escalation'],
  boundary: ['message', 'timer', 'error', 'signal', 'escalation'],
};

/** Definitions that may be non-interrupting (boundary events, event sub-process starts). */
const NON_INTERRUPTING: DefinitionType[] = ['message', 'timer', 'signal', 'escalation'];

const TIMER_KINDS: TimerKind[] = ['timeDate', 'timeDuration', 'timeCycle'];

const TIMER_KIND_WORDS: Record<TimerKind, string> = {
  timeDate: 'time date',
  timeDuration: 'time duration',
  timeCycle: 'time cycle',
};

export interface EventDefinitionCompilation {
  /** Undefined when the definition has problems, or for a message throw event without a message. */
  definition: EventDefinition | undefined;
  /** The BPMN type of the single definition ('none' when there is none), valid even with problems. */
  type: DefinitionType | 'unsupported';
}

/**
 * Compile the event definition of `event` at `placement`. `interrupting` matters for boundary
 * events (cancelActivity) and event sub-process start events (isInterrupting).
 */
export function compileEventDefinition(
  context: CompilationContext,
  event: BpmnElement,
  placement: EventPlacement,
  interrupting: boolean,
): EventDefinitionCompilation {
  const id = elementIdOf(event);
  const subject = capitalise(describeElement(event));
  const definitions = elementListProperty(event, 'eventDefinitions');

  if (elementListProperty(event, 'eventDefinitionRef').length > 0) {
    context.report(id, `${subject} refers to a reusable event definition (eventDefinitionRef), which is not supported`);
    return { definition: undefined, type: 'unsupported' };
  }
  if (definitions.length > 1) {
    context.report(
      id,
      `${subject} has ${definitions.length} event definitions: multiple and parallel multiple events are not supported`,
    );
    return { definition: undefined, type: 'unsupported' };
  }

  const definition = definitions[0];
  const definitionType = definition ? DEFINITION_TYPES.get(definition.$type) : 'none';
  if (definitionType === undefined) {
    const words = UNSUPPORTED_DEFINITION_WORDS.get(definition.$type) ?? definition.$type;
    context.report(id, `Element '${id ?? '?'}' of type '${event.$type}' with ${withArticle(words)} event definition is not supported`);
    return { definition: undefined, type: 'unsupported' };
  }
  const type: DefinitionType = definitionType;

  if (!ALLOWED[placement].includes(type)) {
    reportMisplaced(context, event, placement, type);
    return { definition: undefined, type };
  }
  if (!interrupting && !NON_INTERRUPTING.includes(type)) {
    context.report(id, `${subject} is non-interrupting, which ${withArticle(type)} event cannot be: it must interrupt`);
    return { definition: undefined, type };
  }
  if (!definition) return { definition: { type: 'none' }, type };

  const before = context.problems.length;
  const compiled = compileDefinition(context, event, definition, type, placement, interrupting);
  return { definition: context.problems.length === before ? compiled : undefined, type };
}

function compileDefinition(
  context: CompilationContext,
  event: BpmnElement,
  definition: BpmnElement,
  type: DefinitionType,
  placement: EventPlacement,
  interrupting: boolean,
): EventDefinition | undefined {
  switch (type) {
    case 'message':
      return compileMessage(context, event, definition, placement);
    case 'timer': {
      const timer = compileTimer(context, event, definition, placement, interrupting);
      return timer && { type: 'timer', timer };
    }
    case 'signal':
      return compileSignal(context, event, definition);
    case 'error':
      return compileError(context, event, definition, placement);
    case 'escalation':
      return compileEscalation(context, event, definition, placement);
    case 'link':
      return compileLink(context, event, definition);
    case 'terminate':
      return { type: 'terminate' };
    case 'none':
      return { type: 'none' };
  }
}

function reportMisplaced(context: CompilationContext, event: BpmnElement, placement: EventPlacement, type: DefinitionType): void {
  const id = elementIdOf(event);
  const subject = capitalise(describeElement(event));
  const allowed = ALLOWED[placement].join(', ');
  if (type === 'none') {
    context.report(id, `${subject} must have an event definition (one of: ${allowed})`);
  } else if (placement === 'subProcessStart') {
    context.report(
      id,
      `Element '${id ?? '?'}' of type '${event.$type}' with ${withArticle(type)} event definition is not supported inside an ` +
        'embedded sub-process: only a none start event can start one',
    );
  } else if (placement === 'processStart' && (type === 'error' || type === 'escalation')) {
    context.report(id, `${subject} with ${withArticle(type)} event definition is only allowed in an event sub-process`);
  } else {
    context.report(id, `${subject} cannot have ${withArticle(type)} event definition here; allowed: ${allowed}`);
  }
}

/**
 * A referenced root element (message, signal, error, escalation), or a report of why it is missing:
 * never written, or written with an id that does not exist.
 */
function referencedElement(
  context: CompilationContext,
  event: BpmnElement,
  definition: BpmnElement,
  property: string,
  what: string,
  required: boolean,
): BpmnElement | undefined {
  const referenced = elementProperty(definition, property);
  if (referenced) return referenced;
  const writtenId = context.unresolvedReferences.idWrittenIn(definition, property);
  const subject = capitalise(describeElement(event));
  if (writtenId !== undefined) {
    context.report(elementIdOf(event), `${subject} references ${what} '${writtenId}', which does not exist`);
  } else if (required) {
    context.report(elementIdOf(event), `${subject} must reference ${withArticle(what)} (${property})`);
  }
  return undefined;
}

function compileMessage(
  context: CompilationContext,
  event: BpmnElement,
  definition: BpmnElement,
  placement: EventPlacement,
): EventDefinition | undefined {
  const isThrow = placement === 'intermediateThrow' || placement === 'end';
  // Throw events are job-based: the worker sends the message, so a message reference is optional.
  const message = referencedElement(context, event, definition, 'messageRef', 'message', !isThrow);
  if (!message) return undefined;
  return compileMessageReference(context, event, message, !isThrow && placement !== 'processStart');
}

/**
 * The message of a message event or receive task. Catching elements other than a process's own
 * start events correlate by key, so they need zeebe:subscription correlationKey.
 */
export function compileMessageReference(
  context: CompilationContext,
  owner: BpmnElement,
  message: BpmnElement,
  needsCorrelationKey: boolean,
): EventDefinition | undefined {
  const ownerId = elementIdOf(owner);
  const subject = describeElement(owner);
  const messageId = elementIdOf(message) ?? '?';
  const before = context.problems.length;
  const name = nonBlankProperty(message, 'name');
  if (!name) context.report(ownerId, `Message '${messageId}' referenced by ${subject} has no name`);
  const subscription = context.singleExtension(message, 'zeebe:Subscription');
  const key = subscription && nonBlankProperty(subscription, 'correlationKey');
  // Zeebe checks every zeebe:subscription, even on a message only a start event uses.
  if ((needsCorrelationKey || subscription) && !key) {
    context.report(
      ownerId,
      `Message '${messageId}' ${needsCorrelationKey ? 'caught' : 'used'} by ${subject} has no correlation key (zeebe:subscription correlationKey)`,
    );
  }
  const correlationSource = key && context.feelExpression(ownerId, `the correlation key of message '${messageId}'`, key);
  if (!name) return undefined;
  const messageName = context.valueExpression(ownerId, `the message name of ${subject}`, name);
  if (context.problems.length !== before) return undefined;
  // A process's own message start events do not correlate: any message of that name starts an instance.
  return needsCorrelationKey && correlationSource !== undefined
    ? { type: 'message', messageName, correlationKey: { type: 'feel', source: correlationSource } }
    : { type: 'message', messageName };
}

function allowedTimerKinds(placement: EventPlacement, interrupting: boolean): TimerKind[] {
  switch (placement) {
    case 'processStart':
      return ['timeDate', 'timeCycle'];
    case 'intermediateCatch':
      return ['timeDuration', 'timeDate'];
    default:
      // A cycle only makes sense when the event can fire repeatedly, i.e. without interrupting.
      return interrupting ? ['timeDuration', 'timeDate'] : ['timeDuration', 'timeDate', 'timeCycle'];
  }
}

function compileTimer(
  context: CompilationContext,
  event: BpmnElement,
  definition: BpmnElement,
  placement: EventPlacement,
  interrupting: boolean,
): TimerDefinition | undefined {
  const id = elementIdOf(event);
  const subject = capitalise(describeElement(event));
  const present = TIMER_KINDS.filter((kind) => elementProperty(definition, kind) !== undefined);
  if (present.length !== 1) {
    context.report(
      id,
      `${subject} must have exactly one timer: time date, time duration or time cycle (found ${present.length})`,
    );
    return undefined;
  }
  const kind = present[0];
  const allowed = allowedTimerKinds(placement, interrupting);
  if (!allowed.includes(kind)) {
    const qualifier = placement === 'boundary' || placement === 'eventSubProcessStart' ? (interrupting ? 'an interrupting ' : 'a non-interrupting ') : '';
    context.report(
      id,
      `${subject} is ${qualifier || 'a '}timer ${placement === 'processStart' ? 'start event' : 'event'} with a ` +
        `${TIMER_KIND_WORDS[kind]}; it must have a ${allowed.map((k) => TIMER_KIND_WORDS[k]).join(' or ')}`,
    );
    return undefined;
  }
  const body = stringProperty(elementProperty(definition, kind)!, 'body')?.trim();
  if (!body) {
    context.report(id, `${subject} has an empty ${TIMER_KIND_WORDS[kind]}`);
    return undefined;
  }
  const expression = context.valueExpression(id, `the ${TIMER_KIND_WORDS[kind]} of ${describeElement(event)}`, body);
  if (expression.type === 'static') {
    const error = findTimerValueError(kind, expression.value);
    if (error) {
      context.report(id, `${subject} has an invalid ${TIMER_KIND_WORDS[kind]}: ${error}`);
      return undefined;
    }
  }
  return { kind, expression };
}

function compileSignal(context: CompilationContext, event: BpmnElement, definition: BpmnElement): EventDefinition | undefined {
  const signal = referencedElement(context, event, definition, 'signalRef', 'signal', true);
  if (!signal) return undefined;
  const name = nonBlankProperty(signal, 'name');
  if (!name) {
    context.report(elementIdOf(event), `Signal '${elementIdOf(signal) ?? '?'}' referenced by ${describeElement(event)} has no name`);
    return undefined;
  }
  const signalName = context.valueExpression(elementIdOf(event), `the signal name of ${describeElement(event)}`, name);
  return { type: 'signal', signalName };
}

function compileError(
  context: CompilationContext,
  event: BpmnElement,
  definition: BpmnElement,
  placement: EventPlacement,
): EventDefinition | undefined {
  const id = elementIdOf(event);
  const isThrow = placement === 'end';
  const error = referencedElement(context, event, definition, 'errorRef', 'error', isThrow);
  if (!error) return isThrow ? undefined : { type: 'error' };
  const code = nonBlankProperty(error, 'errorCode');
  const errorId = elementIdOf(error) ?? '?';
  if (isThrow) {
    if (!code) {
      context.report(id, `Error '${errorId}' thrown by ${describeElement(event)} has no error code (errorCode)`);
      return undefined;
    }
    return { type: 'error', errorCode: context.valueExpression(id, `the error code of ${describeElement(event)}`, code) };
  }
  if (!code) return { type: 'error' };
  return { type: 'error', errorCode: staticCatchCode(context, event, 'error code', code) };
}

function compileEscalation(
  context: CompilationContext,
  event: BpmnElement,
  definition: BpmnElement,
  placement: EventPlacement,
): EventDefinition | undefined {
  const id = elementIdOf(event);
  const isThrow = placement === 'end' || placement === 'intermediateThrow';
  const escalation = referencedElement(context, event, definition, 'escalationRef', 'escalation', isThrow);
  if (!escalation) return isThrow ? undefined : { type: 'escalation' };
  const code = nonBlankProperty(escalation, 'escalationCode');
  const escalationId = elementIdOf(escalation) ?? '?';
  if (isThrow) {
    if (!code) {
      context.report(id, `Escalation '${escalationId}' thrown by ${describeElement(event)} has no escalation code (escalationCode)`);
      return undefined;
    }
    return {
      type: 'escalation',
      escalationCode: context.valueExpression(id, `the escalation code of ${describeElement(event)}`, code),
    };
  }
  if (!code) return { type: 'escalation' };
  return { type: 'escalation', escalationCode: staticCatchCode(context, event, 'escalation code', code) };
}

/** Catch events match codes when the subscription is opened, so their code cannot be an expression. */
function staticCatchCode(context: CompilationContext, event: BpmnElement, what: string, code: string): ValueExpression {
  if (code.startsWith('=')) {
    context.report(elementIdOf(event), `The ${what} of catch event ${describeElement(event)} must not be an expression: '${code}'`);
  }
  return { type: 'static', value: code };
}

function compileLink(context: CompilationContext, event: BpmnElement, definition: BpmnElement): EventDefinition | undefined {
  const name = nonBlankProperty(definition, 'name');
  if (!name) {
    context.report(elementIdOf(event), `${capitalise(describeElement(event))} must have a link name`);
    return undefined;
  }
  return { type: 'link', linkName: name };
}

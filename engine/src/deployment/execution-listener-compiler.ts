/**
 * zeebe:executionListeners → the start and end listeners of a flow node or process, with Zeebe's
 * deployment rules (docs.camunda.io "Execution listeners", Limitations): start events and boundary
 * events take no start listeners, gateways and error end events no end listeners, and a listener's
 * eventType and type together must be unique on the element.
 */
import type { ExecutionListener, ExecutionListenerEventType, FlowNode } from '../model/executable-process.js';
import { elementListProperty, elementProperty, nonBlankProperty, stringProperty, type BpmnElement } from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement } from './element-description.js';
import { DEFAULT_JOB_RETRIES } from './job-definition-compiler.js';

const GATEWAY_KINDS = new Set(['exclusiveGateway', 'inclusiveGateway', 'parallelGateway', 'eventBasedGateway']);

/** Sets node.startListeners / node.endListeners; reports what Zeebe would reject. Call after the event definition is compiled. */
export function compileExecutionListeners(context: CompilationContext, element: BpmnElement, node: FlowNode): void {
  const container = context.singleExtension(element, 'zeebe:ExecutionListeners');
  const written = container ? elementListProperty(container, 'listeners') : [];
  if (written.length === 0) return;
  const subject = capitalise(describeElement(element));
  const listeners: ExecutionListener[] = [];
  for (const [index, listenerElement] of written.entries()) {
    const listener = compileListener(context, node.id, subject, listenerElement, index + 1);
    if (listener) listeners.push(listener);
  }
  reportDuplicates(context, node.id, subject, listeners);
  const starts = listeners.filter((listener) => listener.eventType === 'start');
  const ends = listeners.filter((listener) => listener.eventType === 'end');
  const unsupported = unsupportedEventType(node);
  if (unsupported === 'start' && starts.length > 0) {
    context.report(node.id, `${subject} has start execution listeners: ${UNSUPPORTED_REASON[startReason(node)]}`);
  }
  if (unsupported === 'end' && ends.length > 0) {
    context.report(node.id, `${subject} has end execution listeners: ${UNSUPPORTED_REASON[endReason(node)]}`);
  }
  if (starts.length > 0) node.startListeners = starts;
  if (ends.length > 0) node.endListeners = ends;
}

function compileListener(
  context: CompilationContext,
  id: string,
  subject: string,
  element: BpmnElement,
  position: number,
): ExecutionListener | undefined {
  const which = `execution listener ${position} of ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`;
  const eventType = nonBlankProperty(element, 'eventType');
  const type = nonBlankProperty(element, 'type');
  let ok = true;
  if (eventType !== 'start' && eventType !== 'end') {
    context.report(
      id,
      eventType === undefined
        ? `${capitalise(which)} has no eventType; it must be 'start' or 'end'`
        : `${capitalise(which)} has eventType '${eventType}'; it must be 'start' or 'end'`,
    );
    ok = false;
  }
  if (!type) {
    context.report(id, `${capitalise(which)} must have a job type (type)`);
    ok = false;
  }
  const retries = context.valueExpression(id, `the retries of ${which}`, nonBlankProperty(element, 'retries') ?? DEFAULT_JOB_RETRIES);
  if (retries.type === 'static' && !/^\d+$/.test(retries.value.trim())) {
    context.report(id, `The retries of ${which} must be a whole number, not '${retries.value}'`);
    ok = false;
  }
  if (!ok) return undefined;
  return {
    eventType: eventType as ExecutionListenerEventType,
    type: context.valueExpression(id, `the job type of ${which}`, type!),
    retries,
    customHeaders: listenerHeaders(context, id, which, element),
  };
}

/** zeebe:taskHeaders inside a zeebe:executionListener (newer modelers write them): static pairs for the worker. */
function listenerHeaders(context: CompilationContext, id: string, which: string, element: BpmnElement): Record<string, string> {
  const headers: Record<string, string> = {};
  const taskHeaders = elementProperty(element, 'headers');
  if (!taskHeaders) return headers;
  for (const header of elementListProperty(taskHeaders, 'values')) {
    const key = nonBlankProperty(header, 'key');
    if (!key) {
      context.report(id, `A task header of ${which} has no key`);
      continue;
    }
    headers[key] = stringProperty(header, 'value') ?? '';
  }
  return headers;
}

/** Zeebe: "Found 'n' duplicates based on eventType[…] and type[…], these combinations should be unique." */
function reportDuplicates(context: CompilationContext, id: string, subject: string, listeners: ExecutionListener[]): void {
  const counts = new Map<string, { eventType: string; type: string; count: number }>();
  for (const listener of listeners) {
    const type = listener.type.type === 'static' ? listener.type.value : `=${listener.type.source}`;
    const key = `${listener.eventType}|${type}`;
    const entry = counts.get(key) ?? { eventType: listener.eventType, type, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  for (const { eventType, type, count } of counts.values()) {
    if (count < 2) continue;
    context.report(
      id,
      `${subject} has ${count} ${eventType} execution listeners of type '${type}'; the combination of eventType and type must be unique`,
    );
  }
}

type UnsupportedReason = 'startEvent' | 'boundaryEvent' | 'gateway' | 'errorEndEvent';

const UNSUPPORTED_REASON: Record<UnsupportedReason, string> = {
  startEvent: "execution listeners of type 'start' are not supported by start events (use start listeners of the process or sub-process)",
  boundaryEvent: "execution listeners of type 'start' are not supported by boundary events (use start listeners of the activity they are attached to)",
  gateway: "execution listeners of type 'end' are not supported by gateways (use start listeners of the element that follows)",
  errorEndEvent: "execution listeners of type 'end' are not supported by error end events (put them on the error catch event)",
};

function unsupportedEventType(node: FlowNode): ExecutionListenerEventType | undefined {
  if (node.kind === 'startEvent' || node.kind === 'boundaryEvent') return 'start';
  if (GATEWAY_KINDS.has(node.kind)) return 'end';
  if (node.kind === 'endEvent' && node.eventDefinition?.type === 'error') return 'end';
  return undefined;
}

function startReason(node: FlowNode): UnsupportedReason {
  return node.kind === 'startEvent' ? 'startEvent' : 'boundaryEvent';
}

function endReason(node: FlowNode): UnsupportedReason {
  return node.kind === 'endEvent' ? 'errorEndEvent' : 'gateway';
}

/**
 * Rules that need the connected graph rather than one element: how events and gateways may be
 * wired, default flows, link pairs, and names that must be unique within a scope.
 */
import type { ExecutableProcess, FlowNode } from '../model/executable-process.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, typeWords } from './element-description.js';

export function validateProcessGraph(context: CompilationContext, graph: ExecutableProcess): void {
  for (const node of graph.elements.values()) {
    validateConnections(context, node);
    if (node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway') validateDefaultFlow(context, node);
    if (node.kind === 'eventBasedGateway') validateEventBasedGateway(context, graph, node);
    if (node.kind === 'intermediateThrowEvent' && node.eventDefinition?.type === 'link') {
      if (!graph.linkTargets.has(`${node.flowScopeId}/${node.eventDefinition.linkName}`)) {
        context.report(
          node.id,
          `Link throw event '${node.id}' jumps to link '${node.eventDefinition.linkName}', but no link catch event ` +
            `of that name is in the same scope`,
        );
      }
    }
    if (node.childIds) validateUniqueStartNames(context, graph, node);
    if (node.boundaryEventIds.length > 1) {
      const boundaries = node.boundaryEventIds.map((id) => graph.elements.get(id)!);
      reportDuplicateNames(context, boundaries, `boundary events of ${describeNode(node)}`);
      reportDuplicateCatchCodes(context, boundaries, `boundary events of ${describeNode(node)}`);
    }
  }
}

function describeNode(node: FlowNode): string {
  return `${typeWords(node.kind)} '${node.id}'`;
}

function validateConnections(context: CompilationContext, node: FlowNode): void {
  const subject = capitalise(describeNode(node));
  switch (node.kind) {
    case 'startEvent':
      if (node.incoming.length > 0) context.report(node.id, `${subject} cannot have incoming sequence flows`);
      break;
    case 'boundaryEvent':
      if (node.incoming.length > 0) context.report(node.id, `${subject} cannot have incoming sequence flows`);
      break;
    case 'endEvent':
      if (node.outgoing.length > 0) context.report(node.id, `${subject} cannot have outgoing sequence flows`);
      break;
    case 'eventSubProcess':
      if (node.incoming.length > 0 || node.outgoing.length > 0) {
        context.report(node.id, `${subject} is started by its event and cannot have incoming or outgoing sequence flows`);
      }
      break;
    default:
      break;
  }
}

function validateDefaultFlow(context: CompilationContext, gateway: FlowNode): void {
  if (gateway.defaultFlowId !== undefined && !gateway.outgoing.includes(gateway.defaultFlowId)) {
    context.report(
      gateway.id,
      `The default flow '${gateway.defaultFlowId}' of ${describeNode(gateway)} is not one of its outgoing sequence flows`,
    );
  }
}

const EVENT_GATEWAY_TARGET_EVENTS = new Set(['message', 'timer', 'signal']);

function validateEventBasedGateway(context: CompilationContext, graph: ExecutableProcess, gateway: FlowNode): void {
  const subject = capitalise(describeNode(gateway));
  if (gateway.outgoing.length < 2) {
    context.report(gateway.id, `${subject} must have at least 2 outgoing sequence flows (found ${gateway.outgoing.length})`);
  }
  const targets: FlowNode[] = [];
  for (const flowId of gateway.outgoing) {
    const target = graph.elements.get(graph.flows.get(flowId)!.targetId)!;
    targets.push(target);
    const eventType = target.eventDefinition?.type;
    // A target whose definition had problems was reported already; only its kind can still be judged.
    const badDefinition = eventType !== undefined && !EVENT_GATEWAY_TARGET_EVENTS.has(eventType);
    if (target.kind !== 'intermediateCatchEvent' || badDefinition) {
      context.report(
        gateway.id,
        `${subject} leads to ${describeNode(target)}, but it may only lead to message, timer or signal intermediate catch events`,
      );
    } else if (target.incoming.length > 1) {
      context.report(
        target.id,
        `${capitalise(describeNode(target))} follows ${describeNode(gateway)} and cannot have other incoming sequence flows`,
      );
    }
  }
  reportDuplicateNames(context, targets, `events after ${describeNode(gateway)}`);
}

/** A process's own message/signal start events, and the event sub-process starts of each container. */
function validateUniqueStartNames(context: CompilationContext, graph: ExecutableProcess, container: FlowNode): void {
  const children = container.childIds!.map((id) => graph.elements.get(id)!);
  if (container.kind === 'process') {
    reportDuplicateNames(context, children.filter((node) => node.kind === 'startEvent'), `start events of ${describeNode(container)}`);
  }
  const eventSubProcessStarts = (container.eventSubProcessStartIds ?? []).map((id) => graph.elements.get(id)!);
  reportDuplicateNames(context, eventSubProcessStarts, `event sub-processes of ${describeNode(container)}`);
  reportDuplicateCatchCodes(context, eventSubProcessStarts, `event sub-processes of ${describeNode(container)}`);
}

/** Two subscriptions to the same static message or signal name in one place cannot be told apart. */
function reportDuplicateNames(context: CompilationContext, nodes: FlowNode[], where: string): void {
  const seen = new Map<string, string>();
  for (const node of nodes) {
    const definition = node.eventDefinition;
    let key: string | undefined;
    if (definition?.type === 'message' && definition.messageName.type === 'static') key = `message '${definition.messageName.value}'`;
    if (definition?.type === 'signal' && definition.signalName.type === 'static') key = `signal '${definition.signalName.value}'`;
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first !== undefined) {
      context.report(node.id, `'${first}' and '${node.id}' both wait for ${key}; the ${where} must use different names`);
    } else {
      seen.set(key, node.id);
    }
  }
}

/** Error and escalation catchers in one place: one per code, and at most one catch-all. */
function reportDuplicateCatchCodes(context: CompilationContext, nodes: FlowNode[], where: string): void {
  const seen = new Map<string, string>();
  for (const node of nodes) {
    const definition = node.eventDefinition;
    let key: string | undefined;
    if (definition?.type === 'error') {
      key = definition.errorCode?.type === 'static' ? `error code '${definition.errorCode.value}'` : 'any error (no error code)';
    } else if (definition?.type === 'escalation') {
      key =
        definition.escalationCode?.type === 'static'
          ? `escalation code '${definition.escalationCode.value}'`
          : 'any escalation (no escalation code)';
    }
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first !== undefined) {
      context.report(node.id, `'${first}' and '${node.id}' both catch ${key}; the ${where} must catch different codes`);
    } else {
      seen.set(key, node.id);
    }
  }
}

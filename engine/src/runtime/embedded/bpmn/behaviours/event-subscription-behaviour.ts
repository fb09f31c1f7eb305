import type { Batch } from '../../batch.js';
import type { ElementInstanceRow, MessageSubscriptionRow, SignalSubscriptionRow, SubscriptionKind, TimerRow } from '../../state/rows.js';
import type { EventDefinition, FlowNode } from '../../../../model/executable-process.js';
import { firstDue } from '../../../../timer/index.js';
import { correlationKeyOf, stringOf, valueOf } from './expression-values.js';
import { processOf } from '../element-lifecycle.js';
import { correlateBufferedMessage } from '../../commands/message-correlation.js';

/**
 * Opening and closing the event subscriptions an element instance waits on: message, timer and
 * signal catch events, boundary events of activities, event sub-process starts of containers.
 * Every expression is evaluated before anything is written, so a failure leaves nothing half open.
 */

type Prepared = () => void;

async function prepare(
  b: Batch,
  ei: ElementInstanceRow,
  definition: EventDefinition,
  targetElementId: string,
  interrupting: boolean,
): Promise<Prepared | undefined> {
  const process = processOf(b, ei);
  const base = { elementInstanceKey: ei.key, processInstanceKey: ei.processInstanceKey };
  switch (definition.type) {
    case 'message': {
      const messageName = await stringOf(b, ei.key, definition.messageName, `the message name of '${targetElementId}'`);
      if (!definition.correlationKey) throw new Error(`message catch '${targetElementId}' has no correlation key`);
      const correlationKey = await correlationKeyOf(b, ei.key, definition.correlationKey, targetElementId);
      return () => {
        const sub: MessageSubscriptionRow = {
          key: b.keys.next(),
          messageName,
          correlationKey,
          ...base,
          bpmnProcessId: process.bpmnProcessId,
          data: { elementId: targetElementId, interrupting },
        };
        b.state.messageSubscriptions.insert(sub);
        b.records.append('MESSAGE_SUBSCRIPTION', 'CREATED', sub.key, ei.processInstanceKey, {
          messageName,
          correlationKey,
          elementInstanceKey: ei.key,
          processInstanceKey: ei.processInstanceKey,
          bpmnProcessId: process.bpmnProcessId,
          elementId: targetElementId,
          interrupting,
        });
        // Buffered messages correlate once the element is fully activated (the next step).
        b.steps.push({ kind: 'run', run: () => correlateBufferedMessage(b, sub) });
      };
    }
    case 'timer': {
      const value = await valueOf(b, ei.key, definition.timer.expression);
      const { dueAt, repetitions } = firstDue(definition.timer.kind, value, b.now());
      return () => {
        const timer: TimerRow = {
          key: b.keys.next(),
          dueDate: dueAt,
          ...base,
          processDefinitionKey: process.key,
          elementId: targetElementId,
          data: {
            repetitions: repetitions < 0 ? -1 : repetitions - 1,
            cycle: definition.timer.kind === 'timeCycle' ? String(value) : undefined,
            bpmnProcessId: process.bpmnProcessId,
          },
        };
        b.state.timers.insert(timer);
        b.earliestTimer = Math.min(b.earliestTimer, dueAt);
        b.records.append('TIMER', 'CREATED', timer.key, ei.processInstanceKey, timerValue(timer));
      };
    }
    case 'signal': {
      const signalName = await stringOf(b, ei.key, definition.signalName, `the signal name of '${targetElementId}'`);
      return () => {
        const sub: SignalSubscriptionRow = {
          key: b.keys.next(),
          signalName,
          ...base,
          data: { elementId: targetElementId, bpmnProcessId: process.bpmnProcessId },
        };
        b.state.signalSubscriptions.insert(sub);
        b.records.append('SIGNAL_SUBSCRIPTION', 'CREATED', sub.key, ei.processInstanceKey, {
          signalName,
          catchElementId: targetElementId,
          catchEventInstanceKey: ei.key,
          processInstanceKey: ei.processInstanceKey,
          bpmnProcessId: process.bpmnProcessId,
        });
      };
    }
    default:
      return undefined; // error, escalation, link, none: not subscriptions
  }
}

export function timerValue(timer: TimerRow): Record<string, unknown> {
  return {
    elementInstanceKey: timer.elementInstanceKey ?? -1,
    processInstanceKey: timer.processInstanceKey ?? -1,
    processDefinitionKey: timer.processDefinitionKey,
    dueDate: timer.dueDate,
    targetElementId: timer.elementId,
    repetitions: timer.data.repetitions,
  };
}

async function open(b: Batch, ei: ElementInstanceRow, targets: Array<{ definition: EventDefinition; elementId: string; interrupting: boolean }>): Promise<boolean> {
  const prepared: Prepared[] = [];
  const kinds = new Set(ei.data.subscribedKinds ?? []);
  for (const t of targets) {
    const p = await prepare(b, ei, t.definition, t.elementId, t.interrupting);
    if (p) {
      prepared.push(p);
      kinds.add(t.definition.type as SubscriptionKind);
    }
  }
  for (const p of prepared) p();
  if (prepared.length > 0) ei.data.subscribedKinds = [...kinds];
  return prepared.length > 0;
}

/** A catch event or receive task waits on its own definition. */
export async function openCatchSubscription(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void> {
  if (!element.eventDefinition) return;
  if (await open(b, ei, [{ definition: element.eventDefinition, elementId: element.id, interrupting: true }])) {
    ei.data.subscribed = true;
    b.state.elementInstances.update(ei);
  }
}

/** An event-based gateway waits on the events after it. */
export async function openEventGatewaySubscriptions(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void> {
  const graph = processOf(b, ei).graph;
  const targets = element.outgoing.map((flowId) => {
    const target = graph.elements.get(graph.flows.get(flowId)!.targetId)!;
    return { definition: target.eventDefinition ?? { type: 'none' as const }, elementId: target.id, interrupting: true };
  });
  if (await open(b, ei, targets)) {
    ei.data.subscribed = true;
    b.state.elementInstances.update(ei);
  }
}

export async function openBoundarySubscriptions(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void> {
  const graph = processOf(b, ei).graph;
  const targets = element.boundaryEventIds.map((id) => {
    const boundary = graph.elements.get(id)!;
    return { definition: boundary.eventDefinition ?? { type: 'none' as const }, elementId: id, interrupting: boundary.interrupting !== false };
  });
  if (await open(b, ei, targets)) ei.data.subscribed = true;
  ei.data.subscribedBoundaries = true;
  b.state.elementInstances.update(ei);
}

/** A container (process, sub-process) listens for its event sub-processes' message, timer and signal starts. */
export async function openEventSubProcessSubscriptions(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void> {
  const starts = element.eventSubProcessStartIds ?? [];
  if (starts.length === 0) return;
  const graph = processOf(b, ei).graph;
  const targets = starts.map((id) => {
    const start = graph.elements.get(id)!;
    return { definition: start.eventDefinition ?? { type: 'none' as const }, elementId: id, interrupting: start.interrupting !== false };
  });
  if (await open(b, ei, targets)) {
    ei.data.subscribed = true;
    b.state.elementInstances.update(ei);
  }
}

/** Closes what an element instance waits on; `keepBoundaries` keeps those of its own boundary events. */
export async function closeSubscriptions(b: Batch, ei: ElementInstanceRow, options: { keepBoundaries?: boolean } = {}): Promise<void> {
  if (!ei.data.subscribed) return;
  const graph = processOf(b, ei).graph;
  const keep = (elementId: string): boolean =>
    options.keepBoundaries === true && graph.elements.get(elementId)?.kind === 'boundaryEvent';
  const key = ei.key;
  // Rows written before the kinds were kept have none: then every table is asked.
  const kinds = new Set<SubscriptionKind>(ei.data.subscribedKinds ?? ['timer', 'message', 'signal']);
  if (kinds.has('timer')) for (const timer of await b.state.timers.query('element_instance_key = $1', [key], (r) => r.elementInstanceKey === key)) {
    if (keep(timer.elementId)) continue;
    b.state.timers.delete(String(timer.key));
    b.records.append('TIMER', 'CANCELED', timer.key, ei.processInstanceKey, timerValue(timer));
  }
  if (kinds.has('message')) for (const sub of await b.state.messageSubscriptions.query('element_instance_key = $1', [key], (r) => r.elementInstanceKey === key)) {
    if (keep(sub.data.elementId)) continue;
    b.state.messageSubscriptions.delete(String(sub.key));
    b.records.append('MESSAGE_SUBSCRIPTION', 'DELETED', sub.key, ei.processInstanceKey, {
      messageName: sub.messageName,
      correlationKey: sub.correlationKey,
      elementInstanceKey: key,
      processInstanceKey: ei.processInstanceKey,
      elementId: sub.data.elementId,
    });
  }
  if (kinds.has('signal')) for (const sub of await b.state.signalSubscriptions.query('element_instance_key = $1', [key], (r) => r.elementInstanceKey === key)) {
    if (keep(sub.data.elementId)) continue;
    b.state.signalSubscriptions.delete(String(sub.key));
    b.records.append('SIGNAL_SUBSCRIPTION', 'DELETED', sub.key, ei.processInstanceKey, {
      signalName: sub.signalName,
      catchElementId: sub.data.elementId,
      catchEventInstanceKey: key,
    });
  }
  if (!options.keepBoundaries) {
    ei.data.subscribed = false;
    ei.data.subscribedKinds = undefined;
    ei.data.subscribedBoundaries = false;
  }
  b.state.elementInstances.update(ei);
}

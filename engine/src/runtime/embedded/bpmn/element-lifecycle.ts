import type { Batch } from '../batch.js';
import type { DeployedProcess } from '../definitions.js';
import type { ElementInstanceData, ElementInstanceRow, RuntimeElementKind } from '../state/rows.js';
import type { FlowNode } from '../../../model/executable-process.js';
import { ElementIntent } from '../../../records/record.js';
import { bpmnElementType, bpmnEventType } from './element-types.js';
import { evaluateMappings, propagateVariables, setLocalVariables, visibleVariables } from './behaviours/variable-behaviour.js';
import { raiseIncident, resolveIncidentsOf } from './behaviours/incident-behaviour.js';
import { closeSubscriptions, openBoundarySubscriptions } from './behaviours/event-subscription-behaviour.js';
import { takeSequenceFlow, tryInclusiveJoins, hasWaitingTokens } from './behaviours/flow-behaviour.js';
import { processorFor } from './processors/index.js';
import { errorMessage } from './behaviours/error-message.js';
import { listenersOf, runListeners } from './behaviours/execution-listener-behaviour.js';
import { cancelListenerJob } from './behaviours/job-behaviour.js';

/**
 * The element-instance lifecycle every element kind goes through (Zeebe's BpmnStateTransitionBehavior):
 * ACTIVATING → ACTIVATED → COMPLETING → COMPLETED, or → TERMINATING → TERMINATED.
 */

export function processOf(b: Batch, ei: ElementInstanceRow): DeployedProcess {
  const process = b.definitions.process(ei.data.processDefinitionKey);
  if (!process) throw new Error(`process definition ${ei.data.processDefinitionKey} is not deployed`);
  return process;
}

export function elementOf(b: Batch, ei: ElementInstanceRow): FlowNode {
  const element = processOf(b, ei).graph.elements.get(ei.elementId);
  if (!element) throw new Error(`element ${ei.elementId} is not in process ${ei.data.bpmnProcessId}`);
  return element;
}

/**
 * An element's lifecycle records within a batch share one value object (all its fields are fixed for the element
 * instance): made once, and its JSON written once when the batch's records are stored.
 */
export function writeElementRecord(b: Batch, ei: ElementInstanceRow, intent: string, element?: FlowNode): void {
  const eventType = bpmnEventType(element?.eventDefinition);
  let value = b.elementRecordValues.get(ei.key);
  if (value === undefined || value.bpmnEventType !== eventType) {
    const root = ei.flowScopeKey === null;
    value = {
      bpmnProcessId: ei.data.bpmnProcessId,
      version: ei.data.version,
      processDefinitionKey: ei.data.processDefinitionKey,
      processInstanceKey: ei.processInstanceKey,
      elementId: ei.elementId,
      flowScopeKey: ei.flowScopeKey ?? -1,
      bpmnElementType: bpmnElementType(ei.data.kind),
      bpmnEventType: eventType,
      parentProcessInstanceKey: root ? (ei.data.parentProcessInstanceKey ?? -1) : -1,
      parentElementInstanceKey: root ? (ei.data.parentElementInstanceKey ?? -1) : -1,
    };
    b.elementRecordValues.set(ei.key, value);
  }
  b.records.append('PROCESS_INSTANCE', intent, ei.key, ei.processInstanceKey, value);
}

export interface CreateElementOptions {
  process: DeployedProcess;
  elementId: string;
  flowScope: ElementInstanceRow | null;
  kind?: RuntimeElementKind;
  data?: Partial<ElementInstanceData>;
  /** Local variables the new scope starts with (multi-instance input element, loop counter). */
  variables?: Record<string, unknown>;
}

/** Creates an element instance in ACTIVATING and queues its activation. */
export async function createElementInstance(b: Batch, o: CreateElementOptions): Promise<ElementInstanceRow> {
  const element = o.process.graph.elements.get(o.elementId);
  if (!element) throw new Error(`element ${o.elementId} is not in process ${o.process.bpmnProcessId}`);
  let kind = o.kind ?? element.kind;
  const insideOwnBody = o.flowScope?.elementId === element.id && o.flowScope.data.kind === 'multiInstanceBody';
  if (!o.kind && element.multiInstance && !insideOwnBody) kind = 'multiInstanceBody';
  const key = b.keys.next();
  const ei: ElementInstanceRow = {
    key,
    processInstanceKey: o.flowScope ? o.flowScope.processInstanceKey : key,
    flowScopeKey: o.flowScope?.key ?? null,
    elementId: element.id,
    state: 'ACTIVATING',
    data: {
      kind,
      processDefinitionKey: o.process.key,
      bpmnProcessId: o.process.bpmnProcessId,
      version: o.process.version,
      activeChildren: 0,
      ...o.data,
    },
  };
  b.state.elementInstances.insert(ei);
  b.state.variables.createScope(key, ei.processInstanceKey);
  if (o.flowScope) {
    o.flowScope.data.activeChildren++;
    b.state.elementInstances.update(o.flowScope);
  }
  writeElementRecord(b, ei, ElementIntent.ACTIVATING, element);
  if (o.variables) await setLocalVariables(b, ei, o.variables);
  b.steps.push({ kind: 'activate', key });
  return ei;
}

/** The activation step: input mappings, start execution listeners, then the rest of the activation. */
export async function runActivation(b: Batch, key: number): Promise<void> {
  const ei = await b.state.elementInstances.get(String(key));
  if (!ei || ei.state !== 'ACTIVATING') return;
  const element = elementOf(b, ei);
  // An incident after the start listeners completed goes on from there, without running them again (as Zeebe).
  if (ei.data.listenersDone === 'start') return finishActivation(b, ei, element);
  const isBody = ei.data.kind === 'multiInstanceBody';
  if (!isBody && element.inputMappings.length > 0) {
    try {
      const document = evaluateMappings(element.inputMappings, await visibleVariables(b, ei.key));
      await setLocalVariables(b, ei, document);
    } catch (error) {
      await raiseIncident(b, ei, 'IO_MAPPING_ERROR', errorMessage(error), 'activate');
      return;
    }
  }
  if (await runListeners(b, ei, element, 'start')) return;
  await finishActivation(b, ei, element);
}

/** Zeebe's finalizeActivation: boundary subscriptions, then the element's own behaviour. */
export async function finishActivation(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void> {
  const isBody = ei.data.kind === 'multiInstanceBody';
  if (element.boundaryEventIds.length > 0 && (isBody || !element.multiInstance) && !ei.data.subscribedBoundaries) {
    try {
      await openBoundarySubscriptions(b, ei, element);
    } catch (error) {
      await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
      return;
    }
  }
  await processorFor(ei.data.kind).activate(b, ei, element);
}

export function markActivated(b: Batch, ei: ElementInstanceRow): void {
  ei.state = 'ACTIVATED';
  b.state.elementInstances.update(ei);
  writeElementRecord(b, ei, ElementIntent.ACTIVATED, elementOf(b, ei));
}

/**
 * Completes an element: output behaviour, then leaves it through `takeFlows` (default: all
 * outgoing flows) and lets its flow scope complete when nothing is left in it.
 */
export async function completeElement(b: Batch, ei: ElementInstanceRow, takeFlows?: string[]): Promise<void> {
  ei.state = 'COMPLETING';
  if (takeFlows) ei.data.takeFlows = takeFlows;
  b.state.elementInstances.update(ei);
  writeElementRecord(b, ei, ElementIntent.COMPLETING, elementOf(b, ei));
  await continueCompletion(b, ei);
}

/** The part of completion that resolving an output-mapping incident runs again: outputs, end execution listeners, the rest. */
export async function continueCompletion(b: Batch, ei: ElementInstanceRow): Promise<void> {
  const element = elementOf(b, ei);
  // An incident after the end listeners completed goes on from there, without running them again (as Zeebe).
  if (ei.data.listenersDone !== 'end') {
    const processor = processorFor(ei.data.kind);
    try {
      if (processor.applyOutputs) await processor.applyOutputs(b, ei, element);
      else await applyDefaultOutputs(b, ei, element);
    } catch (error) {
      await raiseIncident(b, ei, 'IO_MAPPING_ERROR', errorMessage(error), 'complete');
      return;
    }
    if (listenersOf(ei, element, 'end').length > 0) {
      // As Zeebe unsubscribes on completing: no event may trigger the element while its end listeners run.
      await closeSubscriptions(b, ei);
      await runListeners(b, ei, element, 'end');
      return;
    }
  }
  await finishCompletion(b, ei, element);
}

/** Zeebe's finalizeCompletion: the element completes and leaves through its flows; its scope may complete. */
export async function finishCompletion(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void> {
  if (ei.flowScopeKey !== null) {
    const scope = await b.state.elementInstances.get(String(ei.flowScopeKey));
    const hook = scope ? processorFor(scope.data.kind).childCompleting : undefined;
    if (scope && hook) {
      try {
        await hook(b, scope, ei);
      } catch (error) {
        await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'complete');
        return;
      }
    }
  }
  const rootVariables =
    ei.flowScopeKey === null && ei.data.parentElementInstanceKey !== undefined
      ? Object.fromEntries(await b.state.variables.scope(ei.key))
      : undefined;
  await closeSubscriptions(b, ei);
  writeElementRecord(b, ei, ElementIntent.COMPLETED, element);
  b.state.elementInstances.delete(String(ei.key));
  b.state.variables.removeScope(ei.key);

  if (ei.flowScopeKey === null) {
    await processorFor('process').rootLeft?.(b, ei, rootVariables);
    return;
  }
  const scope = await b.state.elementInstances.get(String(ei.flowScopeKey));
  if (!scope) return;
  scope.data.activeChildren--;
  b.state.elementInstances.update(scope);
  const scopeProcessor = processorFor(scope.data.kind);
  if (scopeProcessor.childCompleted) {
    await scopeProcessor.childCompleted(b, scope, ei);
    return;
  }
  const flows = ei.data.takeFlows ?? element.outgoing;
  for (const flowId of flows) await takeSequenceFlow(b, scope, flowId, ei.data.nextData);
  await processorFor(ei.data.kind).left?.(b, scope, ei, element);
  await checkScopeCompletion(b, scope);
}

/** Zeebe's default output behaviour: trigger variables and output mappings. */
export async function applyDefaultOutputs(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void> {
  const trigger = ei.data.triggerVariables;
  const flowScope = ei.flowScopeKey === null ? null : await b.state.elementInstances.get(String(ei.flowScopeKey));
  // An inner multi-instance activity writes its outputs to its own scope, for the output element to read.
  const innerOfBody = flowScope?.data.kind === 'multiInstanceBody' && flowScope.elementId === ei.elementId;
  if (element.outputMappings.length > 0 && ei.data.kind !== 'multiInstanceBody') {
    if (trigger) await setLocalVariables(b, ei, trigger);
    const document = evaluateMappings(element.outputMappings, await visibleVariables(b, ei.key));
    if (innerOfBody || ei.flowScopeKey === null) await setLocalVariables(b, ei, document);
    else await propagateVariables(b, ei.flowScopeKey!, document);
  } else if (trigger && Object.keys(trigger).length > 0) {
    await propagateVariables(b, ei.key, trigger);
  }
}

/** A container whose last child left completes (unless tokens wait at a join). */
export async function checkScopeCompletion(b: Batch, scope: ElementInstanceRow): Promise<void> {
  if (scope.state !== 'ACTIVATED') return;
  if (hasWaitingTokens(scope)) await tryInclusiveJoins(b, scope);
  if (scope.data.activeChildren === 0 && !hasWaitingTokens(scope)) {
    if (scope.data.onTerminated) return;
    await completeElement(b, scope);
  }
}

/** Terminates an element and everything inside it, depth first. The caller decides what follows. */
export async function terminateElement(b: Batch, ei: ElementInstanceRow): Promise<void> {
  if (ei.state === 'TERMINATING') return;
  const element = elementOf(b, ei);
  ei.state = 'TERMINATING';
  b.state.elementInstances.update(ei);
  writeElementRecord(b, ei, ElementIntent.TERMINATING, element);
  await processorFor(ei.data.kind).terminate?.(b, ei, element);
  await cancelListenerJob(b, ei);
  if (ei.data.activeChildren > 0) {
    for (const child of await childrenOf(b, ei.key)) await terminateElement(b, child);
  }
  ei.data.joins = undefined;
  await closeSubscriptions(b, ei);
  await resolveIncidentsOf(b, ei);
  writeElementRecord(b, ei, ElementIntent.TERMINATED, element);
  b.state.elementInstances.delete(String(ei.key));
  b.state.variables.removeScope(ei.key);
  if (ei.flowScopeKey !== null) {
    const scope = await b.state.elementInstances.get(String(ei.flowScopeKey));
    if (scope) {
      scope.data.activeChildren--;
      b.state.elementInstances.update(scope);
    }
  } else {
    await processorFor('process').rootLeft?.(b, ei, undefined, true);
  }
}

export async function childrenOf(b: Batch, scopeKey: number): Promise<ElementInstanceRow[]> {
  const children = await b.state.elementInstances.query(
    'flow_scope_key = $1',
    [scopeKey],
    (row) => row.flowScopeKey === scopeKey,
  );
  return children.sort((x, y) => x.key - y.key);
}

/**
 * Interrupts a scope for an interrupting event sub-process: everything in it is terminated, its
 * event sub-process subscriptions closed, then the event sub-process starts in it.
 */
export async function interruptScope(b: Batch, scope: ElementInstanceRow): Promise<void> {
  scope.data.interrupted = true;
  scope.data.joins = undefined;
  b.state.elementInstances.update(scope);
  for (const child of await childrenOf(b, scope.key)) await terminateElement(b, child);
  await closeSubscriptions(b, scope, { keepBoundaries: true });
}

/** Takes a flow from an element that is already gone (used by gateways that decide while activating). */
export { takeSequenceFlow };

import type { Batch } from '../batch.js';
import type { DeployedProcess } from '../definitions.js';
import type { ElementInstanceRow } from '../state/rows.js';
import { createElementInstance, terminateElement } from '../bpmn/element-lifecycle.js';
import { invalidArgument, invalidState, notFound } from '../../engine-rejection.js';

export interface StartOptions {
  variables?: Record<string, unknown>;
  /** Start at these elements instead of the none start event (start instructions). */
  startAt?: string[];
  /** A message / timer / signal start event, and the variables its event carries. */
  startEventId?: string;
  triggerVariables?: Record<string, unknown>;
  startCorrelationKey?: string;
}

/** Creates a process instance (REST/gRPC create, message/timer/signal starts). */
export async function startProcessInstance(b: Batch, process: DeployedProcess, options: StartOptions): Promise<ElementInstanceRow> {
  const graph = process.graph;
  for (const elementId of options.startAt ?? []) {
    const element = graph.elements.get(elementId);
    if (!element) throw invalidArgument(`Expected to start at element '${elementId}', but no such element exists in process '${process.bpmnProcessId}'`);
    if (element.flowScopeId !== process.bpmnProcessId) {
      throw invalidArgument(`Expected to start at element '${elementId}', but it is not directly in the process (start instructions for nested elements are not supported)`);
    }
    if (element.kind === 'boundaryEvent' || element.kind === 'eventSubProcess') {
      throw invalidArgument(`Expected to start at element '${elementId}', but a ${element.kind} cannot be started directly`);
    }
  }
  if (!options.startAt?.length && !options.startEventId && !graph.noneStartEventId) {
    throw invalidArgument(
      `Expected to create instance of process '${process.bpmnProcessId}' with a none start event, but there is no such event`,
    );
  }
  const root = await createElementInstance(b, {
    process,
    elementId: process.bpmnProcessId,
    flowScope: null,
    data: {
      createdAt: b.now(),
      startAt: options.startAt?.length ? options.startAt : options.startEventId ? [options.startEventId] : undefined,
      triggerVariables: options.triggerVariables,
      startCorrelationKey: options.startCorrelationKey,
    },
    variables: options.variables,
  });
  if (options.startCorrelationKey !== undefined) {
    b.state.messageStartLocks.insert({
      bpmnProcessId: process.bpmnProcessId,
      correlationKey: options.startCorrelationKey,
      processInstanceKey: root.key,
    });
  }
  return root;
}

export async function cancelProcessInstance(b: Batch, processInstanceKey: number): Promise<void> {
  const root = await b.state.elementInstances.get(String(processInstanceKey));
  if (!root || root.flowScopeKey !== null) {
    throw notFound(`Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`);
  }
  if (root.data.parentElementInstanceKey !== undefined) {
    throw invalidState(
      `Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${root.data.parentProcessInstanceKey}' instead.`,
    );
  }
  if (root.state === 'TERMINATING') return;
  await terminateElement(b, root);
}

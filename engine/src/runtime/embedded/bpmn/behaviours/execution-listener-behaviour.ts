import type { Batch } from '../../batch.js';
import type { ElementInstanceRow, JobRow } from '../../state/rows.js';
import type { ExecutionListener, ExecutionListenerEventType, FlowNode } from '../../../../model/executable-process.js';
import { createListenerJob } from './job-behaviour.js';
import { raiseIncident } from './incident-behaviour.js';
import { setLocalVariables } from './variable-behaviour.js';
import { errorMessage } from './error-message.js';
import { elementOf, finishActivation, finishCompletion } from '../element-lifecycle.js';

/**
 * Execution listeners (docs.camunda.io "Execution listeners"; Zeebe's BpmnStreamProcessor): start
 * listeners run after the input mappings and before the element does its work, end listeners after
 * the output mappings and before it completes — one job at a time, in declaration order.
 */

/** The listeners of an event type that run for this element instance. */
export function listenersOf(ei: ElementInstanceRow, element: FlowNode, eventType: ExecutionListenerEventType): ExecutionListener[] {
  // As in Zeebe, a multi-instance activity's listeners run for each inner instance, not for the body.
  if (ei.data.kind === 'multiInstanceBody') return [];
  return (eventType === 'start' ? element.startListeners : element.endListeners) ?? [];
}

/** Runs the first listener of an event type; false when there is none and the element goes on at once. */
export async function runListeners(
  b: Batch,
  ei: ElementInstanceRow,
  element: FlowNode,
  eventType: ExecutionListenerEventType,
): Promise<boolean> {
  if (listenersOf(ei, element, eventType).length === 0) return false;
  await runListener(b, ei, element, eventType, 0);
  return true;
}

async function runListener(
  b: Batch,
  ei: ElementInstanceRow,
  element: FlowNode,
  eventType: ExecutionListenerEventType,
  index: number,
): Promise<void> {
  const listener = listenersOf(ei, element, eventType)[index];
  try {
    const job = await createListenerJob(b, ei, element, listener, index + 1);
    ei.data.listener = { eventType, index, jobKey: job.key };
    b.state.elementInstances.update(ei);
  } catch (error) {
    ei.data.listener = undefined;
    // Resolving re-runs the whole step, so every listener of this event type runs again (as Zeebe documents).
    await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), eventType === 'start' ? 'activate' : 'complete');
  }
}

/**
 * A listener's job completed: its variables are set, then the next listener runs, or the element
 * goes on (start: does its work; end: completes and leaves).
 */
export async function listenerJobCompleted(b: Batch, job: JobRow, variables: Record<string, unknown>): Promise<void> {
  const ei = await b.state.elementInstances.get(String(job.elementInstanceKey));
  const running = ei?.data.listener;
  if (!ei || !running || running.jobKey !== job.key) return;
  const element = elementOf(b, ei);
  ei.data.listener = undefined;
  b.state.elementInstances.update(ei);
  if (Object.keys(variables).length > 0) {
    // Start listeners set local variables of the element; end listeners those of its flow scope, like
    // output mappings (the process instance itself for process-level listeners).
    const target =
      running.eventType === 'start' || ei.flowScopeKey === null ? ei : await b.state.elementInstances.get(String(ei.flowScopeKey));
    if (target) await setLocalVariables(b, target, variables);
  }
  const next = running.index + 1;
  if (next < listenersOf(ei, element, running.eventType).length) {
    await runListener(b, ei, element, running.eventType, next);
    return;
  }
  ei.data.listenersDone = running.eventType;
  b.state.elementInstances.update(ei);
  if (running.eventType === 'start') await finishActivation(b, ei, element);
  else await finishCompletion(b, ei, element);
}

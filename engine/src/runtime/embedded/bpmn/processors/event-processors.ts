import type { ElementProcessor } from './element-processor.js';
import type { Batch } from '../../batch.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { FlowNode } from '../../../../model/executable-process.js';
import {
  childrenOf,
  completeElement,
  createElementInstance,
  markActivated,
  processOf,
  terminateElement,
} from '../element-lifecycle.js';
import { openCatchSubscription } from '../behaviours/event-subscription-behaviour.js';
import { raiseIncident } from '../behaviours/incident-behaviour.js';
import { errorMessage } from '../behaviours/error-message.js';
import { throwEvent, thrownCode } from '../behaviours/event-trigger-behaviour.js';
import { cancelJob, createJob } from '../behaviours/job-behaviour.js';
import { stringOf } from '../behaviours/expression-values.js';
import { broadcastSignalInBatch } from '../../commands/signal-broadcast.js';

/** Elements that do their work and complete at once. */
export const passThroughProcessor: ElementProcessor = {
  async activate(b, ei) {
    markActivated(b, ei);
    await completeElement(b, ei);
  },
};

/** Start events complete at once; a triggered start carries its event's variables (applied as outputs). */
export const startEventProcessor = passThroughProcessor;

/** Boundary events are created when triggered, so they only complete. */
export const boundaryEventProcessor = passThroughProcessor;

/** Jobs of message throw events (zeebe:taskDefinition) make them wait like a service task. */
async function waitForJob(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<boolean> {
  if (!element.job) return false;
  try {
    await createJob(b, ei, element);
  } catch (error) {
    await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
    return true;
  }
  markActivated(b, ei);
  return true;
}

async function throwSignal(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<boolean> {
  const def = element.eventDefinition;
  if (def?.type !== 'signal') return true;
  try {
    const name = await stringOf(b, ei.key, def.signalName, `the signal name of '${element.id}'`);
    await broadcastSignalInBatch(b, name, {});
    return true;
  } catch (error) {
    await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
    return false;
  }
}

/** Escalations: a non-interrupting catch lets the thrower go on; an interrupting one ends it. */
async function throwEscalation(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<boolean> {
  const code = thrownCode(element);
  const caught = await throwEvent(b, ei, 'escalation', code, {});
  if (!caught) {
    b.records.append('ESCALATION', 'NOT_ESCALATED', b.keys.next(), ei.processInstanceKey, {
      escalationCode: code,
      throwElementId: element.id,
      processInstanceKey: ei.processInstanceKey,
    });
  }
  const still = await b.state.elementInstances.get(String(ei.key));
  return still !== undefined && still.state === 'ACTIVATED';
}

export const intermediateThrowEventProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    if (await waitForJob(b, ei, element)) return;
    const def = element.eventDefinition;
    if (def?.type === 'link') {
      markActivated(b, ei);
      await completeElement(b, ei, []);
      return;
    }
    markActivated(b, ei);
    if (def?.type === 'signal' && !(await throwSignal(b, ei, element))) return;
    if (def?.type === 'escalation' && !(await throwEscalation(b, ei, element))) return;
    await completeElement(b, ei);
  },
  async terminate(b, ei) {
    await cancelJob(b, ei);
  },
  /** A link throw jumps to its catch once it completed (after its end listeners), as Zeebe does when leaving it. */
  async left(b, scope, ei, element) {
    const def = element.eventDefinition;
    if (def?.type !== 'link') return;
    const target = processOf(b, ei).graph.linkTargets.get(`${element.flowScopeId}/${def.linkName}`);
    if (target) await createElementInstance(b, { process: processOf(b, ei), elementId: target, flowScope: scope });
  },
};

export const endEventProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    if (await waitForJob(b, ei, element)) return;
    const def = element.eventDefinition;
    if (ei.state === 'ACTIVATING') markActivated(b, ei);
    switch (def?.type) {
      case 'terminate': {
        const scope = await b.state.elementInstances.get(String(ei.flowScopeKey));
        if (scope) {
          scope.data.joins = undefined;
          b.state.elementInstances.update(scope);
          for (const sibling of await childrenOf(b, scope.key)) if (sibling.key !== ei.key) await terminateElement(b, sibling);
        }
        break;
      }
      case 'error': {
        const code = thrownCode(element);
        const caught = await throwEvent(b, ei, 'error', code, {});
        if (!caught) {
          await raiseIncident(
            b,
            ei,
            'UNHANDLED_ERROR_EVENT',
            `Expected to throw an error event with the code '${code}', but it was not caught. No error events are available in the scope.`,
            'activate',
          );
        }
        return; // caught: the catch took over (the thrower's scope is gone or interrupted)
      }
      case 'signal':
        if (!(await throwSignal(b, ei, element))) return;
        break;
      case 'escalation':
        if (!(await throwEscalation(b, ei, element))) return;
        break;
      default:
        break;
    }
    await completeElement(b, ei);
  },
  async terminate(b, ei) {
    await cancelJob(b, ei);
  },
};

/** Message, timer and signal catch events and receive tasks wait on a subscription. */
export const catchEventProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    if (ei.data.triggeredBy === 'eventBasedGateway') {
      markActivated(b, ei);
      await completeElement(b, ei);
      return;
    }
    if (element.kind === 'intermediateCatchEvent' && element.eventDefinition?.type === 'link') {
      markActivated(b, ei);
      await completeElement(b, ei);
      return;
    }
    try {
      await openCatchSubscription(b, ei, element);
    } catch (error) {
      await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
      return;
    }
    markActivated(b, ei);
    if (!element.eventDefinition || element.eventDefinition.type === 'none') await completeElement(b, ei);
  },
};

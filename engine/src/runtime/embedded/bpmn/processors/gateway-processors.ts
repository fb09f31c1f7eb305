import type { ElementProcessor } from './element-processor.js';
import type { Batch } from '../../batch.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { FlowNode } from '../../../../model/executable-process.js';
import { completeElement, markActivated, processOf } from '../element-lifecycle.js';
import { raiseIncident } from '../behaviours/incident-behaviour.js';
import { errorMessage } from '../behaviours/error-message.js';
import { visibleVariables } from '../behaviours/variable-behaviour.js';
import { openEventGatewaySubscriptions } from '../behaviours/event-subscription-behaviour.js';
import { describe } from '../behaviours/expression-values.js';
import { evaluateFeel } from '../../../../feel/feel-expression.js';

/** Evaluates a condition; anything but a boolean is an error, as in Zeebe. */
function condition(source: string, context: Record<string, unknown>): boolean {
  const value = evaluateFeel(source, context);
  if (typeof value !== 'boolean') {
    throw new Error(`Expected result of the expression '${source}' to be 'BOOLEAN', but was '${describe(value)}'.`);
  }
  return value;
}

async function chooseFlows(b: Batch, ei: ElementInstanceRow, element: FlowNode, all: boolean): Promise<string[] | undefined> {
  const graph = processOf(b, ei).graph;
  const context = await visibleVariables(b, ei.key);
  const chosen: string[] = [];
  try {
    for (const flowId of element.outgoing) {
      if (flowId === element.defaultFlowId) continue;
      const flow = graph.flows.get(flowId)!;
      if (flow.condition === undefined || condition(flow.condition, context)) {
        chosen.push(flowId);
        if (!all) break;
      }
    }
  } catch (error) {
    await raiseIncident(b, ei, 'CONDITION_ERROR', errorMessage(error), 'activate');
    return undefined;
  }
  if (chosen.length === 0 && element.defaultFlowId) chosen.push(element.defaultFlowId);
  if (chosen.length === 0) {
    await raiseIncident(
      b,
      ei,
      'CONDITION_ERROR',
      `Expected at least one condition to evaluate to true, or to have a default flow`,
      'activate',
    );
    return undefined;
  }
  return chosen;
}

export const exclusiveGatewayProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    if (element.outgoing.length === 0) {
      markActivated(b, ei);
      return completeElement(b, ei);
    }
    const flows = await chooseFlows(b, ei, element, false);
    if (!flows) return;
    markActivated(b, ei);
    await completeElement(b, ei, flows);
  },
};

export const inclusiveGatewayProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    if (element.outgoing.length <= 1) {
      markActivated(b, ei);
      return completeElement(b, ei);
    }
    const flows = await chooseFlows(b, ei, element, true);
    if (!flows) return;
    markActivated(b, ei);
    await completeElement(b, ei, flows);
  },
};

/** Parallel gateways fork to all outgoing flows; the join happens before the instance exists (flow behaviour). */
export const parallelGatewayProcessor: ElementProcessor = {
  async activate(b, ei) {
    markActivated(b, ei);
    await completeElement(b, ei);
  },
};

export const eventBasedGatewayProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    try {
      await openEventGatewaySubscriptions(b, ei, element);
    } catch (error) {
      await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
      return;
    }
    markActivated(b, ei);
  },
};

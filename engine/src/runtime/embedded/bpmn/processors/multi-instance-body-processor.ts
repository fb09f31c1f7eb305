import type { ElementProcessor } from './element-processor.js';
import type { Batch } from '../../batch.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { FlowNode } from '../../../../model/executable-process.js';
import { childrenOf, completeElement, createElementInstance, elementOf, markActivated, processOf, terminateElement } from '../element-lifecycle.js';
import { raiseIncident } from '../behaviours/incident-behaviour.js';
import { errorMessage } from '../behaviours/error-message.js';
import { propagateVariables, setLocalVariable, visibleVariables } from '../behaviours/variable-behaviour.js';
import { describe } from '../behaviours/expression-values.js';
import { evaluateFeel } from '../../../../feel/feel-expression.js';

/**
 * The multi-instance body wraps an activity: one inner instance per item of the input collection,
 * all at once (parallel) or one after the other (sequential); outputs gathered in the output collection.
 */

async function createInner(b: Batch, body: ElementInstanceRow, element: FlowNode, index: number): Promise<void> {
  const mi = element.multiInstance!;
  const loop = body.data.loop!;
  const variables: Record<string, unknown> = { loopCounter: index + 1 };
  if (mi.inputElement) variables[mi.inputElement] = loop.items[index] ?? null;
  loop.active++;
  b.state.elementInstances.update(body);
  await createElementInstance(b, {
    process: processOf(b, body),
    elementId: element.id,
    flowScope: body,
    kind: element.kind,
    data: { loopCounter: index + 1 },
    variables,
  });
}

export const multiInstanceBodyProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    const mi = element.multiInstance!;
    let items: unknown;
    try {
      items = evaluateFeel(mi.inputCollection, await visibleVariables(b, ei.key));
      if (!Array.isArray(items)) {
        throw new Error(`Expected result of the expression '${mi.inputCollection}' to be 'ARRAY', but was '${describe(items)}'.`);
      }
    } catch (error) {
      await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
      return;
    }
    if (mi.outputCollection) await setLocalVariable(b, ei, mi.outputCollection, items.map(() => null));
    ei.data.loop = { items, nextIndex: 0, completed: 0, active: 0 };
    markActivated(b, ei);
    if (items.length === 0) return completeElement(b, ei);
    if (mi.sequential) {
      ei.data.loop.nextIndex = 1;
      await createInner(b, ei, element, 0);
    } else {
      ei.data.loop.nextIndex = items.length;
      for (let i = 0; i < items.length; i++) await createInner(b, ei, element, i);
    }
  },

  /** Reads the inner instance's output element and evaluates the completion condition while its scope exists. */
  async childCompleting(b, body, child) {
    const element = elementOf(b, body);
    const mi = element.multiInstance!;
    const loop = body.data.loop!;
    const context = await visibleVariables(b, child.key);
    if (mi.outputCollection) {
      const value = mi.outputElement ? evaluateFeel(mi.outputElement, context) : null;
      const collection = [...(((await b.state.variables.get(body.key, mi.outputCollection)) as unknown[]) ?? [])];
      collection[(child.data.loopCounter ?? 1) - 1] = value ?? null;
      await setLocalVariable(b, body, mi.outputCollection, collection);
    }
    if (mi.completionCondition) {
      const done = evaluateFeel(mi.completionCondition, {
        ...context,
        numberOfInstances: loop.items.length,
        numberOfActiveInstances: loop.active - 1,
        numberOfCompletedInstances: loop.completed + 1,
        numberOfTerminatedInstances: 0,
      });
      if (typeof done !== 'boolean') {
        throw new Error(`Expected result of the expression '${mi.completionCondition}' to be 'BOOLEAN', but was '${describe(done)}'.`);
      }
      if (done) body.data.conditionMet = true;
    }
    b.state.elementInstances.update(body);
  },

  async childCompleted(b, body) {
    const element = elementOf(b, body);
    const loop = body.data.loop!;
    loop.completed++;
    loop.active--;
    b.state.elementInstances.update(body);
    if (body.data.conditionMet) {
      for (const child of await childrenOf(b, body.key)) await terminateElement(b, child);
      return completeElement(b, body);
    }
    if (element.multiInstance!.sequential && loop.nextIndex < loop.items.length) {
      const index = loop.nextIndex++;
      return createInner(b, body, element, index);
    }
    if (body.data.activeChildren === 0) await completeElement(b, body);
  },

  async applyOutputs(b, ei, element) {
    const mi = element.multiInstance!;
    if (!mi.outputCollection) return;
    const collection = await b.state.variables.get(ei.key, mi.outputCollection);
    await propagateVariables(b, ei.flowScopeKey!, { [mi.outputCollection]: collection ?? [] });
  },
};

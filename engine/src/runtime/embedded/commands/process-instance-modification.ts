import type { Batch } from '../batch.js';
import type { ElementInstanceRow } from '../state/rows.js';
import { childrenOf, createElementInstance, processOf, terminateElement } from '../bpmn/element-lifecycle.js';
import { setLocalVariables } from '../bpmn/behaviours/variable-behaviour.js';
import { hasWaitingTokens } from '../bpmn/behaviours/flow-behaviour.js';
import { invalidArgument, invalidState, notFound } from '../../engine-rejection.js';

export interface ActivateInstruction {
  elementId: string;
  /** The instance of the element's flow scope to activate it in; undefined: the only one there is. */
  ancestorElementInstanceKey?: number;
  /** Variables per scope: scopeId '' is the process instance, or the activated element, or its flow scope. */
  variableInstructions?: Array<{ scopeId: string; variables: Record<string, unknown> }>;
}

export interface ProcessInstanceModification {
  activateInstructions: ActivateInstruction[];
  terminateInstructions: Array<{ elementInstanceKey: number }>;
}

const unsupportedKinds = new Set(['startEvent', 'boundaryEvent', 'eventSubProcess', 'process']);

/**
 * Zeebe's process instance modification as far as the embedded engine goes: an element is activated
 * in an existing instance of its flow scope (flow scopes are not created on the way), element
 * instances are terminated, and a scope left with nothing active is terminated too, up to the
 * process instance. Every instruction is checked before anything changes.
 */
export async function modifyProcessInstance(b: Batch, processInstanceKey: number, m: ProcessInstanceModification): Promise<void> {
  const root = await b.state.elementInstances.get(String(processInstanceKey));
  if (!root || root.flowScopeKey !== null || root.state !== 'ACTIVATED') {
    throw notFound(`Expected to modify process instance but no process instance found with key '${processInstanceKey}'`);
  }
  const process = processOf(b, root);
  const id = process.bpmnProcessId;
  const activations: Array<{ elementId: string; scope: ElementInstanceRow; local: Record<string, unknown>; scoped: Array<{ scope: ElementInstanceRow; variables: Record<string, unknown> }> }> = [];
  for (const instruction of m.activateInstructions) {
    const element = process.graph.elements.get(instruction.elementId);
    if (!element) {
      throw invalidArgument(
        `Expected to modify instance of process '${id}' but it contains one or more activate instructions with an element that could not be found: '${instruction.elementId}'`,
      );
    }
    if (unsupportedKinds.has(element.kind)) {
      throw invalidArgument(
        `Expected to modify instance of process '${id}' but it contains one or more activate instructions for an element of kind '${element.kind}', which cannot be activated: '${instruction.elementId}'`,
      );
    }
    const flowScopeElement = process.graph.elements.get(element.flowScopeId);
    if (flowScopeElement?.multiInstance) {
      throw invalidState(
        `Expected to modify instance of process '${id}' but it contains one or more activate instructions for an element inside a multi-instance: '${instruction.elementId}'`,
      );
    }
    const scope = await flowScopeInstance(b, root, element.flowScopeId, instruction, id);
    const local: Record<string, unknown> = {};
    const scoped: Array<{ scope: ElementInstanceRow; variables: Record<string, unknown> }> = [];
    for (const v of instruction.variableInstructions ?? []) {
      if (v.scopeId === '' || v.scopeId === id) scoped.push({ scope: root, variables: v.variables });
      else if (v.scopeId === element.id) Object.assign(local, v.variables);
      else if (v.scopeId === scope.elementId) scoped.push({ scope, variables: v.variables });
      else {
        throw invalidArgument(
          `Expected to modify instance of process '${id}' but it contains one or more variable instructions with a scope element id that could not be found: '${v.scopeId}' (the embedded engine sets variables on the process, the activated element or its flow scope)`,
        );
      }
    }
    activations.push({ elementId: element.id, scope, local, scoped });
  }
  const terminations: ElementInstanceRow[] = [];
  for (const t of m.terminateInstructions) {
    const ei = await b.state.elementInstances.get(String(t.elementInstanceKey));
    if (!ei || ei.processInstanceKey !== processInstanceKey || ei.key === root.key) {
      throw invalidArgument(
        `Expected to modify instance of process '${id}' but it contains one or more terminate instructions with an element instance that could not be found: '${t.elementInstanceKey}'`,
      );
    }
    terminations.push(ei);
  }

  for (const a of activations) {
    for (const s of a.scoped) await setLocalVariables(b, s.scope, s.variables);
    await createElementInstance(b, { process, elementId: a.elementId, flowScope: a.scope, variables: Object.keys(a.local).length > 0 ? a.local : undefined });
  }
  for (const ei of terminations) {
    const current = await b.state.elementInstances.get(String(ei.key));
    if (!current || current.state === 'TERMINATING') continue; // already gone with a terminated ancestor
    await terminateElement(b, current);
    await terminateEmptiedScopes(b, current.flowScopeKey);
  }
}

async function flowScopeInstance(b: Batch, root: ElementInstanceRow, flowScopeId: string, instruction: ActivateInstruction, id: string): Promise<ElementInstanceRow> {
  if (flowScopeId === root.elementId) return root;
  if (instruction.ancestorElementInstanceKey !== undefined) {
    const ancestor = await b.state.elementInstances.get(String(instruction.ancestorElementInstanceKey));
    if (!ancestor || ancestor.processInstanceKey !== root.processInstanceKey) {
      throw invalidArgument(
        `Expected to modify instance of process '${id}' but it contains one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${instruction.ancestorElementInstanceKey}'`,
      );
    }
    if (ancestor.elementId !== flowScopeId) {
      throw invalidArgument(
        `Expected to modify instance of process '${id}' but the activate instruction for element '${instruction.elementId}' names ancestor '${instruction.ancestorElementInstanceKey}' (element '${ancestor.elementId}'), which is not an instance of its flow scope '${flowScopeId}' (the embedded engine does not create flow scopes on the way)`,
      );
    }
    return ancestor;
  }
  const instances = await activeInstancesOf(b, root, flowScopeId);
  if (instances.length === 0) {
    throw invalidState(
      `Expected to modify instance of process '${id}' but the activate instruction for element '${instruction.elementId}' needs an active instance of its flow scope '${flowScopeId}', and there is none (the embedded engine does not create flow scopes)`,
    );
  }
  if (instances.length > 1) {
    throw invalidArgument(
      `Expected to modify instance of process '${id}' but it contains one or more activate instructions for an element that has a flow scope with more than one active instance: '${instruction.elementId}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`,
    );
  }
  return instances[0];
}

/** Active instances of an element in a process instance, found by walking down from the root. */
async function activeInstancesOf(b: Batch, root: ElementInstanceRow, elementId: string): Promise<ElementInstanceRow[]> {
  const found: ElementInstanceRow[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const scope = queue.shift()!;
    if (scope.data.activeChildren === 0) continue;
    for (const child of await childrenOf(b, scope.key)) {
      if (child.elementId === elementId && child.state === 'ACTIVATED' && child.data.kind !== 'multiInstanceBody') found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** A scope that a termination left with nothing active ends too (Zeebe terminates it), up to the process instance. */
async function terminateEmptiedScopes(b: Batch, scopeKey: number | null): Promise<void> {
  while (scopeKey !== null) {
    const scope = await b.state.elementInstances.get(String(scopeKey));
    if (!scope || scope.state !== 'ACTIVATED' || scope.data.activeChildren > 0 || hasWaitingTokens(scope)) return;
    await terminateElement(b, scope);
    scopeKey = scope.flowScopeKey;
  }
}

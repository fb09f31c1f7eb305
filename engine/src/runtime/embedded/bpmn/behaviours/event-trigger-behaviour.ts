import type { Batch } from '../../batch.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { FlowNode, ValueExpression } from '../../../../model/executable-process.js';
import {
  completeElement,
  createElementInstance,
  elementOf,
  interruptScope,
  processOf,
  terminateElement,
} from '../element-lifecycle.js';
import { isContainer } from '../element-types.js';
import { evaluateFeel } from '../../../../feel/feel-expression.js';

/**
 * What happens when an event a process waits on occurs (message, timer, signal), and how errors
 * and escalations travel up the scopes to the nearest catch, as in Zeebe.
 */

/** Delivers a triggered subscription; false when its element instance is gone or not waiting. */
export async function triggerEvent(
  b: Batch,
  elementInstanceKey: number,
  targetElementId: string,
  variables: Record<string, unknown>,
): Promise<boolean> {
  const ei = await b.state.elementInstances.get(String(elementInstanceKey));
  if (!ei || ei.state !== 'ACTIVATED') return false;
  const graph = processOf(b, ei).graph;
  const target = graph.elements.get(targetElementId);
  if (!target) return false;
  if (target.kind === 'boundaryEvent') {
    await triggerBoundary(b, ei, target, variables);
  } else if (target.kind === 'startEvent' && graph.elements.get(target.flowScopeId)?.kind === 'eventSubProcess') {
    if (ei.data.interrupted) return false;
    await triggerEventSubProcess(b, ei, target, variables);
  } else if (ei.elementId === targetElementId) {
    ei.data.triggerVariables = variables;
    await completeElement(b, ei);
  } else if (ei.data.kind === 'eventBasedGateway') {
    const flowId = elementOf(b, ei).outgoing.find((f) => graph.flows.get(f)!.targetId === targetElementId)!;
    ei.data.nextData = { triggerVariables: variables, triggeredBy: 'eventBasedGateway' };
    await completeElement(b, ei, [flowId]);
  } else {
    return false;
  }
  return true;
}

export async function triggerBoundary(b: Batch, activity: ElementInstanceRow, boundary: FlowNode, variables: Record<string, unknown>): Promise<void> {
  const scope = activity.flowScopeKey === null ? null : await b.state.elementInstances.get(String(activity.flowScopeKey));
  if (!scope) return;
  if (boundary.interrupting !== false) await terminateElement(b, activity);
  await createElementInstance(b, {
    process: processOf(b, activity),
    elementId: boundary.id,
    flowScope: scope,
    data: { triggerVariables: variables },
  });
}

export async function triggerEventSubProcess(b: Batch, scope: ElementInstanceRow, start: FlowNode, variables: Record<string, unknown>): Promise<void> {
  if (start.interrupting !== false) await interruptScope(b, scope);
  await createElementInstance(b, {
    process: processOf(b, scope),
    elementId: start.flowScopeId,
    flowScope: scope,
    data: { startAt: [start.id], triggerVariables: variables },
  });
}

function staticCode(code: ValueExpression | undefined): string | undefined {
  if (!code) return undefined;
  if (code.type === 'static') return code.value;
  const value = evaluateFeel(code.source, {});
  return value === null || value === undefined ? undefined : String(value);
}

type CatchKind = 'error' | 'escalation';

/** The best catch among candidates: an exact code match before a catch-all. */
function matchCatch(graph: Map<string, FlowNode>, ids: string[], kind: CatchKind, code: string): FlowNode | undefined {
  let catchAll: FlowNode | undefined;
  for (const id of ids) {
    const element = graph.get(id);
    const def = element?.eventDefinition;
    if (!element || !def || def.type !== kind) continue;
    const catchCode = staticCode(def.type === 'error' ? def.errorCode : def.type === 'escalation' ? def.escalationCode : undefined);
    if (catchCode === undefined) catchAll ??= element;
    else if (catchCode === code) return element;
  }
  return catchAll;
}

/**
 * Finds the nearest catch for an error or escalation thrown at `thrower` and triggers it.
 * Returns the catch element, or undefined when nothing catches it.
 */
export async function throwEvent(
  b: Batch,
  thrower: ElementInstanceRow,
  kind: CatchKind,
  code: string,
  variables: Record<string, unknown>,
  errorMessage = '',
): Promise<FlowNode | undefined> {
  let current: ElementInstanceRow | undefined = thrower;
  let first = true;
  while (current) {
    const element = elementOf(b, current);
    const graph = processOf(b, current).graph.elements;
    if (!first && isContainer(current.data.kind)) {
      const start = matchCatch(graph, element.eventSubProcessStartIds ?? [], kind, code);
      if (start) {
        await triggerEventSubProcess(b, current, start, catchVariables(start, code, errorMessage, variables));
        return start;
      }
    }
    const innerOfBody = element.multiInstance !== undefined && current.data.kind !== 'multiInstanceBody';
    if (!innerOfBody) {
      const boundary = matchCatch(graph, element.boundaryEventIds, kind, code);
      if (boundary) {
        await triggerBoundary(b, current, boundary, catchVariables(boundary, code, errorMessage, variables));
        return boundary;
      }
    }
    first = false;
    if (current.flowScopeKey !== null) current = await b.state.elementInstances.get(String(current.flowScopeKey));
    else if (current.data.parentElementInstanceKey !== undefined)
      current = await b.state.elementInstances.get(String(current.data.parentElementInstanceKey));
    else current = undefined;
  }
  return undefined;
}

function catchVariables(catcher: FlowNode, code: string, message: string, variables: Record<string, unknown>): Record<string, unknown> {
  const def = catcher.eventDefinition;
  const out = { ...variables };
  if (def?.type === 'error') {
    if (def.errorCodeVariable) out[def.errorCodeVariable] = code;
    if (def.errorMessageVariable) out[def.errorMessageVariable] = message;
  }
  return out;
}

/** The code an error / escalation throw event throws. */
export function thrownCode(element: FlowNode): string {
  const def = element.eventDefinition;
  if (def?.type === 'error') return staticCode(def.errorCode) ?? '';
  if (def?.type === 'escalation') return staticCode(def.escalationCode) ?? '';
  return '';
}

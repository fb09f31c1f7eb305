import type { Batch } from '../../batch.js';
import type { ElementInstanceData, ElementInstanceRow } from '../../state/rows.js';
import type { ExecutableProcess, FlowNode } from '../../../../model/executable-process.js';
import { ElementIntent } from '../../../../records/record.js';
import { childrenOf, createElementInstance, processOf } from '../element-lifecycle.js';

/** Sequence flows, and the joins of parallel and inclusive gateways. */

export async function takeSequenceFlow(
  b: Batch,
  scope: ElementInstanceRow,
  flowId: string,
  targetData?: Partial<ElementInstanceData>,
): Promise<void> {
  const process = processOf(b, scope);
  const flow = process.graph.flows.get(flowId);
  if (!flow) throw new Error(`sequence flow ${flowId} is not in process ${process.bpmnProcessId}`);
  b.records.append('PROCESS_INSTANCE', ElementIntent.SEQUENCE_FLOW_TAKEN, b.keys.next(), scope.processInstanceKey, {
    bpmnProcessId: process.bpmnProcessId,
    version: process.version,
    processDefinitionKey: process.key,
    processInstanceKey: scope.processInstanceKey,
    elementId: flowId,
    flowScopeKey: scope.key,
    bpmnElementType: 'SEQUENCE_FLOW',
    bpmnEventType: 'UNSPECIFIED',
    parentProcessInstanceKey: -1,
    parentElementInstanceKey: -1,
  });
  const target = process.graph.elements.get(flow.targetId)!;
  if (isJoin(target)) {
    const joins = (scope.data.joins ??= {});
    (joins[target.id] ??= []).push(flowId);
    b.state.elementInstances.update(scope);
    await tryJoin(b, scope, target);
    return;
  }
  await createElementInstance(b, { process, elementId: target.id, flowScope: scope, data: targetData });
}

function isJoin(element: FlowNode): boolean {
  return (element.kind === 'parallelGateway' || element.kind === 'inclusiveGateway') && element.incoming.length > 1;
}

export function hasWaitingTokens(scope: ElementInstanceRow): boolean {
  const joins = scope.data.joins;
  if (!joins) return false;
  for (const id in joins) if (joins[id].length > 0) return true;
  return false;
}

async function tryJoin(b: Batch, scope: ElementInstanceRow, gateway: FlowNode): Promise<void> {
  const arrived = scope.data.joins?.[gateway.id] ?? [];
  const missing = gateway.incoming.filter((f) => !arrived.includes(f));
  if (missing.length > 0) {
    if (gateway.kind === 'parallelGateway') return;
    if (await canStillArrive(b, scope, gateway, missing)) return;
  }
  // Consume one token of each incoming flow that has one.
  const remaining = [...arrived];
  for (const flowId of gateway.incoming) {
    const at = remaining.indexOf(flowId);
    if (at >= 0) remaining.splice(at, 1);
  }
  scope.data.joins![gateway.id] = remaining;
  if (remaining.length === 0) delete scope.data.joins![gateway.id];
  b.state.elementInstances.update(scope);
  await createElementInstance(b, { process: processOf(b, scope), elementId: gateway.id, flowScope: scope });
}

/** Re-checks waiting inclusive joins after something in the scope finished. */
export async function tryInclusiveJoins(b: Batch, scope: ElementInstanceRow): Promise<void> {
  const graph = processOf(b, scope).graph;
  for (const id of Object.keys(scope.data.joins ?? {})) {
    const gateway = graph.elements.get(id)!;
    if (gateway.kind === 'inclusiveGateway' && (scope.data.joins![id]?.length ?? 0) > 0) await tryJoin(b, scope, gateway);
  }
}

/**
 * Inclusive join (Zeebe ≥ 8.6): wait while any element still active in the scope, or any token
 * waiting at another join, has a path to one of the flows that have not arrived yet.
 */
async function canStillArrive(b: Batch, scope: ElementInstanceRow, gateway: FlowNode, missing: string[]): Promise<boolean> {
  const graph = processOf(b, scope).graph;
  const sources: string[] = [];
  if (scope.data.activeChildren > 0) for (const child of await childrenOf(b, scope.key)) sources.push(child.elementId);
  for (const [joinId, tokens] of Object.entries(scope.data.joins ?? {})) if (joinId !== gateway.id && tokens.length > 0) sources.push(joinId);
  const missingSet = new Set(missing);
  return sources.some((source) => reaches(graph, source, gateway.id, missingSet));
}

function reaches(graph: ExecutableProcess, from: string, gatewayId: string, missingFlows: Set<string>): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const element = graph.elements.get(id);
    if (!element) continue;
    for (const flowId of element.outgoing) {
      if (missingFlows.has(flowId)) return true;
      const target = graph.flows.get(flowId)!.targetId;
      if (target !== gatewayId) stack.push(target);
    }
    for (const boundaryId of element.boundaryEventIds) stack.push(boundaryId);
  }
  return false;
}

/**
 * Which BPMN flow elements execute, which are only drawn, and which we cannot run
 * (docs.camunda.io "BPMN coverage").
 */
import type { ElementKind } from '../model/executable-process.js';
import { booleanProperty, type BpmnElement } from './bpmn-element.js';

export type FlowElementCategory =
  | { category: 'flowNode'; kind: ElementKind }
  | { category: 'sequenceFlow' }
  /** Present in the model but without behaviour: data objects and data store references. */
  | { category: 'ignored' }
  | { category: 'unsupported' };

const FLOW_NODE_KINDS = new Map<string, ElementKind>([
  ['bpmn:StartEvent', 'startEvent'],
  ['bpmn:EndEvent', 'endEvent'],
  ['bpmn:IntermediateCatchEvent', 'intermediateCatchEvent'],
  ['bpmn:IntermediateThrowEvent', 'intermediateThrowEvent'],
  ['bpmn:BoundaryEvent', 'boundaryEvent'],
  ['bpmn:ServiceTask', 'serviceTask'],
  ['bpmn:SendTask', 'sendTask'],
  ['bpmn:ScriptTask', 'scriptTask'],
  ['bpmn:BusinessRuleTask', 'businessRuleTask'],
  ['bpmn:UserTask', 'userTask'],
  ['bpmn:ReceiveTask', 'receiveTask'],
  ['bpmn:ManualTask', 'manualTask'],
  ['bpmn:Task', 'task'],
  ['bpmn:ExclusiveGateway', 'exclusiveGateway'],
  ['bpmn:ParallelGateway', 'parallelGateway'],
  ['bpmn:InclusiveGateway', 'inclusiveGateway'],
  ['bpmn:EventBasedGateway', 'eventBasedGateway'],
  ['bpmn:CallActivity', 'callActivity'],
]);

const IGNORED_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/** Kinds that are activities: they can carry boundary events, mappings and multi-instance. */
export const ACTIVITY_KINDS: ReadonlySet<ElementKind> = new Set<ElementKind>([
  'serviceTask',
  'sendTask',
  'scriptTask',
  'businessRuleTask',
  'userTask',
  'receiveTask',
  'manualTask',
  'task',
  'subProcess',
  'callActivity',
]);

export function classifyFlowElement(element: BpmnElement): FlowElementCategory {
  // Exact types: bpmn:Transaction and bpmn:AdHocSubProcess are sub-classes of bpmn:SubProcess.
  if (element.$type === 'bpmn:SequenceFlow') return { category: 'sequenceFlow' };
  if (element.$type === 'bpmn:SubProcess') {
    return { category: 'flowNode', kind: booleanProperty(element, 'triggeredByEvent') ? 'eventSubProcess' : 'subProcess' };
  }
  const kind = FLOW_NODE_KINDS.get(element.$type);
  if (kind) return { category: 'flowNode', kind };
  if (IGNORED_TYPES.has(element.$type)) return { category: 'ignored' };
  return { category: 'unsupported' };
}

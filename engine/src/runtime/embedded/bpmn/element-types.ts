import type { EventDefinition, FlowNode } from '../../../model/executable-process.js';
import type { RuntimeElementKind } from '../state/rows.js';

const ELEMENT_TYPES: Record<RuntimeElementKind, string> = {
  process: 'PROCESS',
  startEvent: 'START_EVENT',
  endEvent: 'END_EVENT',
  intermediateCatchEvent: 'INTERMEDIATE_CATCH_EVENT',
  intermediateThrowEvent: 'INTERMEDIATE_THROW_EVENT',
  boundaryEvent: 'BOUNDARY_EVENT',
  serviceTask: 'SERVICE_TASK',
  sendTask: 'SEND_TASK',
  scriptTask: 'SCRIPT_TASK',
  businessRuleTask: 'BUSINESS_RULE_TASK',
  userTask: 'USER_TASK',
  receiveTask: 'RECEIVE_TASK',
  manualTask: 'MANUAL_TASK',
  task: 'TASK',
  exclusiveGateway: 'EXCLUSIVE_GATEWAY',
  parallelGateway: 'PARALLEL_GATEWAY',
  inclusiveGateway: 'INCLUSIVE_GATEWAY',
  eventBasedGateway: 'EVENT_BASED_GATEWAY',
  subProcess: 'SUB_PROCESS',
  eventSubProcess: 'EVENT_SUB_PROCESS',
  callActivity: 'CALL_ACTIVITY',
  multiInstanceBody: 'MULTI_INSTANCE_BODY',
};

/** Zeebe's BpmnElementType name of a runtime element kind. */
export function bpmnElementType(kind: RuntimeElementKind): string {
  return ELEMENT_TYPES[kind];
}

/** Zeebe's BpmnEventType name of an element's event definition. */
export function bpmnEventType(definition: EventDefinition | undefined): string {
  if (!definition) return 'UNSPECIFIED';
  return definition.type === 'none' ? 'NONE' : definition.type.toUpperCase();
}

const ACTIVITIES = new Set<RuntimeElementKind>([
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
  'multiInstanceBody',
]);

export function isActivity(kind: RuntimeElementKind): boolean {
  return ACTIVITIES.has(kind);
}

export function isContainer(kind: RuntimeElementKind): boolean {
  return kind === 'process' || kind === 'subProcess' || kind === 'eventSubProcess';
}

export function elementName(element: FlowNode): string {
  return element.name ? `'${element.id}' (${element.name})` : `'${element.id}'`;
}

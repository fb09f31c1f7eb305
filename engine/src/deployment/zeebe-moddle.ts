/**
 * The moddle instance that reads Zeebe-dialect BPMN: bpmn-moddle plus zeebe-bpmn-moddle's schema,
 * exactly as bpmn-js with the Zeebe properties panel writes it.
 */
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

export function createZeebeModdle() {
  return BpmnModdle({ zeebe: zeebeSchema });
}

/**
 * A new process as Camunda Modeler starts one for Camunda 8: one start event, marked for the Zeebe execution platform
 * so that the linter checks it against Camunda 8 rules.
 */

/** The Camunda 8 version the linter checks new diagrams against (the engine follows Zeebe 8.6 semantics). */
export const EXECUTION_PLATFORM_VERSION = '8.6.0';

function escapeXmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A short random suffix so that two new processes never share an id. */
export function randomIdSuffix(): string {
  return Math.random().toString(36).slice(2, 9);
}

export function blankProcessDiagram(processId: string, processName: string): string {
  if (!/^[A-Za-z_][\w.-]*$/.test(processId)) {
    throw new Error(`Process id "${processId}" must start with a letter or underscore and hold only letters, digits, _ . -`);
  }
  const name = escapeXmlAttribute(processName);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${randomIdSuffix()}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Gongzhi" exporterVersion="0.1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="${EXECUTION_PLATFORM_VERSION}">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

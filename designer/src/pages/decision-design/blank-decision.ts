/**
 * A new decision as Camunda Modeler starts one for Camunda 8: DMN 1.3, one decision with a decision table
 * (one input, one output, one rule), and its shape on the requirements diagram.
 */
import { randomIdSuffix } from '../process-design/blank-process-diagram.js';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function blankDecision(decisionId: string, decisionName: string): string {
  if (!/^[A-Za-z_][\w.-]*$/.test(decisionId)) {
    throw new Error(`Decision id "${decisionId}" must start with a letter or underscore and hold only letters, digits, _ . -`);
  }
  const name = escapeXml(decisionName);
  const suffix = randomIdSuffix();
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${suffix}" name="${name}" namespace="http://camunda.org/schema/1.0/dmn" exporter="Gongzhi" exporterVersion="0.1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <decision id="${decisionId}" name="${name}">
    <decisionTable id="DecisionTable_${suffix}" hitPolicy="UNIQUE">
      <input id="Input_1" label="输入">
        <inputExpression id="InputExpression_1" typeRef="string">
          <text>input1</text>
        </inputExpression>
      </input>
      <output id="Output_1" label="输出" name="output1" typeRef="string" />
      <rule id="Rule_1">
        <inputEntry id="InputEntry_1">
          <text>"A"</text>
        </inputEntry>
        <outputEntry id="OutputEntry_1">
          <text>"a"</text>
        </outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="DMNDiagram_1">
      <dmndi:DMNShape id="DMNShape_1" dmnElementRef="${decisionId}">
        <dc:Bounds height="80" width="180" x="320" y="180" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}

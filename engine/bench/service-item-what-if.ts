/**
 * The what-if benchmark's material: a 便民服务事项 (service item) process shaped like the governance ones —
 * acceptance with a form, refusal or handling, a three-day reminder on handling, an SMS at the end — its
 * acceptance form and a what-if scenario over it. `runs` is filled in by the caller.
 */
export const SERVICE_ITEM_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="service-item-definitions" targetNamespace="http://gongzhi">
  <bpmn:process id="service-item" name="便民服务事项" isExecutable="true">
    <bpmn:startEvent id="submitted" name="申请提交" />
    <bpmn:sequenceFlow id="toAccept" sourceRef="submitted" targetRef="accept" />
    <bpmn:userTask id="accept" name="受理">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="window" />
        <zeebe:formDefinition formKey="gongzhi:form:accept" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="toDecision" sourceRef="accept" targetRef="decision" />
    <bpmn:exclusiveGateway id="decision" name="是否受理" default="accepted" />
    <bpmn:sequenceFlow id="refused" sourceRef="decision" targetRef="notifyRefusal">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=acceptDecision = "不予受理"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:serviceTask id="notifyRefusal" name="告知不予受理">
      <bpmn:extensionElements><zeebe:taskDefinition type="sms.send" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="toRefusedEnd" sourceRef="notifyRefusal" targetRef="refusedEnd" />
    <bpmn:endEvent id="refusedEnd" name="不予受理" />
    <bpmn:sequenceFlow id="accepted" sourceRef="decision" targetRef="handle" />
    <bpmn:userTask id="handle" name="办理">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="dept" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="handleOverdue" name="三日未办结" cancelActivity="false" attachedToRef="handle">
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="toRemind" sourceRef="handleOverdue" targetRef="remind" />
    <bpmn:serviceTask id="remind" name="催办">
      <bpmn:extensionElements><zeebe:taskDefinition type="sms.send" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="toRemindedEnd" sourceRef="remind" targetRef="remindedEnd" />
    <bpmn:endEvent id="remindedEnd" name="已催办" />
    <bpmn:sequenceFlow id="toResult" sourceRef="handle" targetRef="result" />
    <bpmn:exclusiveGateway id="result" name="办理结果" default="done" />
    <bpmn:sequenceFlow id="returned" sourceRef="result" targetRef="returnedEnd">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=result = "退回"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="returnedEnd" name="退回" />
    <bpmn:sequenceFlow id="done" sourceRef="result" targetRef="deliver" />
    <bpmn:serviceTask id="deliver" name="送达结果">
      <bpmn:extensionElements><zeebe:taskDefinition type="sms.send" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="toDoneEnd" sourceRef="deliver" targetRef="doneEnd" />
    <bpmn:endEvent id="doneEnd" name="办结" />
  </bpmn:process>
</bpmn:definitions>`;

export const ACCEPT_FORM = JSON.stringify({
  id: 'accept',
  title: '受理',
  schema: {
    type: 'object',
    required: ['acceptDecision'],
    properties: {
      acceptDecision: { type: 'string', title: '受理意见', enum: ['受理', '不予受理'] },
      reason: { type: 'string', title: '理由', minLength: 2 },
    },
    if: { properties: { acceptDecision: { const: '不予受理' } }, required: ['acceptDecision'] },
    then: { required: ['reason'] },
  },
});

export function serviceItemWhatIf(runs: number): string {
  return `process: service-item
scenarios:
  - name: 一个月的申请
    runs: ${runs}
    seed: 2026
    startEvery: PT3M
    start:
      variables:
        itemCode: { $enum: { YL-001: 3, YL-002: 1 } }
        applicants: { $range: [1, 4] }
    userTasks:
      accept:
        duration: { $triangular: [PT10M, PT30M, PT4H] }
        variables: { acceptDecision: { $enum: { 受理: 9, 不予受理: 1 } }, reason: 材料不全 }
      handle:
        duration: { $triangular: [PT2H, P1D, P5D] }
        variables: { result: { $enum: { 办结: 19, 退回: 1 } } }
    mockJobs:
      sms.send: { variables: { sent: true } }
    deadlines: { 承诺时限: P5D }
`;
}

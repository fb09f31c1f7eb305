/**
 * The processes and form the API tests' server deploys at start from its processes/ and forms/ folders:
 * a case (user task with a form → service task → message catch) and a signal wait.
 */

/** The form of the case's user task: required fields, personal data, and a reason required only on refusal. */
export const API_INTAKE_FORM = {
  id: 'api-intake',
  title: '居民事项登记',
  schema: {
    type: 'object',
    required: ['applicantName', 'idCard', 'decision'],
    properties: {
      applicantName: { type: 'string', title: '申请人姓名', 'x-title-en': 'Applicant name', minLength: 2, maxLength: 20 },
      idCard: { type: 'string', title: '身份证号', 'x-title-en': 'ID card number', format: 'cn-id-card', 'x-pii': true },
      phone: { type: 'string', title: '联系电话', 'x-title-en': 'Phone', format: 'phone', 'x-pii': true },
      decision: { type: 'string', title: '受理意见', 'x-title-en': 'Decision', enum: ['受理', '不予受理'] },
      reason: { type: 'string', title: '不予受理理由', 'x-title-en': 'Reason for refusal', minLength: 5 },
    },
    if: { properties: { decision: { const: '不予受理' } }, required: ['decision'] },
    then: { required: ['reason'] },
  },
  uiSchema: { 'ui:order': ['applicantName', 'idCard', 'phone', 'decision', 'reason'], reason: { 'ui:widget': 'textarea' } },
};

/** Submitted data that satisfies the form (a valid 居民身份证号 with its check character). */
export function validIntake(): Record<string, unknown> {
  return { applicantName: '张三丰', idCard: '11010519491231002X', phone: '13800000000', decision: '受理' };
}

export const CASE_PROCESS_ID = 'api-case';
export const CASE_JOB_TYPE = 'api-archive';
export const CASE_MESSAGE = 'api-confirmed';

/** start → register (user task, form api-intake, offered to grid workers) → archive (job) → confirmed (message by caseId) → end. */
export const CASE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="api-case-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:message id="msg-confirmed" name="${CASE_MESSAGE}">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:process id="${CASE_PROCESS_ID}" name="接口测试事项" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="register" name="受理登记">
      <bpmn:extensionElements>
        <zeebe:formDefinition formKey="gongzhi:form:api-intake" />
        <zeebe:assignmentDefinition candidateGroups="grid-worker,proxy-agent" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:serviceTask id="archive" name="归档">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${CASE_JOB_TYPE}" retries="2" />
        <zeebe:taskHeaders><zeebe:header key="office" value="档案室" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:intermediateCatchEvent id="confirmed" name="等待确认">
      <bpmn:messageEventDefinition messageRef="msg-confirmed" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="register" />
    <bpmn:sequenceFlow id="f2" sourceRef="register" targetRef="archive" />
    <bpmn:sequenceFlow id="f3" sourceRef="archive" targetRef="confirmed" />
    <bpmn:sequenceFlow id="f4" sourceRef="confirmed" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;

export const SIGNAL_PROCESS_ID = 'api-signal-wait';
export const SIGNAL_NAME = 'api-go';

/** start → wait for the signal api-go → end. */
export const SIGNAL_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="api-signal-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:signal id="sig-go" name="${SIGNAL_NAME}" />
  <bpmn:process id="${SIGNAL_PROCESS_ID}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="go"><bpmn:signalEventDefinition signalRef="sig-go" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="go" />
    <bpmn:sequenceFlow id="f2" sourceRef="go" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;

import { readFileSync } from 'node:fs';
import { chain, end, flow, processXml, serviceTask, start, userTask } from '../support/bpmn-xml.js';
import type { SimulationResource } from '../../src/simulation/index.js';

/**
 * A small 投诉 (complaint) process: registration with a form, an optional escalation, handling, and a
 * department check whose REFUSED error ends the case elsewhere.
 *   start → register → triage ─(urgent)→ escalate → handle → check → done
 *                          └──(default)──────────↗            └ refused (error boundary) → refusedEnd
 * 9 flow nodes (the boundary event counts), 8 sequence flows.
 */
export const COMPLAINT_BPMN = processXml(
  'complaint',
  [
    start(),
    userTask('register', '<zeebe:formDefinition formKey="gongzhi:form:register" />', 'name="登记"'),
    '<bpmn:exclusiveGateway id="triage" default="normal" />',
    serviceTask('escalate', 'dept.escalate'),
    userTask('handle', '', 'name="办理"'),
    serviceTask('check', 'dept.result'),
    '<bpmn:boundaryEvent id="refused" attachedToRef="check"><bpmn:errorEventDefinition errorRef="refusedError" /></bpmn:boundaryEvent>',
    end('done'),
    end('refusedEnd'),
    chain('start', 'register', 'triage'),
    flow('urgent', 'triage', 'escalate', 'urgent = true'),
    flow('normal', 'triage', 'handle'),
    chain('escalate', 'handle', 'check', 'done'),
    chain('refused', 'refusedEnd'),
  ].join('\n'),
  '<bpmn:error id="refusedError" errorCode="REFUSED" />',
);

export const REGISTER_FORM = JSON.stringify({
  id: 'register',
  title: '登记',
  schema: {
    type: 'object',
    required: ['category', 'urgent'],
    properties: {
      category: { type: 'string', title: '类别', enum: ['noise', 'light', 'road'] },
      urgent: { type: 'boolean', title: '紧急' },
    },
  },
});

export const complaintResources: SimulationResource[] = [
  { name: 'complaint.bpmn', content: COMPLAINT_BPMN },
  { name: 'register.form.json', content: REGISTER_FORM },
];

const corpus = new URL('../../../../shared/corpora/zeebe-process-test/', import.meta.url);

/** pr-created.bpmn and the automated-tests.bpmn it calls, from the zeebe-process-test corpus. */
export function prCreatedResources(): SimulationResource[] {
  return ['pr-created.bpmn', 'automated-tests.bpmn'].map((name) => ({ name, content: readFileSync(new URL(name, corpus)) }));
}

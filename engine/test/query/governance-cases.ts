import type { ActivatedJob, DeploymentResult } from '../../src/runtime/runtime-port.js';
import { chain, definitions, end, processXml, serviceTask, start, userTask } from '../support/bpmn-xml.js';
import { TestEngine } from '../support/test-engine.js';
import type { TestStore } from '../support/test-stores.js';

/**
 * A handful of community-governance cases made by running the embedded engine, so the read side is
 * tested on rows the engine really writes. One hour of virtual time passes between cases, so start
 * dates, creation dates and end dates are all distinct and known.
 *
 * Organisations: grid-1 and grid-2 belong to community-a, grid-3 to community-b; case `unplaced`
 * names no organisation.
 */
export const HOUR = 3_600_000;
/** VirtualClock's default start: 2026-01-05T01:00:00Z. */
export const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);

export const SERVICE_ITEM_V1 = processXml(
  'service-item',
  [
    start(),
    userTask(
      'accept',
      '<zeebe:assignmentDefinition assignee="=clerk" candidateGroups="window" /><zeebe:formDefinition formKey="gongzhi:form:accept" />',
      'name="受理"',
    ),
    serviceTask('notify', 'gongzhi.notify'),
    end(),
    chain('start', 'accept', 'notify', 'end'),
  ].join(''),
).replace('<bpmn:process id="service-item" isExecutable="true">', '<bpmn:process id="service-item" name="便民服务事项" isExecutable="true">');

/** Version 2 adds a due date on the acceptance task. */
export const SERVICE_ITEM_V2 = SERVICE_ITEM_V1.replace(
  '<zeebe:formDefinition formKey="gongzhi:form:accept" />',
  '<zeebe:formDefinition formKey="gongzhi:form:accept" /><zeebe:taskSchedule dueDate="=dueAt" />',
);

export const MEDIATION = processXml(
  'mediation',
  [
    start(),
    userTask('mediate', '<zeebe:assignmentDefinition candidateGroups="mediators" candidateUsers="li" />', 'name="调解"'),
    end(),
    chain('start', 'mediate', 'end'),
  ].join(''),
);

export const ESCALATION = definitions(
  `<bpmn:process id="escalation" name="吹哨报到" isExecutable="true">${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="mediation" /></bpmn:extensionElements></bpmn:callActivity>${end()}${chain('start', 'call', 'end')}</bpmn:process>`,
);

export interface GovernanceCases {
  t: TestEngine;
  definitions: { serviceItemV1: number; serviceItemV2: number; mediation: number; escalation: number };
  /** Process instance keys by case name. */
  cases: {
    /** service-item v2, grid-1, assigned to wang, due 2026-01-10T17:00+08:00, active. */
    assigned: number;
    /** service-item v2, grid-3, unassigned, offered to group window, due 2026-01-06T12:00Z, active. */
    offered: number;
    /** mediation, grid-2, offered to group mediators and user li, active. */
    mediation: number;
    /** service-item v1, grid-1: accept completed by wang, notify job failed without retries: an open incident. */
    failed: number;
    /** mediation without any organisation. */
    unplaced: number;
    /** service-item v2, grid-3, cancelled: TERMINATED, its task CANCELED. */
    cancelled: number;
    /** mediation, grid-1, task completed: COMPLETED. */
    completed: number;
    /** escalation, grid-2, waiting on its called mediation. */
    escalation: number;
    /** The mediation the escalation called (grid-2 through the parent's variables). */
    called: number;
  };
  /** User task keys by case name. */
  tasks: Record<'assigned' | 'offered' | 'mediation' | 'failed' | 'unplaced' | 'cancelled' | 'completed' | 'called', number>;
  incidentKey: number;
}

export async function runGovernanceCases(testStore: TestStore): Promise<GovernanceCases> {
  const t = await TestEngine.start(testStore);
  const deployed = (xml: string, name: string) => t.deploy(xml, name);
  const v1 = await deployed(SERVICE_ITEM_V1, 'service-item.bpmn');
  const v2 = await deployed(SERVICE_ITEM_V2, 'service-item.bpmn');
  const mediation = await deployed(MEDIATION, 'mediation.bpmn');
  const escalation = await deployed(ESCALATION, 'escalation.bpmn');
  const later = () => t.clock.advance(HOUR);

  const assigned = await t.start('service-item', { orgId: 'grid-1', caseNo: 'C-001', clerk: 'wang', dueAt: '2026-01-10T17:00:00+08:00' });
  later();
  const offered = await t.start('service-item', { orgId: 'grid-3', caseNo: 'C-002', dueAt: '2026-01-06T12:00:00Z' });
  later();
  const mediationCase = await t.start('mediation', { orgId: 'grid-2', caseNo: 'M-001', parties: ['张三', '李四'] });
  later();
  const failed = (await t.engine.createProcessInstance({ bpmnProcessId: 'service-item', version: 1, variables: { orgId: 'grid-1', caseNo: 'C-003', clerk: 'wang' } })).processInstanceKey;
  later();
  const unplaced = await t.start('mediation', { caseNo: 'M-002' });
  later();
  const cancelled = await t.start('service-item', { orgId: 'grid-3', caseNo: 'C-004' });
  later();
  const completed = await t.start('mediation', { orgId: 'grid-1', caseNo: 'M-003' });
  later();
  const escalationCase = await t.start('escalation', { orgId: 'grid-2', caseNo: 'E-001' });
  later();

  const taskJobs = await t.activate('io.camunda.zeebe:userTask');
  const taskOf = (pi: number): ActivatedJob => {
    const job = taskJobs.find((j) => j.processInstanceKey === pi);
    if (!job) throw new Error(`no user task for instance ${pi}`);
    return job;
  };
  const calledJob = taskJobs.find((j) => ![assigned, offered, mediationCase, failed, unplaced, cancelled, completed].includes(j.processInstanceKey));
  if (!calledJob) throw new Error('the escalation did not call a mediation');

  await t.engine.completeJob(taskOf(failed).key, { accepted: true });
  later();
  const [notify] = await t.activate('gongzhi.notify');
  await t.engine.failJob(notify.key, { retries: 0, errorMessage: 'SMS gateway down' });
  later();
  await t.engine.completeJob(taskOf(completed).key, { agreement: '和解' });
  later();
  await t.engine.cancelProcessInstance(cancelled);
  const [incident] = await t.incidents(failed);

  return {
    t,
    definitions: {
      serviceItemV1: keyOf(v1, 'service-item'),
      serviceItemV2: keyOf(v2, 'service-item'),
      mediation: keyOf(mediation, 'mediation'),
      escalation: keyOf(escalation, 'escalation'),
    },
    cases: {
      assigned,
      offered,
      mediation: mediationCase,
      failed,
      unplaced,
      cancelled,
      completed,
      escalation: escalationCase,
      called: calledJob.processInstanceKey,
    },
    tasks: {
      assigned: taskOf(assigned).key,
      offered: taskOf(offered).key,
      mediation: taskOf(mediationCase).key,
      failed: taskOf(failed).key,
      unplaced: taskOf(unplaced).key,
      cancelled: taskOf(cancelled).key,
      completed: taskOf(completed).key,
      called: calledJob.key,
    },
    incidentKey: incident.key,
  };
}

function keyOf(deployment: DeploymentResult, bpmnProcessId: string): number {
  const process = deployment.processes.find((p) => p.bpmnProcessId === bpmnProcessId);
  if (!process) throw new Error(`the deployment has no process ${bpmnProcessId}`);
  return process.processDefinitionKey;
}

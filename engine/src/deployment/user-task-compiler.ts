/**
 * A user task: a job of type io.camunda.zeebe:userTask (our user tasks are job-based, as
 * zeebe-node serves them) plus form, assignment and schedule (docs.camunda.io "User tasks").
 */
import type { JobDefinition, UserTaskDefinition, ValueExpression } from '../model/executable-process.js';
import { elementIdOf, nonBlankProperty, type BpmnElement } from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { describeElement } from './element-description.js';
import { compileCustomHeaders, DEFAULT_JOB_RETRIES } from './job-definition-compiler.js';
import { findDateTimeError } from './timer-value-syntax.js';

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

export function compileUserTask(
  context: CompilationContext,
  element: BpmnElement,
): { job: JobDefinition; userTask: UserTaskDefinition } {
  const id = elementIdOf(element);
  const subject = describeElement(element);
  const userTask: UserTaskDefinition = {};

  const form = context.singleExtension(element, 'zeebe:FormDefinition');
  if (form) {
    const formKey = nonBlankProperty(form, 'formKey');
    const formId = nonBlankProperty(form, 'formId');
    if (formKey && formId) {
      context.report(id, `The form of ${subject} must have either a formKey or a formId, not both`);
    }
    if (formKey) userTask.formKey = formKey;
    if (formId) userTask.formId = formId;
  }

  const assignment = context.singleExtension(element, 'zeebe:AssignmentDefinition');
  if (assignment) {
    const read = (name: string, words: string, isList: boolean): ValueExpression | undefined => {
      const raw = nonBlankProperty(assignment, name);
      if (raw === undefined) return undefined;
      const value = context.valueExpression(id, `the ${words} of ${subject}`, raw);
      if (isList && value.type === 'static' && !isCommaSeparatedList(value.value)) {
        context.report(id, `The ${words} of ${subject} must be a comma-separated list (e.g. 'a,b,c'), not '${value.value}'`);
      }
      return value;
    };
    const assignee = read('assignee', 'assignee', false);
    const candidateGroups = read('candidateGroups', 'candidate groups', true);
    const candidateUsers = read('candidateUsers', 'candidate users', true);
    if (assignee) userTask.assignee = assignee;
    if (candidateGroups) userTask.candidateGroups = candidateGroups;
    if (candidateUsers) userTask.candidateUsers = candidateUsers;
  }

  const schedule = context.singleExtension(element, 'zeebe:TaskSchedule');
  if (schedule) {
    const dueDate = readDate(context, element, schedule, 'dueDate', 'due date');
    const followUpDate = readDate(context, element, schedule, 'followUpDate', 'follow-up date');
    if (dueDate) userTask.dueDate = dueDate;
    if (followUpDate) userTask.followUpDate = followUpDate;
  }

  const priorityDefinition = context.singleExtension(element, 'zeebe:PriorityDefinition');
  const priorityText = priorityDefinition && nonBlankProperty(priorityDefinition, 'priority');
  if (priorityText) {
    const priority = context.valueExpression(id, `the priority of ${subject}`, priorityText);
    if (priority.type === 'static' && !isPriority(priority.value)) {
      context.report(id, `The priority of ${subject} must be a whole number from 0 to 100, not '${priority.value}'`);
    }
    userTask.priority = priority;
  }

  const job: JobDefinition = {
    type: { type: 'static', value: USER_TASK_JOB_TYPE },
    retries: { type: 'static', value: DEFAULT_JOB_RETRIES },
    customHeaders: compileCustomHeaders(context, element),
  };
  return { job, userTask };
}

function readDate(
  context: CompilationContext,
  element: BpmnElement,
  schedule: BpmnElement,
  name: string,
  words: string,
): ValueExpression | undefined {
  const raw = nonBlankProperty(schedule, name);
  if (raw === undefined) return undefined;
  const subject = describeElement(element);
  const value = context.valueExpression(elementIdOf(element), `the ${words} of ${subject}`, raw);
  if (value.type === 'static') {
    const error = findDateTimeError(value.value.trim());
    if (error) context.report(elementIdOf(element), `The ${words} of ${subject} is invalid: ${error}`);
  }
  return value;
}

/** 'a,b, c' — no empty entries. */
function isCommaSeparatedList(text: string): boolean {
  return text.split(',').every((entry) => entry.trim() !== '');
}

function isPriority(text: string): boolean {
  return /^\d+$/.test(text.trim()) && Number(text) <= 100;
}

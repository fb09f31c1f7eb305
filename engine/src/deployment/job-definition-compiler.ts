/**
 * zeebe:taskDefinition and zeebe:taskHeaders → JobDefinition, for every element a job worker
 * executes (docs.camunda.io "Service tasks", "Job workers").
 */
import type { JobDefinition } from '../model/executable-process.js';
import {
  elementIdOf,
  elementListProperty,
  extensionElementsOfType,
  nonBlankProperty,
  stringProperty,
  type BpmnElement,
} from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement } from './element-description.js';

/** Zeebe's default when zeebe:taskDefinition has no retries. */
export const DEFAULT_JOB_RETRIES = '3';

/** True when the element has a zeebe:taskDefinition at all (script and business rule tasks choose by it). */
export function hasTaskDefinition(element: BpmnElement): boolean {
  return extensionElementsOfType(element, 'zeebe:TaskDefinition').length > 0;
}

/** The job of a job-based element; reports and returns undefined when the job type is missing. */
export function compileJobDefinition(context: CompilationContext, element: BpmnElement): JobDefinition | undefined {
  const id = elementIdOf(element);
  const subject = describeElement(element);
  const taskDefinition = context.singleExtension(element, 'zeebe:TaskDefinition');
  const type = taskDefinition && nonBlankProperty(taskDefinition, 'type');
  if (!type) {
    context.report(id, `${capitalise(subject)} must have a job type (zeebe:taskDefinition type)`);
    return undefined;
  }
  const retriesText = (taskDefinition && nonBlankProperty(taskDefinition, 'retries')) ?? DEFAULT_JOB_RETRIES;
  const retries = context.valueExpression(id, `the job retries of ${subject}`, retriesText);
  if (retries.type === 'static' && !/^\d+$/.test(retries.value.trim())) {
    context.report(id, `The job retries of ${subject} must be a whole number, not '${retries.value}'`);
  }
  return {
    type: context.valueExpression(id, `the job type of ${subject}`, type),
    retries,
    customHeaders: compileCustomHeaders(context, element),
  };
}

/** zeebe:taskHeaders: static key/value pairs handed to the worker with every job. */
export function compileCustomHeaders(context: CompilationContext, element: BpmnElement): Record<string, string> {
  const headers: Record<string, string> = {};
  const taskHeaders = context.singleExtension(element, 'zeebe:TaskHeaders');
  if (!taskHeaders) return headers;
  for (const header of elementListProperty(taskHeaders, 'values')) {
    const key = nonBlankProperty(header, 'key');
    if (!key) {
      context.report(elementIdOf(element), `A task header of ${describeElement(element)} has no key`);
      continue;
    }
    headers[key] = stringProperty(header, 'value') ?? '';
  }
  return headers;
}

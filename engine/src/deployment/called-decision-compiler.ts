/** zeebe:calledDecision of a business rule task (docs.camunda.io "Business rule tasks"). */
import type { CalledDecisionDefinition } from '../model/executable-process.js';
import { elementIdOf, nonBlankProperty, type BpmnElement } from './bpmn-element.js';
import { readBindingType } from './binding-type.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement } from './element-description.js';

export function compileCalledDecision(
  context: CompilationContext,
  element: BpmnElement,
  calledDecision: BpmnElement,
): CalledDecisionDefinition | undefined {
  const id = elementIdOf(element);
  const subject = describeElement(element);
  const decisionId = nonBlankProperty(calledDecision, 'decisionId');
  const resultVariable = nonBlankProperty(calledDecision, 'resultVariable');
  if (!decisionId) context.report(id, `${capitalise(subject)} must name the decision it evaluates (zeebe:calledDecision decisionId)`);
  if (!resultVariable) context.report(id, `${capitalise(subject)} must name a result variable (zeebe:calledDecision resultVariable)`);
  if (!decisionId || !resultVariable) return undefined;
  return {
    decisionId: context.valueExpression(id, `the decision id of ${subject}`, decisionId),
    resultVariable,
    ...readBindingType(context, element, calledDecision, 'called decision'),
  };
}

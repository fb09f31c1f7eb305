/** zeebe:calledElement of a call activity (docs.camunda.io "Call activities"). */
import type { CalledElementDefinition } from '../model/executable-process.js';
import { booleanProperty, elementIdOf, nonBlankProperty, type BpmnElement } from './bpmn-element.js';
import { readBindingType } from './binding-type.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement } from './element-description.js';

export function compileCalledElement(
  context: CompilationContext,
  element: BpmnElement,
): CalledElementDefinition | undefined {
  const id = elementIdOf(element);
  const subject = describeElement(element);
  const calledElement = context.singleExtension(element, 'zeebe:CalledElement');
  const processId = calledElement && nonBlankProperty(calledElement, 'processId');
  if (!calledElement || !processId) {
    context.report(id, `${capitalise(subject)} must name the process it calls (zeebe:calledElement processId)`);
    return undefined;
  }
  return {
    processId: context.valueExpression(id, `the called process id of ${subject}`, processId),
    ...readBindingType(context, element, calledElement, 'called element'),
    // Zeebe's defaults: the child sees all parent variables and hands all its variables back.
    propagateAllChildVariables: booleanProperty(calledElement, 'propagateAllChildVariables') ?? true,
    propagateAllParentVariables: booleanProperty(calledElement, 'propagateAllParentVariables') ?? true,
  };
}

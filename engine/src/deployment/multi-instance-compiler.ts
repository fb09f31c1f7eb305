/**
 * Loop characteristics: multi-instance with zeebe:loopCharacteristics (docs.camunda.io
 * "Multi-instance"); BPMN standard loops do not exist in Zeebe.
 */
import type { MultiInstanceDefinition } from '../model/executable-process.js';
import { booleanProperty, elementIdOf, elementProperty, expressionBody, nonBlankProperty, type BpmnElement } from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement } from './element-description.js';

/** The multi-instance definition of an activity, undefined when it has none (or it is invalid). */
export function compileLoopCharacteristics(
  context: CompilationContext,
  element: BpmnElement,
): MultiInstanceDefinition | undefined {
  const loop = elementProperty(element, 'loopCharacteristics');
  if (!loop) return undefined;
  const id = elementIdOf(element);
  const subject = describeElement(element);
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    context.report(id, `Element '${id ?? '?'}' with loop characteristics of type '${loop.$type}' is not supported: use multi-instance`);
    return undefined;
  }

  const zeebeLoop = context.singleExtension(loop, 'zeebe:LoopCharacteristics');
  const inputCollection = zeebeLoop && nonBlankProperty(zeebeLoop, 'inputCollection');
  if (!inputCollection) {
    context.report(id, `The multi-instance ${subject} must have an input collection (zeebe:loopCharacteristics inputCollection)`);
    return undefined;
  }
  const multiInstance: MultiInstanceDefinition = {
    sequential: booleanProperty(loop, 'isSequential') ?? false,
    inputCollection: context.feelExpression(id, `the input collection of ${subject}`, inputCollection),
  };
  const inputElement = nonBlankProperty(zeebeLoop, 'inputElement');
  const outputCollection = nonBlankProperty(zeebeLoop, 'outputCollection');
  const outputElement = nonBlankProperty(zeebeLoop, 'outputElement');
  if (inputElement) multiInstance.inputElement = inputElement;
  // Both or neither: an output element without a collection to collect into (or the reverse) is meaningless.
  if (Boolean(outputCollection) !== Boolean(outputElement)) {
    context.report(
      id,
      `${capitalise(subject)} must have both an output collection and an output element, or neither`,
    );
  }
  if (outputCollection) multiInstance.outputCollection = outputCollection;
  if (outputElement) multiInstance.outputElement = context.feelExpression(id, `the output element of ${subject}`, outputElement);
  const completionCondition = expressionBody(loop, 'completionCondition')?.trim();
  if (completionCondition) {
    multiInstance.completionCondition = context.feelSource(id, `the completion condition of ${subject}`, completionCondition);
  }
  return multiInstance;
}

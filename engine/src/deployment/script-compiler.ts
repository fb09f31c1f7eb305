/** zeebe:script of a script task: a FEEL expression whose result is stored in a variable. */
import type { ScriptDefinition } from '../model/executable-process.js';
import { elementIdOf, nonBlankProperty, type BpmnElement } from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement } from './element-description.js';

export function compileScript(
  context: CompilationContext,
  element: BpmnElement,
  script: BpmnElement,
): ScriptDefinition | undefined {
  const id = elementIdOf(element);
  const subject = describeElement(element);
  const expression = nonBlankProperty(script, 'expression');
  const resultVariable = nonBlankProperty(script, 'resultVariable');
  if (!expression) context.report(id, `${capitalise(subject)} must have a script expression (zeebe:script expression)`);
  if (!resultVariable) context.report(id, `${capitalise(subject)} must name a result variable (zeebe:script resultVariable)`);
  if (!expression || !resultVariable) return undefined;
  return { expression: context.feelExpression(id, `the script of ${subject}`, expression), resultVariable };
}

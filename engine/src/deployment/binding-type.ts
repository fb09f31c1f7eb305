/**
 * zeebe:bindingType / versionTag on called elements, called decisions and forms: which version
 * of the target the instance uses (docs.camunda.io "Choosing the resource binding type").
 */
import { elementIdOf, nonBlankProperty, type BpmnElement } from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { describeElement } from './element-description.js';

export type BindingType = 'latest' | 'deployment' | 'versionTag';

const BINDING_TYPES: BindingType[] = ['latest', 'deployment', 'versionTag'];

export function readBindingType(
  context: CompilationContext,
  owner: BpmnElement,
  extension: BpmnElement,
  what: string,
): { bindingType: BindingType; versionTag?: string } {
  const subject = describeElement(owner);
  const written = nonBlankProperty(extension, 'bindingType') ?? 'latest';
  const versionTag = nonBlankProperty(extension, 'versionTag');
  if (!BINDING_TYPES.includes(written as BindingType)) {
    context.report(
      elementIdOf(owner),
      `The binding type of the ${what} of ${subject} must be one of ${BINDING_TYPES.join(', ')}, not '${written}'`,
    );
    return { bindingType: 'latest' };
  }
  const bindingType = written as BindingType;
  if (bindingType === 'versionTag' && !versionTag) {
    context.report(elementIdOf(owner), `The ${what} of ${subject} is bound by version tag but has no versionTag`);
  }
  return versionTag && bindingType === 'versionTag' ? { bindingType, versionTag } : { bindingType };
}

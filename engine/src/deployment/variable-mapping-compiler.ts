/** zeebe:ioMapping inputs and outputs (docs.camunda.io "Variables: input/output variable mappings"). */
import type { VariableMapping } from '../model/executable-process.js';
import { elementIdOf, elementListProperty, nonBlankProperty, type BpmnElement } from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { describeElement } from './element-description.js';

/** Zeebe's rule for mapping targets: a variable name or a path into one (`a`, `a.b.c`). */
const TARGET_PATH = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z_][a-zA-Z0-9_]*)*$/;
const RESERVED_WORDS = new Set(['null', 'true', 'false', 'function', 'if', 'then', 'else', 'for', 'between', 'instance', 'of']);

export function compileVariableMappings(
  context: CompilationContext,
  element: BpmnElement,
): { inputMappings: VariableMapping[]; outputMappings: VariableMapping[] } {
  const ioMapping = context.singleExtension(element, 'zeebe:IoMapping');
  if (!ioMapping) return { inputMappings: [], outputMappings: [] };
  return {
    inputMappings: compileMappings(context, element, elementListProperty(ioMapping, 'inputParameters'), 'input'),
    outputMappings: compileMappings(context, element, elementListProperty(ioMapping, 'outputParameters'), 'output'),
  };
}

function compileMappings(
  context: CompilationContext,
  element: BpmnElement,
  parameters: BpmnElement[],
  direction: 'input' | 'output',
): VariableMapping[] {
  const id = elementIdOf(element);
  const subject = describeElement(element);
  const mappings: VariableMapping[] = [];
  for (const parameter of parameters) {
    const target = nonBlankProperty(parameter, 'target');
    const rawSource = nonBlankProperty(parameter, 'source');
    if (!target) {
      context.report(id, `An ${direction} mapping of ${subject} has no target variable`);
      continue;
    }
    if (!TARGET_PATH.test(target) || RESERVED_WORDS.has(target)) {
      context.report(
        id,
        `The ${direction} mapping target '${target}' of ${subject} is not a variable name or path ` +
          '(letters, digits and _, not starting with a digit, parts separated by dots, e.g. a or a.b.c)',
      );
      continue;
    }
    if (!rawSource) {
      context.report(id, `The ${direction} mapping to '${target}' of ${subject} has no source`);
      continue;
    }
    const what = `the source of the ${direction} mapping to '${target}' of ${subject}`;
    if (direction === 'output') {
      mappings.push({ source: context.feelExpression(id, what, rawSource), target });
    } else if (rawSource.trim().startsWith('=')) {
      mappings.push({ source: context.feelExpression(id, what, rawSource), target });
    } else {
      // Zeebe reads a static input source as a string (connector templates write source="POST").
      mappings.push({ source: feelStringLiteral(rawSource), target });
    }
  }
  return mappings;
}

/** A FEEL string literal that evaluates to exactly `text`. */
function feelStringLiteral(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** How problems name things: "service task 'charge'", "zeebe:taskDefinition", as a modeller sees them. */
import { elementIdOf, type BpmnElement } from './bpmn-element.js';

/** 'bpmn:ServiceTask' → 'service task'; 'bpmn:SubProcess' → 'sub-process'. */
export function typeWords(type: string): string {
  const local = type.includes(':') ? type.slice(type.indexOf(':') + 1) : type;
  const words = local.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.replace(/\bsub process\b/, 'sub-process').replace(/\bevent based\b/, 'event-based');
}

/** "service task 'charge'" (or "service task without id"). */
export function describeElement(element: BpmnElement): string {
  const id = elementIdOf(element);
  return id === undefined ? `${typeWords(element.$type)} without id` : `${typeWords(element.$type)} '${id}'`;
}

/** 'zeebe:TaskDefinition' → 'zeebe:taskDefinition', as it is written in the XML. */
export function zeebeName(type: string): string {
  const [prefix, local] = type.split(':');
  return local ? `${prefix}:${local.charAt(0).toLowerCase()}${local.slice(1)}` : type;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 'error' → 'an error', 'message' → 'a message'. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

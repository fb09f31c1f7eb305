/**
 * A moddle element as the compiler sees it: a `$type`, a `$parent` and untyped properties.
 * bpmn-moddle builds its objects from a schema at run time, so every read goes through the
 * small checked accessors below instead of trusting a static type.
 */
export interface BpmnElement {
  readonly $type: string;
  readonly $parent?: BpmnElement;
  readonly [property: string]: unknown;
}

export function isBpmnElement(value: unknown): value is BpmnElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** A string attribute, or undefined when absent or not a string. */
export function stringProperty(element: BpmnElement, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

/** A string attribute trimmed, undefined when absent or blank (Zeebe treats blank as missing). */
export function nonBlankProperty(element: BpmnElement, name: string): string | undefined {
  const value = stringProperty(element, name)?.trim();
  return value ? value : undefined;
}

export function booleanProperty(element: BpmnElement, name: string): boolean | undefined {
  const value = element[name];
  if (typeof value === 'boolean') return value;
  // Attributes in foreign namespaces are not coerced by moddle.
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function elementProperty(element: BpmnElement, name: string): BpmnElement | undefined {
  const value = element[name];
  return isBpmnElement(value) ? value : undefined;
}

export function elementListProperty(element: BpmnElement, name: string): BpmnElement[] {
  const value = element[name];
  return Array.isArray(value) ? value.filter(isBpmnElement) : [];
}

/** All extension elements of one type, e.g. 'zeebe:TaskDefinition'. */
export function extensionElementsOfType(element: BpmnElement, type: string): BpmnElement[] {
  const container = elementProperty(element, 'extensionElements');
  if (!container) return [];
  return elementListProperty(container, 'values').filter((value) => value.$type === type);
}

/** The body text of a bpmn:FormalExpression / bpmn:Expression property (conditions, timers). */
export function expressionBody(element: BpmnElement, name: string): string | undefined {
  const expression = elementProperty(element, name);
  return expression ? stringProperty(expression, 'body') : undefined;
}

/** The id of an element, for messages: elements may lack one in hand-written XML. */
export function elementIdOf(element: BpmnElement): string | undefined {
  return nonBlankProperty(element, 'id');
}

/**
 * The decision an element of a DMN model sits in (an output, a rule, an input entry …), so that a deployment problem
 * about it can be shown on that decision's shape in the requirements diagram.
 */
interface ModdleNode {
  $type?: string;
  id?: string;
  [key: string]: unknown;
}

function contains(node: unknown, id: string, seen: Set<unknown>): boolean {
  if (node === null || typeof node !== 'object' || seen.has(node)) return false;
  seen.add(node);
  if (Array.isArray(node)) return node.some((item) => contains(item, id, seen));
  const element = node as ModdleNode;
  if (element.id === id) return true;
  // `$parent` and the other `$` keys point back up or at the meta-model; only the element's own content counts.
  return Object.entries(element).some(([key, value]) => !key.startsWith('$') && contains(value, id, seen));
}

export function decisionOfElement(definitions: unknown, elementId: string): string | undefined {
  const drgElements = ((definitions as { drgElement?: ModdleNode[] } | undefined)?.drgElement ?? []) as ModdleNode[];
  for (const element of drgElements) {
    if (element.$type === 'dmn:Decision' && contains(element, elementId, new Set())) return element.id;
  }
  return undefined;
}

import type { BpmnElement } from './bpmn-element.js';

/**
 * References moddle could not resolve (it drops them and warns), kept so that a missing
 * `sourceRef`, `attachedToRef` or `messageRef` can be reported with the id that was written.
 */
export class UnresolvedReferences {
  private readonly byElement = new Map<BpmnElement, Map<string, string>>();

  add(element: BpmnElement, property: string, id: string): void {
    let properties = this.byElement.get(element);
    if (!properties) {
      properties = new Map();
      this.byElement.set(element, properties);
    }
    // moddle names properties with their prefix in warnings ('bpmn:sourceRef'); callers use the local name.
    properties.set(property.replace(/^.*:/, ''), id);
  }

  /** The id written in `property` of `element` that does not exist, if that is why it is empty. */
  idWrittenIn(element: BpmnElement, property: string): string | undefined {
    return this.byElement.get(element)?.get(property);
  }
}

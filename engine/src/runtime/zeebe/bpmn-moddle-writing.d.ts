/**
 * The writing half of bpmn-moddle (create elements, serialise to XML), which the Zeebe runtime uses to add its
 * history listeners before deploying; the reading half is declared in deployment/bpmn-moddle-module.d.ts.
 */
import 'bpmn-moddle';

declare module 'bpmn-moddle' {
  interface BpmnModdleInstance {
    create(type: string, properties?: Record<string, unknown>): any;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}

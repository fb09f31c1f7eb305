/**
 * Types for the parts of bpmn-moddle the compiler uses: the package ships element typings
 * (bpmn-moddle/types) but none for its entry module.
 */
declare module 'bpmn-moddle' {
  /** A warning of a lenient parse: unknown elements, unresolved references, duplicate ids. */
  export interface BpmnModdleWarning {
    message: string;
    error?: Error;
    /** The element holding the reference, for unresolved references and unknown attributes. */
    element?: unknown;
    property?: string;
    value?: unknown;
  }

  export interface BpmnModdleParseResult {
    rootElement: unknown;
    warnings: BpmnModdleWarning[];
    elementsById: Record<string, unknown>;
  }

  /** fromXML rejects with an Error carrying the warnings gathered so far. */
  export interface BpmnModdleInstance {
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<BpmnModdleParseResult>;
  }

  export function BpmnModdle(packages?: Record<string, unknown>, options?: Record<string, unknown>): BpmnModdleInstance;
}

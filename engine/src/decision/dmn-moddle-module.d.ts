/**
 * Types for the part of dmn-moddle the compiler uses: the package ships no typings.
 */
declare module 'dmn-moddle' {
  /** A warning of a lenient parse: unknown elements or attributes, unresolved references, duplicate ids. */
  export interface DmnModdleWarning {
    message: string;
    error?: Error;
    element?: unknown;
    property?: string;
    value?: unknown;
  }

  export interface DmnModdleParseResult {
    rootElement: unknown;
    warnings: DmnModdleWarning[];
  }

  /** fromXML rejects with an Error carrying the warnings gathered so far. */
  export interface DmnModdleInstance {
    fromXML(xml: string, typeName?: string): Promise<DmnModdleParseResult>;
  }

  export function DmnModdle(packages?: Record<string, unknown>, options?: Record<string, unknown>): DmnModdleInstance;
}

/**
 * Types for the bpmn-io packages that ship JavaScript only, narrowed to what the process modeler uses.
 * Modules for diagram-js are dependency-injection descriptors; their shape is opaque here.
 */
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: object;
  export const BpmnPropertiesProviderModule: object;
  export const ZeebePropertiesProviderModule: object;
  export function useService<T = unknown>(name: string): T;
}

declare module '@bpmn-io/properties-panel' {
  export interface SelectOption {
    value: string;
    label: string;
    disabled?: boolean;
  }
  export function SelectEntry(props: {
    element: unknown;
    id: string;
    label: string;
    description?: string;
    getValue: () => string;
    setValue: (value: string) => void;
    getOptions: () => SelectOption[];
  }): unknown;
  export function isSelectEntryEdited(node: unknown): boolean;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: object;
  export default module;
}

declare module '@camunda/linting' {
  export interface LintReport {
    id: string;
    name?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    rule?: string;
    path?: Array<string | number>;
  }
  export class Linter {
    constructor(options?: { modeler?: 'desktop' | 'web'; type?: 'cloud' | 'platform'; plugins?: unknown[] });
    lint(contents: string | object): Promise<LintReport[]>;
  }
}

declare module '@camunda/linting/modeler' {
  const module: object;
  export default module;
}

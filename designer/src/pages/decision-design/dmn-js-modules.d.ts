/** dmn-js ships JavaScript only; these are the parts the decision designer uses. */
declare module 'dmn-js/lib/Modeler' {
  export interface DmnView {
    type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression' | string;
    element: { id: string; name?: string };
  }
  export interface DmnViewer {
    get<T = any>(name: string): T;
  }
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; common?: Record<string, unknown>; drd?: Record<string, unknown>; decisionTable?: Record<string, unknown> });
    importXML(xml: string): Promise<{ warnings: Array<{ message?: string }> }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): DmnView[];
    getActiveView(): DmnView | undefined;
    open(view: DmnView): Promise<unknown>;
    getActiveViewer(): DmnViewer | undefined;
    getDefinitions(): { id: string; name?: string } | undefined;
    on(event: string, callback: (event: any) => void): void;
    off(event: string, callback: (event: any) => void): void;
    destroy(): void;
  }
}

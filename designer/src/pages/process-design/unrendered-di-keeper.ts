import { getDi } from 'bpmn-js/lib/util/ModelUtil';

interface ModdleElement {
  get(name: string): any;
  set(name: string, value: unknown): void;
}

interface EventBus {
  on(event: string, priority: number, callback: () => void): void;
}

/**
 * Keeps the diagram elements bpmn-js does not draw. bpmn-js rebuilds every plane from what it rendered when it saves
 * (BpmnDiOrdering), so shapes of a process no participant shows, or an edge that names no element, would vanish
 * from an imported file on export. Those are put back: a file from another tool comes out with all it went in with.
 */
export class UnrenderedDiKeeper {
  static $inject = ['eventBus', 'canvas', 'elementRegistry'];

  private kept = new Map<ModdleElement, ModdleElement[]>();

  constructor(
    eventBus: EventBus,
    canvas: { getRootElements(): Array<{ businessObject?: unknown }> },
    elementRegistry: { getAll(): Array<{ businessObject?: unknown }> },
  ) {
    eventBus.on('import.done', 500, () => {
      this.kept.clear();
      const drawn = new Set<unknown>();
      for (const element of elementRegistry.getAll()) {
        if (element.businessObject) drawn.add(getDi(element as never));
      }
      for (const root of canvas.getRootElements()) {
        const plane = root.businessObject ? (getDi(root as never) as unknown as ModdleElement | undefined) : undefined;
        if (!plane) continue;
        const unrendered = ((plane.get('planeElement') ?? []) as ModdleElement[]).filter((di) => !drawn.has(di));
        if (unrendered.length > 0) this.kept.set(plane, unrendered);
      }
    });
    // After BpmnDiOrdering (priority 2000) has rebuilt the planes from the drawn elements.
    eventBus.on('saveXML.start', 1000, () => {
      for (const [plane, unrendered] of this.kept) {
        const current = (plane.get('planeElement') ?? []) as ModdleElement[];
        plane.set('planeElement', [...current, ...unrendered.filter((di) => !current.includes(di))]);
      }
    });
  }
}

export const unrenderedDiKeeperModule = {
  __init__: ['unrenderedDiKeeper'],
  unrenderedDiKeeper: ['type', UnrenderedDiKeeper],
};

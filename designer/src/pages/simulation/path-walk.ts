import type { DiagramMarks } from '../../components/BpmnViewer.js';

/**
 * Stepping through one scenario's path on the diagram. The report's `path` holds element ids as entered and
 * sequence-flow ids as taken, in order; each step is one element entered, shown as active with everything before it
 * as passed.
 */
export interface PathStep {
  /** Position of the element in the report's path. */
  pathIndex: number;
  elementId: string;
  marks: DiagramMarks;
}

export function pathSteps(path: readonly string[], flowIds: ReadonlySet<string>): PathStep[] {
  const steps: PathStep[] = [];
  const passed: string[] = [];
  const taken: string[] = [];
  path.forEach((id, pathIndex) => {
    if (flowIds.has(id)) {
      if (!taken.includes(id)) taken.push(id);
      return;
    }
    // An element entered again (a loop) stays marked as passed and is active once more.
    steps.push({ pathIndex, elementId: id, marks: { completed: [...passed], active: [id], takenFlows: [...taken] } });
    if (!passed.includes(id)) passed.push(id);
  });
  return steps;
}

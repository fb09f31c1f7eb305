import './deployment-problem-overlays.css';
import type { DeploymentProblem } from './deployment-problem.js';

interface Overlays {
  add(element: unknown, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Canvas {
  addMarker(element: unknown, marker: string): void;
  removeMarker(element: unknown, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}
/** The few diagram-js services these overlays use (the bpmn-js and dmn-js viewers both have them). */
export interface DiagramServices {
  get<T = any>(name: string): T;
}

const OVERLAY_TYPE = 'gongzhi-deploy-problem';
const MARKER = 'gongzhi-deploy-problem';
const marked = new WeakMap<object, unknown[]>();

/** Removes the problems shown by the last refused deployment. */
export function clearDeploymentProblems(diagram: DiagramServices): void {
  diagram.get<Overlays>('overlays').remove({ type: OVERLAY_TYPE });
  const canvas = diagram.get<Canvas>('canvas');
  for (const element of marked.get(diagram) ?? []) canvas.removeMarker(element, MARKER);
  marked.set(diagram, []);
}

/**
 * Shows each problem on the element it names: a red outline and the server's message beside the shape.
 * Returns the problems that name no element on this diagram, for the page to list on their own.
 */
export function showDeploymentProblems(diagram: DiagramServices, problems: DeploymentProblem[]): DeploymentProblem[] {
  clearDeploymentProblems(diagram);
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  const overlays = diagram.get<Overlays>('overlays');
  const canvas = diagram.get<Canvas>('canvas');
  const byElement = new Map<unknown, DeploymentProblem[]>();
  const unplaced: DeploymentProblem[] = [];
  for (const problem of problems) {
    const element = problem.elementId ? registry.get(problem.elementId) : undefined;
    if (!element) {
      unplaced.push(problem);
      continue;
    }
    byElement.set(element, [...(byElement.get(element) ?? []), problem]);
  }
  const elements: unknown[] = [];
  for (const [element, list] of byElement) {
    const root = (element as { parent?: unknown }).parent === undefined;
    if (!root) canvas.addMarker(element, MARKER);
    elements.push(element);
    const html = document.createElement('div');
    html.className = 'gongzhi-deploy-problem-overlay';
    html.dataset.elementId = (element as { id: string }).id;
    html.setAttribute('role', 'alert');
    for (const problem of list) {
      const line = document.createElement('div');
      line.textContent = problem.message;
      html.appendChild(line);
    }
    if (root) {
      // The process itself has no shape; its problems go to the page's list.
      unplaced.push(...list);
      continue;
    }
    overlays.add(element, OVERLAY_TYPE, { position: { bottom: -8, left: 0 }, html });
  }
  marked.set(diagram, elements);
  return unplaced;
}

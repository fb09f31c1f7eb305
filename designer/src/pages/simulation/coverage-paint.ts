/**
 * Untaken elements and flows painted grey. BpmnViewer marks what was taken (completed, taken flows) with canvas
 * markers; the untaken ones get a stylesheet scoped to the page's diagram, selecting diagram-js's
 * `data-element-id` attribute, so no marker kind has to be added to the shared viewer.
 */

/** A CSS string literal (double-quoted) for any id, whatever characters it holds. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\a ')}"`;
}

export function untakenCoverageCss(scopeClass: string, untakenElements: readonly string[], untakenFlows: readonly string[]): string {
  if (!/^[A-Za-z_-][A-Za-z0-9_-]*$/.test(scopeClass)) throw new Error(`untakenCoverageCss: "${scopeClass}" is not a CSS class name`);
  const rules: string[] = [];
  if (untakenElements.length > 0) {
    const shapes = untakenElements.map((id) => `.${scopeClass} .djs-element[data-element-id=${cssString(id)}]`);
    rules.push(`${shapes.map((s) => `${s} .djs-visual > :is(rect, circle, polygon, path)`).join(',\n')} {\n  stroke: #b4b9c2 !important;\n  fill: #f1f2f4 !important;\n}`);
    rules.push(`${shapes.map((s) => `${s} .djs-visual text`).join(',\n')} {\n  fill: #9aa0a8 !important;\n}`);
  }
  if (untakenFlows.length > 0) {
    const flows = untakenFlows.map((id) => `.${scopeClass} .djs-connection[data-element-id=${cssString(id)}] .djs-visual > path`);
    rules.push(`${flows.join(',\n')} {\n  stroke: #c3c7ce !important;\n  stroke-dasharray: 5 4;\n}`);
  }
  return rules.join('\n');
}

/** Small builders for Zeebe-dialect BPMN in tests: plain XML text, no diagram (the engine needs none). */

export function definitions(processes: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
${extra}
${processes}
</bpmn:definitions>`;
}

export function processXml(id: string, body: string, extra = ''): string {
  return definitions(`<bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process>`, extra);
}

export function flow(id: string, from: string, to: string, condition?: string): string {
  const expression = condition
    ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=${escape(condition)}</bpmn:conditionExpression>`
    : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${expression}</bpmn:sequenceFlow>`;
}

/** Sequence flows along a chain of element ids: a → b → c. */
export function chain(...ids: string[]): string {
  return ids
    .slice(1)
    .map((to, i) => flow(`f_${ids[i]}_${to}`, ids[i], to))
    .join('\n');
}

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function ioMapping(inputs: Record<string, string> = {}, outputs: Record<string, string> = {}): string {
  const i = Object.entries(inputs).map(([target, source]) => `<zeebe:input source="=${escape(source)}" target="${target}" />`);
  const o = Object.entries(outputs).map(([target, source]) => `<zeebe:output source="=${escape(source)}" target="${target}" />`);
  return i.length + o.length ? `<zeebe:ioMapping>${i.join('')}${o.join('')}</zeebe:ioMapping>` : '';
}

export function serviceTask(id: string, type: string, extensions = '', attrs = ''): string {
  return `<bpmn:serviceTask id="${id}" ${attrs}><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extensions}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export function userTask(id: string, extensions = '', attrs = ''): string {
  return `<bpmn:userTask id="${id}" ${attrs}><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask>`;
}

export const start = (id = 'start') => `<bpmn:startEvent id="${id}" />`;
export const end = (id = 'end') => `<bpmn:endEvent id="${id}" />`;

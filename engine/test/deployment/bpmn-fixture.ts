/** Small inline BPMN documents for the deployment tests, in the Zeebe dialect bpmn-js writes. */
import { expect } from 'vitest';
import { compileBpmn } from '../../src/deployment/bpmn-compiler.js';
import type { DeploymentProblem } from '../../src/deployment/deployment-problem.js';
import type { ExecutableProcess } from '../../src/model/executable-process.js';

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
  'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** A whole document around root elements (processes, messages, errors ...). */
export function definitions(rootElements: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions id="Definitions_1" ${NAMESPACES} targetNamespace="http://bpmn.io/schema/bpmn">\n${rootElements}\n</bpmn:definitions>\n`;
}

/** A document with one executable process `p` holding `body`, plus other root elements. */
export function processDocument(body: string, otherRootElements = ''): string {
  return definitions(`<bpmn:process id="p" isExecutable="true">\n${body}\n</bpmn:process>\n${otherRootElements}`);
}

/** start → (element with id `id`) → end, so that one element can be tested in a valid process. */
export function startElementEnd(id: string, elementXml: string): string {
  return [
    '<bpmn:startEvent id="start"/>',
    `<bpmn:sequenceFlow id="toElement" sourceRef="start" targetRef="${id}"/>`,
    elementXml,
    `<bpmn:sequenceFlow id="toEnd" sourceRef="${id}" targetRef="end"/>`,
    '<bpmn:endEvent id="end"/>',
  ].join('\n');
}

export function serviceTask(id: string, extensions = '<zeebe:taskDefinition type="work"/>', inner = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements>${extensions}</bpmn:extensionElements>${inner}</bpmn:serviceTask>`;
}

export async function problemsOf(xml: string | Uint8Array, resourceName = 'test.bpmn'): Promise<DeploymentProblem[]> {
  return (await compileBpmn(resourceName, xml)).problems;
}

/** Compiles a document that must be valid and returns its single process. */
export async function compileValid(xml: string): Promise<ExecutableProcess> {
  const compiled = await compileBpmn('test.bpmn', xml);
  expect(compiled.problems).toEqual([]);
  expect(compiled.processes).toHaveLength(1);
  return compiled.processes[0];
}

/** Asserts that a problem about `elementId` whose message matches `message` was reported. */
export function expectProblem(problems: DeploymentProblem[], elementId: string | undefined, message: RegExp): void {
  const matching = problems.filter((problem) => problem.elementId === elementId && message.test(problem.message));
  expect(matching, `no problem for '${elementId}' matching ${message} in:\n${JSON.stringify(problems, null, 2)}`).not.toHaveLength(0);
}

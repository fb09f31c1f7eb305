/**
 * Deployment of a .bpmn resource: decode, parse (bpmn-moddle + Zeebe extensions), validate as
 * Zeebe's deployment does, and compile each executable process into the graph the interpreter
 * walks. Never throws: whatever the bytes, failures come back as problems.
 */
import type { ExecutableProcess } from '../model/executable-process.js';
import { booleanProperty, elementIdOf, elementListProperty, elementProperty, type BpmnElement } from './bpmn-element.js';
import { BpmnDeploymentError } from './bpmn-deployment-error.js';
import { readBpmnXml } from './bpmn-xml-reader.js';
import { CompilationContext } from './compilation-context.js';
import type { DeploymentProblem } from './deployment-problem.js';
import { compileProcess } from './process-compiler.js';
import { SourceLocations } from './source-locations.js';
import { decodeXmlResource } from './xml-resource-decoding.js';

export type { DeploymentProblem } from './deployment-problem.js';
export { BpmnDeploymentError } from './bpmn-deployment-error.js';

export interface CompiledBpmn {
  resourceName: string;
  /** The executable processes that compiled without problems. Deploy only when `problems` is empty. */
  processes: ExecutableProcess[];
  problems: DeploymentProblem[];
}

export async function compileBpmn(resourceName: string, content: string | Uint8Array): Promise<CompiledBpmn> {
  try {
    return await compile(resourceName, content);
  } catch (error) {
    // A bug of ours must not take the deployment endpoint down; it still rejects the resource.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      resourceName,
      processes: [],
      problems: [{ resourceName, line: 1, column: 1, message: `The resource could not be compiled: ${reason}` }],
    };
  }
}

/** The processes of a resource, or a BpmnDeploymentError listing every problem. */
export async function compileBpmnProcesses(resourceName: string, content: string | Uint8Array): Promise<ExecutableProcess[]> {
  const compiled = await compileBpmn(resourceName, content);
  if (compiled.problems.length > 0) throw new BpmnDeploymentError(resourceName, compiled.problems);
  return compiled.processes;
}

async function compile(resourceName: string, content: string | Uint8Array): Promise<CompiledBpmn> {
  const decoded = decodeXmlResource(content);
  if (!decoded.ok) {
    const { message, line, column } = decoded;
    return { resourceName, processes: [], problems: [{ resourceName, line, column, message }] };
  }

  const locations = new SourceLocations(decoded.text);
  const document = await readBpmnXml(decoded.text, locations);
  const context = new CompilationContext(resourceName, locations, document.unresolvedReferences);
  for (const problem of document.problems) {
    context.reportAt(problem, problem.message, problem.elementId);
  }
  if (!document.definitions) return { resourceName, processes: [], problems: context.problems };

  const executable = findProcesses(document.definitions).filter((process) => booleanProperty(process, 'isExecutable') === true);
  if (executable.length === 0) {
    reportNoExecutableProcess(context, document.definitions);
    return { resourceName, processes: [], problems: context.problems };
  }
  const processes: ExecutableProcess[] = [];
  for (const process of executable) {
    const compiled = compileProcess(context, process);
    if (compiled) processes.push(compiled);
  }
  return { resourceName, processes, problems: context.problems };
}

/** Processes at the top level, and those collaboration participants point at (usually the same ones). */
function findProcesses(definitions: BpmnElement): BpmnElement[] {
  const processes: BpmnElement[] = [];
  const add = (candidate: BpmnElement | undefined): void => {
    if (candidate?.$type === 'bpmn:Process' && !processes.includes(candidate)) processes.push(candidate);
  };
  const rootElements = elementListProperty(definitions, 'rootElements');
  rootElements.forEach(add);
  for (const collaboration of rootElements.filter((element) => element.$type === 'bpmn:Collaboration')) {
    for (const participant of elementListProperty(collaboration, 'participants')) {
      add(elementProperty(participant, 'processRef'));
    }
  }
  return processes;
}

function reportNoExecutableProcess(context: CompilationContext, definitions: BpmnElement): void {
  const processes = findProcesses(definitions);
  if (processes.length === 0) {
    context.report(elementIdOf(definitions), 'The resource contains no process: nothing to deploy');
    return;
  }
  const ids = processes.map((process) => `'${elementIdOf(process) ?? '?'}'`).join(', ');
  context.report(
    elementIdOf(processes[0]),
    `The resource contains no executable process: ${ids} ${processes.length === 1 ? 'is' : 'are'} not marked isExecutable="true"`,
  );
}

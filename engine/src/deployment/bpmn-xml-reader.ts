/**
 * Reads BPMN XML text into moddle elements and turns moddle's errors and warnings into
 * located problems: malformed XML, unknown elements, duplicate ids. Unresolved references are
 * collected for the compiler, which reports the ones that matter where they matter.
 */
import type { BpmnModdleWarning } from 'bpmn-moddle';
import { isBpmnElement, type BpmnElement } from './bpmn-element.js';
import type { SourceLocations } from './source-locations.js';
import { UnresolvedReferences } from './unresolved-references.js';
import { sharedZeebeModdle } from './zeebe-moddle.js';

export interface XmlReadProblem {
  message: string;
  elementId?: string;
  line?: number;
  column?: number;
}

export interface BpmnXmlDocument {
  /** Undefined when the text could not be read as bpmn:definitions at all. */
  definitions: BpmnElement | undefined;
  problems: XmlReadProblem[];
  unresolvedReferences: UnresolvedReferences;
}

/** moddle-xml's report format: "unparsable content <x> detected\n\tline: 0\n\tcolumn: 5\n\tnested error: ..." */
const UNPARSABLE =
  /^unparsable content\s*([\s\S]*?)\s*detected\s*line:\s*(\d+)\s*column:\s*(\d+)\s*nested error:\s*([\s\S]*)$/;

export async function readBpmnXml(text: string, locations: SourceLocations): Promise<BpmnXmlDocument> {
  const unresolvedReferences = new UnresolvedReferences();
  if (text.trim() === '') {
    return { definitions: undefined, problems: [{ message: 'The resource is empty', line: 1, column: 1 }], unresolvedReferences };
  }
  try {
    const result = await sharedZeebeModdle().fromXML(text);
    const problems = warningsToProblems(result.warnings, unresolvedReferences, locations);
    if (!isBpmnElement(result.rootElement) || result.rootElement.$type !== 'bpmn:Definitions') {
      problems.push({ message: 'The document element must be bpmn:definitions', ...locations.positionOfRootElement() });
      return { definitions: undefined, problems, unresolvedReferences };
    }
    return { definitions: result.rootElement, problems, unresolvedReferences };
  } catch (error) {
    const failure = error as { message?: unknown; warnings?: BpmnModdleWarning[] };
    const warnings = Array.isArray(failure.warnings) ? failure.warnings : [];
    const problems = warningsToProblems(warnings, unresolvedReferences, locations);
    const message = typeof failure.message === 'string' ? failure.message : String(error);
    const fatal = parseUnparsable(message);
    if (fatal) {
      problems.push(fatal);
    } else if (/failed to parse document as/.test(message)) {
      // The document element is not bpmn:definitions; the warning that says why was already added.
      if (problems.length === 0) {
        problems.push({ message: 'The document element must be bpmn:definitions', ...locations.positionOfRootElement() });
      }
    } else {
      problems.push({ message: `The XML cannot be read: ${message}`, ...locations.positionOfRootElement() });
    }
    return { definitions: undefined, problems, unresolvedReferences };
  }
}

function warningsToProblems(
  warnings: BpmnModdleWarning[],
  unresolvedReferences: UnresolvedReferences,
  locations: SourceLocations,
): XmlReadProblem[] {
  const problems: XmlReadProblem[] = [];
  for (const warning of warnings) {
    const message = typeof warning.message === 'string' ? warning.message : '';
    if (message.startsWith('unresolved reference')) {
      if (isBpmnElement(warning.element) && typeof warning.property === 'string' && typeof warning.value === 'string') {
        unresolvedReferences.add(warning.element, warning.property, warning.value);
      }
      continue;
    }
    // We decode the bytes ourselves, and unknown attributes do not change what executes.
    if (message.startsWith('unsupported document encoding') || message.startsWith('unknown attribute')) continue;
    const problem = parseUnparsable(message);
    if (problem) {
      problems.push(problem);
    } else if (message) {
      problems.push({ message: `The XML cannot be read: ${message}`, ...locations.positionOfRootElement() });
    }
  }
  return problems;
}

function parseUnparsable(message: string): XmlReadProblem | undefined {
  const match = UNPARSABLE.exec(message);
  if (!match) return undefined;
  const [, content, line, column, nested] = match;
  // moddle-xml counts lines and columns from 0.
  const position = { line: Number(line) + 1, column: Number(column) + 1 };
  const tag = /^<\/?([^\s/>]+)/.exec(content)?.[1];
  const duplicate = /^duplicate ID <(.*)>$/.exec(nested);
  if (duplicate) {
    // The position is the second occurrence, which moddle dropped.
    return { message: `Duplicate id '${duplicate[1]}': ids must be unique in a resource`, elementId: duplicate[1], ...position };
  }
  const illegal = /^illegal ID <(.*)>$/.exec(nested);
  if (illegal) {
    return { message: `Element <${tag ?? '?'}> has an illegal id '${illegal[1]}'`, ...position };
  }
  if (/^(unknown type|unrecognized element)/.test(nested)) {
    return {
      message: `Element <${tag ?? content}> is not a BPMN 2.0 element (or Zeebe extension) allowed here: ${nested}`,
      ...position,
    };
  }
  if (/^unexpected element/.test(nested)) {
    return { message: `The document element must be bpmn:definitions, not <${tag ?? content}>`, ...position };
  }
  return { message: `The XML is not well-formed: ${nested}${content ? ` at ${truncate(content)}` : ''}`, ...position };
}

function truncate(content: string): string {
  const singleLine = content.replace(/\s+/g, ' ');
  return singleLine.length > 60 ? `${singleLine.slice(0, 57)}...` : singleLine;
}

/**
 * What every part of the compiler shares while compiling one resource: the problem list,
 * source positions, unresolved references, and the reading of (possibly FEEL) attribute values.
 */
import type { ValueExpression } from '../model/executable-process.js';
import { extensionElementsOfType, elementIdOf, type BpmnElement } from './bpmn-element.js';
import type { DeploymentProblem } from './deployment-problem.js';
import { capitalise, describeElement, zeebeName } from './element-description.js';
import { findFeelSyntaxError } from './feel-syntax.js';
import type { SourceLocations } from './source-locations.js';
import type { UnresolvedReferences } from './unresolved-references.js';

export class CompilationContext {
  readonly problems: DeploymentProblem[] = [];

  constructor(
    readonly resourceName: string,
    readonly locations: SourceLocations,
    readonly unresolvedReferences: UnresolvedReferences,
  ) {}

  /** Report a problem about an element; the position of its start tag is added when it can be found. */
  report(elementId: string | undefined, message: string): void {
    const problem: DeploymentProblem = { resourceName: this.resourceName, message };
    if (elementId !== undefined) {
      problem.elementId = elementId;
      const position = this.locations.positionOfElement(elementId);
      if (position) Object.assign(problem, position);
    }
    if (problem.line === undefined) Object.assign(problem, this.locations.positionOfRootElement());
    this.problems.push(problem);
  }

  reportAt(position: { line?: number; column?: number }, message: string, elementId?: string): void {
    const problem: DeploymentProblem = { resourceName: this.resourceName, message };
    if (elementId !== undefined) problem.elementId = elementId;
    if (position.line !== undefined) problem.line = position.line;
    if (position.column !== undefined) problem.column = position.column;
    this.problems.push(problem);
  }

  /**
   * A Zeebe attribute value: `=expr` is FEEL (checked here), anything else a literal.
   * `what` names the value for the message, e.g. "the job type of service task 'charge'".
   */
  valueExpression(elementId: string | undefined, what: string, raw: string): ValueExpression {
    const trimmed = raw.trim();
    if (!trimmed.startsWith('=')) return { type: 'static', value: raw };
    const source = trimmed.slice(1).trim();
    this.checkFeel(elementId, what, source);
    return { type: 'feel', source };
  }

  /**
   * A value Zeebe requires to be FEEL (conditions, output mapping sources, correlation keys,
   * multi-instance collections, scripts): without the leading `=` it is a problem, as in Zeebe.
   * Returns the FEEL source without the `=`.
   */
  feelExpression(elementId: string | undefined, what: string, raw: string): string {
    const trimmed = raw.trim();
    if (!trimmed.startsWith('=')) {
      this.report(
        elementId,
        `${capitalise(what)} must be a FEEL expression starting with '=' (e.g. '=${trimmed}'), not the static value '${trimmed}'`,
      );
      return trimmed;
    }
    const source = trimmed.slice(1).trim();
    this.checkFeel(elementId, what, source);
    return source;
  }

  /** A value read as FEEL whether or not it starts with `=` (multi-instance completion conditions). */
  feelSource(elementId: string | undefined, what: string, raw: string): string {
    const trimmed = raw.trim();
    const source = trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
    this.checkFeel(elementId, what, source);
    return source;
  }

  /**
   * The single extension element of a type; more than one is a problem (Zeebe rejects duplicates
   * rather than guessing which one counts).
   */
  singleExtension(element: BpmnElement, type: string): BpmnElement | undefined {
    const found = extensionElementsOfType(element, type);
    if (found.length > 1) {
      const id = elementIdOf(element);
      this.report(id, `${capitalise(describeElement(element))} has ${found.length} ${zeebeName(type)} extension elements; at most one is allowed`);
    }
    return found[0];
  }

  private checkFeel(elementId: string | undefined, what: string, source: string): void {
    const error = findFeelSyntaxError(source);
    if (error) this.report(elementId, `${capitalise(what)} is not a valid FEEL expression (${error}): '${source}'`);
  }
}

/**
 * Compiles a DMN resource (1.3, or 1.1/1.2 as older Camunda Modelers wrote it) into its evaluable
 * form. Never throws: everything wrong with the resource comes back as problems, each naming the
 * element and its line, and a resource with problems gives no DRG (Zeebe rejects the deployment).
 */
import { DmnModdle, type DmnModdleWarning } from 'dmn-moddle';
import { checkFeelExpression, checkFeelUnaryTests } from '../feel/feel-expression.js';
import { evaluateFeelValue } from '../feel/feel-evaluator.js';
import {
  AGGREGATIONS,
  HIT_POLICIES,
  type Aggregation,
  type CompiledDecision,
  type CompiledDecisionRequirements,
  type CompiledDecisionTable,
  type CompiledInput,
  type CompiledLiteralExpression,
  type CompiledOutput,
  type CompiledRule,
  type HitPolicy,
} from './compiled-decision.js';
import type { DecisionProblem } from './decision-problem.js';
import type { DmnDecision, DmnDecisionTable, DmnDefinitions, DmnElement, DmnText } from './dmn-elements.js';
import { liftToDmn13Namespaces } from './dmn-namespaces.js';
import { XmlLineIndex } from './xml-line-index.js';

export async function compileDmn(
  resourceName: string,
  content: string | Uint8Array,
): Promise<{ drg?: CompiledDecisionRequirements; problems: DecisionProblem[] }> {
  const problems: DecisionProblem[] = [];
  try {
    const text = decode(content);
    if (text === undefined) {
      problems.push({ resourceName, message: 'The DMN resource is not UTF-8 text' });
      return { problems };
    }
    const definitions = await readDefinitions(resourceName, text, problems);
    if (!definitions) return { problems };
    const compiler = new DrgCompiler(resourceName, new XmlLineIndex(text), problems);
    const drg = compiler.compile(definitions);
    return problems.length === 0 ? { drg, problems } : { problems };
  } catch (error) {
    // A bug of ours must not take the deployment down with an exception.
    problems.push({ resourceName, message: `The DMN resource could not be compiled: ${error instanceof Error ? error.message : String(error)}` });
    return { problems };
  }
}

function decode(content: string | Uint8Array): string | undefined {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      return undefined;
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function readDefinitions(resourceName: string, text: string, problems: DecisionProblem[]): Promise<DmnDefinitions | undefined> {
  let result;
  try {
    result = await DmnModdle().fromXML(liftToDmn13Namespaces(text), 'dmn:Definitions');
  } catch (error) {
    const warnings = ((error as { warnings?: DmnModdleWarning[] }).warnings ?? []).map((w) => parserMessage(w.message));
    const parsed = parserMessage(error instanceof Error ? error.message : String(error));
    if (/failed to parse document as/.test(parsed.message)) {
      problems.push({
        resourceName,
        message:
          'The resource is not DMN: the root element must be <definitions> in the DMN 1.1, 1.2 or 1.3 namespace' +
          (warnings.length > 0 ? ` (${warnings[0].message})` : ''),
        line: warnings[0]?.line,
        column: warnings[0]?.column,
      });
    } else {
      problems.push({ resourceName, message: `The DMN is not well-formed XML: ${parsed.message}`, line: parsed.line, column: parsed.column });
    }
    return undefined;
  }
  for (const warning of result.warnings) {
    const parsed = parserMessage(warning.message);
    problems.push({ resourceName, message: `The DMN has content that cannot be read: ${parsed.message}`, line: parsed.line, column: parsed.column });
  }
  return result.rootElement as DmnDefinitions;
}

/**
 * moddle-xml reports "unparsable content <x> detected\n\tline: 2\n\tcolumn: 17\n\tnested error: …"
 * with 0-based positions; this turns it into one sentence and 1-based positions.
 */
function parserMessage(raw: string): { message: string; line?: number; column?: number } {
  const line = /line: (\d+)/.exec(raw);
  const column = /column: (\d+)/.exec(raw);
  const nested = /nested error: (.*)/.exec(raw);
  const content = /unparsable content (.*?) detected/.exec(raw);
  let message = raw.split('\n')[0].trim();
  if (nested) message = content ? `${nested[1].trim()} at ${content[1]}` : nested[1].trim();
  return {
    message,
    line: line ? Number(line[1]) + 1 : undefined,
    column: column ? Number(column[1]) + 1 : undefined,
  };
}

class DrgCompiler {
  constructor(
    private readonly resourceName: string,
    private readonly lines: XmlLineIndex,
    private readonly problems: DecisionProblem[],
  ) {}

  compile(definitions: DmnDefinitions): CompiledDecisionRequirements {
    const decisions: CompiledDecision[] = [];
    const elements = definitions.drgElement ?? [];
    this.checkExpressionLanguage(definitions, definitions.expressionLanguage);
    for (const element of elements) {
      if (element.$type === 'dmn:Decision') decisions.push(this.compileDecision(element as DmnDecision));
    }
    if (decisions.length === 0) {
      this.problem(definitions, 'The DMN resource contains no decision');
    }
    this.checkRequirements(decisions, elements);
    return {
      id: definitions.id ?? '',
      name: definitions.name,
      resourceName: this.resourceName,
      decisions,
    };
  }

  private compileDecision(decision: DmnDecision): CompiledDecision {
    const decisionId = decision.id ?? '';
    if (!decisionId) this.problem(decision, `A decision${decision.name ? ` ('${decision.name}')` : ''} has no id`);
    const requiredDecisions: string[] = [];
    for (const requirement of decision.informationRequirement ?? []) {
      const href = requirement.requiredDecision?.href;
      if (href === undefined) continue; // requiredInput: input data comes from the variables
      const hash = href.indexOf('#');
      if (hash > 0) {
        this.problem(requirement, `Decision '${decisionId}' requires '${href}' from another model; imported decisions are not supported`, decision);
        continue;
      }
      requiredDecisions.push(href.slice(hash + 1));
    }
    return {
      decisionId,
      name: decision.name,
      resultName: decision.variable?.name || decisionId,
      requiredDecisions,
      logic: this.compileLogic(decision),
    };
  }

  private compileLogic(decision: DmnDecision): CompiledDecisionTable | CompiledLiteralExpression {
    const logic = decision.decisionLogic;
    const empty: CompiledLiteralExpression = { kind: 'literalExpression', expression: 'null' };
    if (!logic) {
      this.problem(decision, `Decision '${decision.id}' has no decision logic; give it a decision table or a literal expression`);
      return empty;
    }
    if (logic.$type === 'dmn:DecisionTable') return this.compileTable(decision, logic as DmnDecisionTable);
    if (logic.$type === 'dmn:LiteralExpression') {
      const literal = logic as DmnText;
      const expression = literal.text ?? '';
      if (this.checkExpressionLanguage(literal, literal.expressionLanguage, decision)) {
        this.checkExpression(expression, `Decision '${decision.id}', literal expression`, literal, decision);
      }
      return { kind: 'literalExpression', expression };
    }
    this.problem(
      logic,
      `Decision '${decision.id}' uses a ${logic.$type.replace(/^dmn:/, '')}; only decision tables and literal expressions are supported, as in Camunda 8`,
      decision,
    );
    return empty;
  }

  private compileTable(decision: DmnDecision, table: DmnDecisionTable): CompiledDecisionTable {
    const where = `Decision '${decision.id}'`;
    const hitPolicy = (table.hitPolicy ?? 'UNIQUE') as HitPolicy;
    if (!HIT_POLICIES.includes(hitPolicy)) {
      this.problem(table, `${where} has the unknown hit policy '${table.hitPolicy}'; expected one of ${HIT_POLICIES.join(', ')}`, decision);
    }
    let aggregation: Aggregation | undefined;
    if (table.aggregation !== undefined) {
      aggregation = table.aggregation as Aggregation;
      if (!AGGREGATIONS.includes(aggregation)) {
        this.problem(table, `${where} has the unknown aggregation '${table.aggregation}'; expected one of ${AGGREGATIONS.join(', ')}`, decision);
      } else if (hitPolicy !== 'COLLECT') {
        this.problem(table, `${where} aggregates with ${aggregation}, which only the hit policy COLLECT allows (it has ${hitPolicy})`, decision);
      }
    }

    const inputs = (table.input ?? []).map((input, index): CompiledInput => {
      const label = input.label ?? input.name;
      const inputName = `${where}, input ${label ? `'${label}'` : `#${index + 1}`}`;
      const expression = input.inputExpression?.text ?? '';
      if (!input.inputExpression || this.checkExpressionLanguage(input.inputExpression, input.inputExpression.expressionLanguage, decision)) {
        this.checkExpression(expression, inputName, input.inputExpression ?? input, decision);
      }
      return { id: input.id ?? '', label, expression };
    });

    const outputClauses = table.output ?? [];
    if (outputClauses.length === 0) this.problem(table, `${where} has a decision table without outputs`, decision);
    if (outputClauses.length > 1) {
      const seen = new Set<string>();
      for (const [index, output] of outputClauses.entries()) {
        if (!output.name) {
          this.problem(output, `${where} has several outputs, so each needs a name; output ${output.label ? `'${output.label}'` : `#${index + 1}`} has none`, decision);
        } else if (seen.has(output.name)) {
          this.problem(output, `${where} has two outputs named '${output.name}'`, decision);
        } else {
          seen.add(output.name);
        }
      }
      if (aggregation) this.problem(table, `${where} aggregates with ${aggregation}, which needs a single output, but it has ${outputClauses.length}`, decision);
    }
    const ordersByValues = hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER';
    const outputs = outputClauses.map((output, index): CompiledOutput => {
      const outputName = `${where}, output ${output.name || output.label ? `'${output.name || output.label}'` : `#${index + 1}`}`;
      const compiled: CompiledOutput = { id: output.id ?? '', name: output.name, label: output.label };
      const values = output.outputValues?.text?.trim();
      if (values) {
        const error = checkFeelUnaryTests(values);
        if (error) this.problem(output.outputValues!, `${outputName}, output values: ${error}`, decision);
        else if (ordersByValues) compiled.priorities = this.priorities(values, `${outputName}, output values`, output.outputValues!, decision);
      }
      const defaultEntry = output.defaultOutputEntry?.text?.trim();
      if (defaultEntry) {
        this.checkExpression(defaultEntry, `${outputName}, default output entry`, output.defaultOutputEntry!, decision);
        compiled.defaultEntry = defaultEntry;
      }
      return compiled;
    });
    if (ordersByValues && outputs.length > 0 && outputs.every((output) => output.priorities === undefined)) {
      this.problem(table, `${where} has the hit policy ${hitPolicy}, which orders by output values, but no output lists its values`, decision);
    }

    const rules = (table.rule ?? []).map((rule, index): CompiledRule => {
      const ruleName = `${where}, rule ${rule.id ? `'${rule.id}' ` : ''}(row ${index + 1})`;
      const inputEntries = rule.inputEntry ?? [];
      const outputEntries = rule.outputEntry ?? [];
      if (inputEntries.length !== inputs.length) {
        this.problem(rule, `${ruleName} has ${inputEntries.length} input entries for ${inputs.length} inputs`, decision);
      }
      if (outputEntries.length !== outputs.length) {
        this.problem(rule, `${ruleName} has ${outputEntries.length} output entries for ${outputs.length} outputs`, decision);
      }
      return {
        id: rule.id ?? '',
        index: index + 1,
        inputEntries: inputEntries.map((entry, column) => {
          const source = entry.text ?? '';
          if (!this.checkExpressionLanguage(entry, entry.expressionLanguage, decision)) return source;
          const error = checkFeelUnaryTests(source);
          if (error) {
            this.problem(entry, `${ruleName}, input entry for ${columnName(inputs[column]?.label, column)}: ${error} in '${source}'`, rule, decision);
          }
          return source;
        }),
        outputEntries: outputEntries.map((entry, column) => {
          const source = entry.text?.trim() ?? '';
          if (source === '') return undefined; // an empty cell gives null
          if (!this.checkExpressionLanguage(entry, entry.expressionLanguage, decision)) return source;
          const error = checkFeelExpression(source);
          if (error) {
            const output = outputs[column];
            this.problem(entry, `${ruleName}, output entry for ${columnName(output?.name ?? output?.label, column)}: ${error} in '${source}'`, rule, decision);
          }
          return source;
        }),
      };
    });

    return { kind: 'decisionTable', hitPolicy, aggregation, inputs, outputs, rules };
  }

  /** Output values as the ordered list of values PRIORITY and OUTPUT ORDER rank by. */
  private priorities(values: string, what: string, element: DmnElement, decision: DmnDecision): unknown[] | undefined {
    try {
      const list = evaluateFeelValue(`[${values}]`, {}).value;
      if (Array.isArray(list) && list.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value))) {
        return list;
      }
    } catch {
      // reported below
    }
    this.problem(element, `${what} must list plain values to order by, like "high","medium","low"; got '${values}'`, decision);
    return undefined;
  }

  private checkExpression(source: string, what: string, element: DmnElement, decision: DmnDecision): void {
    if (source.trim() === '') {
      this.problem(element, `${what} is empty`, decision);
      return;
    }
    const error = checkFeelExpression(source);
    if (error) this.problem(element, `${what}: ${error} in '${source}'`, decision);
  }

  /** Whether the element's expressions are FEEL (the default); reports any other language. */
  private checkExpressionLanguage(element: DmnElement, language: string | undefined, decision?: DmnDecision): boolean {
    if (language === undefined || /feel/i.test(language)) return true;
    this.problem(element, `${element.id ? `Element '${element.id}'` : 'An element'} uses the expression language '${language}'; only FEEL is supported`, decision);
    return false;
  }

  /** Every required decision exists here, and no decision requires itself through others. */
  private checkRequirements(decisions: CompiledDecision[], elements: DmnElement[]): void {
    const byId = new Map(decisions.map((decision) => [decision.decisionId, decision]));
    const elementById = new Map(elements.map((element) => [element.id, element]));
    for (const decision of decisions) {
      for (const required of decision.requiredDecisions) {
        if (!byId.has(required)) {
          this.problem(
            elementById.get(decision.decisionId) ?? { $type: 'dmn:Decision', id: decision.decisionId },
            `Decision '${decision.decisionId}' requires the decision '${required}', which is not in this DMN resource`,
          );
        }
      }
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const reported = new Set<string>();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(id)), id];
        const key = [...new Set(cycle)].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          this.problem(
            elementById.get(id) ?? { $type: 'dmn:Decision', id },
            `Decisions require each other in a cycle: ${cycle.map((step) => `'${step}'`).join(' → ')}`,
          );
        }
        return;
      }
      state.set(id, 'visiting');
      for (const required of byId.get(id)?.requiredDecisions ?? []) {
        if (byId.has(required)) visit(required, [...path, id]);
      }
      state.set(id, 'done');
    };
    for (const decision of decisions) visit(decision.decisionId, []);
  }

  /** Records a problem at the element, or at the nearest enclosing element whose id is in the text. */
  private problem(element: DmnElement, message: string, ...enclosing: Array<DmnElement | undefined>): void {
    let target: DmnElement | undefined = element;
    let line = this.lines.lineOfElement(element.id);
    for (const outer of enclosing) {
      if (line !== undefined || !outer) break;
      target = outer;
      line = this.lines.lineOfElement(outer.id);
    }
    const elementId = element.id ?? target?.id;
    this.problems.push({ resourceName: this.resourceName, elementId, line, message });
  }
}

function columnName(name: string | undefined, column: number): string {
  return name ? `'${name}'` : `column ${column + 1}`;
}

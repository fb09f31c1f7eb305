/**
 * Evaluates one decision table: the input expressions once, then each rule's input entries against
 * them (the input is `?` in the unary tests), then the output entries of the matched rules, and the
 * hit policy over those. Evaluation is null-friendly as in Camunda 8: a missing variable makes an
 * input null, and null fails every test but `-`, `null` and `not(…)`.
 */
import { evaluateFeelValue, testUnaryTests } from '../feel/feel-evaluator.js';
import { feelValueToJson } from '../feel/feel-value-to-json.js';
import type { CompiledDecisionTable } from './compiled-decision.js';
import type { EvaluatedInput, MatchedRule } from './decision-evaluation.js';
import { applyHitPolicy, noMatchValue, valueOfRow, type RuleRow } from './hit-policy.js';

export interface DecisionTableResult {
  /** Raw FEEL value. */
  value: unknown;
  evaluatedInputs: EvaluatedInput[];
  matchedRules: MatchedRule[];
}

/** Throws FeelEvaluationError (an expression failed outright) or HitPolicyViolation. */
export function evaluateDecisionTable(table: CompiledDecisionTable, context: Record<string, unknown>): DecisionTableResult {
  const inputValues = table.inputs.map((input) => evaluateFeelValue(input.expression, context).value);
  const evaluatedInputs = table.inputs.map((input, index) => ({
    inputId: input.id,
    inputName: input.label,
    inputValue: feelValueToJson(inputValues[index]),
  }));

  const matched: RuleRow[] = [];
  for (const rule of table.rules) {
    const matches = rule.inputEntries.every((entry, index) => testUnaryTests(entry, inputValues[index], context));
    if (!matches) continue;
    matched.push({ rule, values: rule.outputEntries.map((entry) => (entry === undefined ? null : evaluateFeelValue(entry, context).value)) });
    if (table.hitPolicy === 'FIRST') break;
  }

  if (matched.length === 0) {
    return { value: defaultOutput(table, context), evaluatedInputs, matchedRules: [] };
  }
  const { value, reported } = applyHitPolicy(table, matched);
  const matchedRules = reported.map(({ rule, values }) => ({
    ruleId: rule.id,
    ruleIndex: rule.index,
    evaluatedOutputs: table.outputs.map((output, index) => ({
      outputId: output.id,
      outputName: output.name,
      outputValue: feelValueToJson(values[index]),
    })),
  }));
  return { value, evaluatedInputs, matchedRules };
}

/** The outputs' default entries when no rule matched; without any, what the hit policy gives for no match. */
function defaultOutput(table: CompiledDecisionTable, context: Record<string, unknown>): unknown {
  if (table.outputs.every((output) => output.defaultEntry === undefined)) return noMatchValue(table);
  const values = table.outputs.map((output) => (output.defaultEntry === undefined ? null : evaluateFeelValue(output.defaultEntry, context).value));
  return valueOfRow(table, { rule: { id: '', index: 0, inputEntries: [], outputEntries: [] }, values });
}

/**
 * Evaluates a decision of a compiled DRG: its required decisions first (each once), whose results
 * the dependent decision sees under their result name (the decision's variable name, else its id)
 * and under their id, as in Camunda 8.
 */
import { FeelEvaluationError } from '../feel/feel-evaluation-error.js';
import { evaluateFeelValue } from '../feel/feel-evaluator.js';
import { feelValueToJson } from '../feel/feel-value-to-json.js';
import type { CompiledDecision, CompiledDecisionRequirements } from './compiled-decision.js';
import { DecisionEvaluationError, type DecisionEvaluation, type EvaluatedDecision } from './decision-evaluation.js';
import { evaluateDecisionTable } from './decision-table-evaluator.js';
import { HitPolicyViolation } from './hit-policy.js';

export function evaluateDecision(
  drg: CompiledDecisionRequirements,
  decisionId: string,
  variables: Record<string, unknown>,
): DecisionEvaluation {
  const byId = new Map(drg.decisions.map((decision) => [decision.decisionId, decision]));
  const requested = byId.get(decisionId);
  if (!requested) {
    throw new DecisionEvaluationError(
      `Expected to evaluate decision '${decisionId}', but no decision with this id is in the decision requirements '${drg.id}' (${drg.resourceName})`,
      decisionId,
      decisionId,
      [],
    );
  }
  const evaluatedDecisions: EvaluatedDecision[] = [];
  const results = new Map<string, unknown>();
  const inProgress = new Set<string>();

  const fail = (failed: CompiledDecision, reason: string): never => {
    const via = failed.decisionId === decisionId ? '' : `the required decision '${failed.decisionId}' failed: `;
    throw new DecisionEvaluationError(
      `Expected to evaluate decision '${decisionId}', but ${via}${reason}`,
      decisionId,
      failed.decisionId,
      evaluatedDecisions,
    );
  };

  const evaluate = (decision: CompiledDecision): unknown => {
    if (results.has(decision.decisionId)) return results.get(decision.decisionId);
    // compileDmn rejects cycles; this guards a hand-built DRG.
    if (inProgress.has(decision.decisionId)) fail(decision, 'it requires itself through other decisions');
    inProgress.add(decision.decisionId);
    const context: Record<string, unknown> = { ...variables };
    for (const requiredId of decision.requiredDecisions) {
      const required = byId.get(requiredId);
      if (!required) return fail(decision, `it requires the decision '${requiredId}', which is not in the decision requirements '${drg.id}'`);
      const value = evaluate(required);
      context[required.resultName] = value;
      context[required.decisionId] = value;
    }
    let evaluated: EvaluatedDecision;
    let value: unknown;
    try {
      if (decision.logic.kind === 'decisionTable') {
        const table = evaluateDecisionTable(decision.logic, context);
        value = table.value;
        evaluated = {
          decisionId: decision.decisionId,
          decisionName: decision.name,
          decisionType: 'DECISION_TABLE',
          output: feelValueToJson(value),
          evaluatedInputs: table.evaluatedInputs,
          matchedRules: table.matchedRules,
        };
      } else {
        value = evaluateFeelValue(decision.logic.expression, context).value;
        evaluated = {
          decisionId: decision.decisionId,
          decisionName: decision.name,
          decisionType: 'LITERAL_EXPRESSION',
          output: feelValueToJson(value),
          evaluatedInputs: [],
          matchedRules: [],
        };
      }
    } catch (error) {
      if (error instanceof FeelEvaluationError || error instanceof HitPolicyViolation) return fail(decision, error.message);
      throw error;
    }
    inProgress.delete(decision.decisionId);
    results.set(decision.decisionId, value);
    evaluatedDecisions.push(evaluated);
    return value;
  };

  const value = evaluate(requested);
  return { decisionId, output: feelValueToJson(value), evaluatedDecisions };
}

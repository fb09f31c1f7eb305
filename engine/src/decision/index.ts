/** DMN decisions: compile a resource once per deployed version, evaluate its decisions. */
export { compileDmn } from './dmn-compiler.js';
export { evaluateDecision } from './decision-evaluator.js';
export type { DecisionProblem } from './decision-problem.js';
export type {
  Aggregation,
  CompiledDecision,
  CompiledDecisionRequirements,
  CompiledDecisionTable,
  CompiledLiteralExpression,
  HitPolicy,
} from './compiled-decision.js';
export {
  DecisionEvaluationError,
  type DecisionEvaluation,
  type EvaluatedDecision,
  type EvaluatedInput,
  type EvaluatedOutput,
  type MatchedRule,
} from './decision-evaluation.js';

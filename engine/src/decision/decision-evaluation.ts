/**
 * The outcome of evaluating a decision, shaped like Zeebe's decision evaluation record: the output
 * of the called decision and every decision evaluated for it, required decisions first.
 */

export interface EvaluatedInput {
  inputId: string;
  inputName?: string;
  inputValue: unknown;
}

export interface EvaluatedOutput {
  outputId: string;
  outputName?: string;
  outputValue: unknown;
}

export interface MatchedRule {
  ruleId: string;
  /** 1-based, as Zeebe counts. */
  ruleIndex: number;
  evaluatedOutputs: EvaluatedOutput[];
}

export interface EvaluatedDecision {
  decisionId: string;
  decisionName?: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  /** JSON, as it would be stored in a variable. */
  output: unknown;
  evaluatedInputs: EvaluatedInput[];
  matchedRules: MatchedRule[];
}

export interface DecisionEvaluation {
  decisionId: string;
  output: unknown;
  evaluatedDecisions: EvaluatedDecision[];
}

/**
 * A decision could not be evaluated. The message reads like Zeebe's incident ("Expected to evaluate
 * decision 'x', but …"); the decisions evaluated before the failure are kept, as Zeebe records them.
 */
export class DecisionEvaluationError extends Error {
  constructor(
    message: string,
    readonly decisionId: string,
    readonly failedDecisionId: string,
    readonly evaluatedDecisions: EvaluatedDecision[],
  ) {
    super(message);
    this.name = 'DecisionEvaluationError';
  }
}

import type { Batch } from '../batch.js';
import type { DeployedDecisionRequirements } from '../definitions.js';
import { DecisionEvaluationError, evaluateDecision, type EvaluatedDecision } from '../../../decision/index.js';
import { invalidArgument, notFound } from '../../engine-rejection.js';

export interface EvaluateDecisionCommand {
  /** Either the key of one decision version … */
  decisionKey?: number;
  /** … or a decision id: its latest version. */
  decisionId?: string;
  variables: Record<string, unknown>;
}

export interface DecisionEvaluationResult {
  decisionKey: number;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: number;
  /** The called decision's output (JSON), undefined when it failed. */
  output: unknown;
  evaluatedDecisions: Array<EvaluatedDecision & { decisionKey: number; decisionVersion: number }>;
  /** Set when the evaluation failed: the decision at fault and why. */
  failedDecisionId?: string;
  failureMessage?: string;
}

/**
 * Evaluates a deployed decision outside any process (Zeebe's EvaluateDecision command) and writes a
 * DECISION_EVALUATION record, EVALUATED or FAILED, as Zeebe does.
 */
export function evaluateDeployedDecision(b: Batch, command: EvaluateDecisionCommand): DecisionEvaluationResult {
  const hasKey = command.decisionKey !== undefined;
  const hasId = command.decisionId !== undefined && command.decisionId !== '';
  if (hasKey === hasId) {
    throw invalidArgument('Expected either a decision id or a valid decision key, but none or both provided');
  }
  let found: { drg: DeployedDecisionRequirements; decisionId: string; key: number; version: number };
  if (hasKey) {
    const byKey = b.definitions.decisionByKey(command.decisionKey!);
    if (!byKey) throw notFound(`Expected to evaluate decision with key '${command.decisionKey}', but no such decision found`);
    found = { drg: byKey.drg, decisionId: byKey.decisionId, key: command.decisionKey!, version: byKey.version };
  } else {
    const latest = b.definitions.latestDecision(command.decisionId!);
    if (!latest) throw notFound(`Expected to evaluate decision '${command.decisionId}', but no decision found for id '${command.decisionId}'`);
    found = { drg: latest.drg, decisionId: command.decisionId!, key: latest.key, version: latest.version };
  }
  const { drg } = found;
  const deployedDecision = drg.decisions.find((d) => d.decisionId === found.decisionId);
  const keyed = (decisions: EvaluatedDecision[]) =>
    decisions.map((d) => {
      const deployed = drg.decisions.find((x) => x.decisionId === d.decisionId);
      return { ...d, decisionKey: deployed?.key ?? -1, decisionVersion: deployed?.version ?? -1 };
    });
  const result: DecisionEvaluationResult = {
    decisionKey: found.key,
    decisionId: found.decisionId,
    decisionName: deployedDecision?.name ?? found.decisionId,
    decisionVersion: found.version,
    decisionRequirementsId: drg.drgId,
    decisionRequirementsKey: drg.key,
    output: undefined,
    evaluatedDecisions: [],
  };
  try {
    const evaluation = evaluateDecision(drg.drg, found.decisionId, command.variables);
    result.output = evaluation.output;
    result.evaluatedDecisions = keyed(evaluation.evaluatedDecisions);
  } catch (error) {
    if (!(error instanceof DecisionEvaluationError)) throw error;
    result.failedDecisionId = error.failedDecisionId;
    result.failureMessage = error.message;
    result.evaluatedDecisions = keyed(error.evaluatedDecisions);
  }
  b.records.append('DECISION_EVALUATION', result.failureMessage === undefined ? 'EVALUATED' : 'FAILED', b.keys.next(), null, {
    decisionId: result.decisionId,
    decisionKey: result.decisionKey,
    decisionVersion: result.decisionVersion,
    decisionRequirementsId: result.decisionRequirementsId,
    decisionRequirementsKey: result.decisionRequirementsKey,
    decisionOutput: result.output ?? null,
    evaluatedDecisions: result.evaluatedDecisions,
    failedDecisionId: result.failedDecisionId ?? '',
    evaluationFailureMessage: result.failureMessage ?? '',
  });
  return result;
}

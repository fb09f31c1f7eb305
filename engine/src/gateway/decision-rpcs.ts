import type { GatewayContext } from './gateway-context.js';
import type { GatewayHandlers } from './gateway-protocol.js';
import { unaryCall } from './unary-call.js';
import { checkTenant, DEFAULT_TENANT, keyFromWire, keyToWire, variablesFromWire } from './wire-values.js';

/** Values of decision inputs and outputs are JSON documents on the wire. */
function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** EvaluateDecision: a failed evaluation answers with failedDecisionId and failureMessage, as Zeebe's does. */
export function decisionRpcs(context: GatewayContext): GatewayHandlers {
  return {
    EvaluateDecision: unaryCall(
      context,
      'EVALUATE',
      async (request: { decisionKey: string; decisionId: string; variables: string; tenantId: string }) => {
        checkTenant('EvaluateDecision', request.tenantId);
        const key = keyFromWire('decisionKey', request.decisionKey || '0');
        const result = await context.engine.evaluateDecision({
          decisionKey: key > 0 ? key : undefined,
          decisionId: request.decisionId || undefined,
          variables: variablesFromWire('variables', request.variables),
        });
        return {
          decisionKey: keyToWire(result.decisionKey),
          decisionId: result.decisionId,
          decisionName: result.decisionName,
          decisionVersion: result.decisionVersion,
          decisionRequirementsId: result.decisionRequirementsId,
          decisionRequirementsKey: keyToWire(result.decisionRequirementsKey),
          decisionOutput: result.failureMessage === undefined ? json(result.output) : '',
          evaluatedDecisions: result.evaluatedDecisions.map((d) => ({
            decisionKey: keyToWire(d.decisionKey),
            decisionId: d.decisionId,
            decisionName: d.decisionName ?? d.decisionId,
            decisionVersion: d.decisionVersion,
            decisionType: d.decisionType,
            decisionOutput: json(d.output),
            matchedRules: d.matchedRules.map((r) => ({
              ruleId: r.ruleId,
              ruleIndex: r.ruleIndex,
              evaluatedOutputs: r.evaluatedOutputs.map((o) => ({ outputId: o.outputId, outputName: o.outputName ?? o.outputId, outputValue: json(o.outputValue) })),
            })),
            evaluatedInputs: d.evaluatedInputs.map((i) => ({ inputId: i.inputId, inputName: i.inputName ?? i.inputId, inputValue: json(i.inputValue) })),
            tenantId: DEFAULT_TENANT,
          })),
          failedDecisionId: result.failedDecisionId ?? '',
          failureMessage: result.failureMessage ?? '',
          tenantId: DEFAULT_TENANT,
        };
      },
    ),
  };
}

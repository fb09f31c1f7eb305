import type { GatewayContext } from './gateway-context.js';
import type { GatewayHandlers } from './gateway-protocol.js';
import { unaryCall } from './unary-call.js';
import { keyFromWire, keyToWire, variablesFromWire } from './wire-values.js';

/** ResolveIncident and SetVariables. */
export function incidentVariableRpcs(context: GatewayContext): GatewayHandlers {
  const { engine } = context;
  return {
    ResolveIncident: unaryCall(context, 'RESOLVE', async (request: { incidentKey: string }) => {
      await engine.resolveIncident(keyFromWire('incidentKey', request.incidentKey));
      return {};
    }),
    SetVariables: unaryCall(context, 'UPDATE', async (request: { elementInstanceKey: string; variables: string; local: boolean }) => {
      const { key } = await engine.setVariables(
        keyFromWire('elementInstanceKey', request.elementInstanceKey),
        variablesFromWire('variables', request.variables),
        request.local,
      );
      return { key: keyToWire(key) };
    }),
  };
}

import type { GatewayContext } from './gateway-context.js';
import type { GatewayHandlers } from './gateway-protocol.js';
import { unaryCall } from './unary-call.js';
import { checkTenant, DEFAULT_TENANT, keyToWire, numberFromWire, variablesFromWire } from './wire-values.js';

/** PublishMessage (buffered for its TTL, unique by message id) and BroadcastSignal. */
export function messageRpcs(context: GatewayContext): GatewayHandlers {
  const { engine } = context;
  return {
    PublishMessage: unaryCall(
      context,
      'PUBLISH',
      async (request: { name: string; correlationKey: string; timeToLive: string; messageId: string; variables: string; tenantId: string }) => {
        checkTenant('PublishMessage', request.tenantId);
        const { messageKey } = await engine.publishMessage({
          name: request.name,
          correlationKey: request.correlationKey,
          timeToLive: numberFromWire(request.timeToLive),
          messageId: request.messageId || undefined,
          variables: variablesFromWire('variables', request.variables),
        });
        return { key: keyToWire(messageKey), tenantId: DEFAULT_TENANT };
      },
    ),
    BroadcastSignal: unaryCall(context, 'BROADCAST', async (request: { signalName: string; variables: string }) => {
      const { signalKey } = await engine.broadcastSignal(request.signalName, variablesFromWire('variables', request.variables));
      return { key: keyToWire(signalKey) };
    }),
  };
}

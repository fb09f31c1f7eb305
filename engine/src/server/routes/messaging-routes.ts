import { defineRoute, type Route } from '../http/route.js';
import { auditActorOf } from '../../audit/index.js';

const publish = defineRoute<{ name: string; correlationKey?: string; timeToLive?: number; messageId?: string; variables?: Record<string, unknown> }>({
  method: 'post',
  path: '/v2/messages/publication',
  operationId: 'publishMessage',
  summary: 'Publish a message (correlated by name and correlation key, buffered for its time to live)',
  tag: 'Messages',
  permission: 'messages:publish',
  idempotent: true,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1 },
      correlationKey: { type: 'string' },
      timeToLive: { type: 'integer', minimum: 0, description: 'Milliseconds' },
      messageId: { type: 'string' },
      variables: { type: 'object' },
      tenantId: { type: 'string' },
    },
  },
  responses: { 200: { description: 'Published', schema: { type: 'object', properties: { messageKey: { type: 'string' }, tenantId: { type: 'string' } } } } },
  async handler({ body, services, principal }) {
    const { messageKey } = await services.engine.publishMessage(body);
    await services.audit.append({ actor: auditActorOf(principal), action: 'message.publish', target: `message:${body.name}`, details: { correlationKey: body.correlationKey ?? '', messageKey: String(messageKey) } });
    return { body: { messageKey: String(messageKey), tenantId: '<default>' } };
  },
});

const broadcast = defineRoute<{ signalName: string; variables?: Record<string, unknown> }>({
  method: 'post',
  path: '/v2/signals/broadcast',
  operationId: 'broadcastSignal',
  summary: 'Broadcast a signal to every waiting signal event and signal start event',
  tag: 'Signals',
  permission: 'signals:broadcast',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['signalName'],
    properties: { signalName: { type: 'string', minLength: 1 }, variables: { type: 'object' }, tenantId: { type: 'string' } },
  },
  responses: { 200: { description: 'Broadcast', schema: { type: 'object', properties: { signalKey: { type: 'string' }, tenantId: { type: 'string' } } } } },
  async handler({ body, services, principal }) {
    const { signalKey } = await services.engine.broadcastSignal(body.signalName, body.variables);
    await services.audit.append({ actor: auditActorOf(principal), action: 'signal.broadcast', target: `signal:${body.signalName}` });
    return { body: { signalKey: String(signalKey), tenantId: '<default>' } };
  },
});

export const messagingRoutes: Route[] = [publish, broadcast];

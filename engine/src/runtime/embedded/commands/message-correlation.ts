import { CompiledQuery } from 'kysely';
import type { Batch } from '../batch.js';
import type { MessageRow, MessageSubscriptionRow } from '../state/rows.js';
import { triggerEvent } from '../bpmn/behaviours/event-trigger-behaviour.js';
import { startProcessInstance } from './process-instance-commands.js';
import { EngineRejection } from '../../engine-rejection.js';

export interface PublishMessage {
  name: string;
  correlationKey: string;
  /** Milliseconds the message stays buffered for subscriptions opened later. */
  timeToLive: number;
  messageId?: string;
  variables: Record<string, unknown>;
}

/**
 * Publishes a message (Zeebe semantics): it correlates to at most one subscription per process id,
 * starts a process through a message start event unless an instance started by the same
 * correlation key is still active, and stays buffered for its time to live.
 */
export async function publishMessage(b: Batch, m: PublishMessage): Promise<{ messageKey: number }> {
  const now = b.now();
  if (m.messageId) {
    const live = await b.state.messages.query(
      'name = $1 AND correlation_key = $2 AND message_id = $3 AND deadline > $4',
      [m.name, m.correlationKey, m.messageId, now],
      (r) => r.name === m.name && r.correlationKey === m.correlationKey && r.messageId === m.messageId && r.deadline > now,
    );
    if (live.length > 0) {
      throw new EngineRejection(
        'ALREADY_EXISTS',
        `Expected to publish a new message with id '${m.messageId}', but a message with that id was already published`,
      );
    }
  }
  const messageKey = b.keys.next();
  b.records.append('MESSAGE', 'PUBLISHED', messageKey, null, {
    name: m.name,
    correlationKey: m.correlationKey,
    timeToLive: m.timeToLive,
    messageId: m.messageId ?? '',
    variables: m.variables,
  });
  const correlated = new Set<string>();
  const subscriptions = await b.state.messageSubscriptions.query(
    'message_name = $1 AND correlation_key = $2',
    [m.name, m.correlationKey],
    (r) => r.messageName === m.name && r.correlationKey === m.correlationKey,
  );
  subscriptions.sort((x, y) => x.key - y.key);
  for (const sub of subscriptions) {
    if (correlated.has(sub.bpmnProcessId)) continue;
    if (await triggerEvent(b, sub.elementInstanceKey, sub.data.elementId, m.variables)) {
      correlated.add(sub.bpmnProcessId);
      recordCorrelated(b, sub, messageKey);
    }
  }
  for (const start of b.definitions.messageStartEvents(m.name)) {
    const id = start.process.bpmnProcessId;
    if (correlated.has(id)) continue;
    if (m.correlationKey !== '' && (await b.state.messageStartLocks.get(`${id}|${m.correlationKey}`))) continue;
    await startProcessInstance(b, start.process, {
      startEventId: start.elementId,
      triggerVariables: m.variables,
      startCorrelationKey: m.correlationKey === '' ? undefined : m.correlationKey,
    });
    correlated.add(id);
  }
  if (m.timeToLive > 0) {
    const message: MessageRow = {
      key: messageKey,
      name: m.name,
      correlationKey: m.correlationKey,
      messageId: m.messageId ?? null,
      deadline: now + m.timeToLive,
      data: { variables: m.variables, timeToLive: m.timeToLive },
    };
    b.state.messages.insert(message);
    for (const bpmnProcessId of correlated) b.state.messageCorrelations.insert({ messageKey, bpmnProcessId });
  } else {
    b.records.append('MESSAGE', 'EXPIRED', messageKey, null, { name: m.name, correlationKey: m.correlationKey });
  }
  return { messageKey };
}

function recordCorrelated(b: Batch, sub: MessageSubscriptionRow, messageKey: number): void {
  b.records.append('MESSAGE_SUBSCRIPTION', 'CORRELATED', sub.key, sub.processInstanceKey, {
    messageName: sub.messageName,
    correlationKey: sub.correlationKey,
    messageKey,
    elementInstanceKey: sub.elementInstanceKey,
    processInstanceKey: sub.processInstanceKey,
    bpmnProcessId: sub.bpmnProcessId,
    elementId: sub.data.elementId,
  });
}

/** A newly opened subscription takes the oldest buffered message not yet correlated to its process. */
export async function correlateBufferedMessage(b: Batch, sub: MessageSubscriptionRow): Promise<void> {
  if (!(await b.state.messageSubscriptions.get(String(sub.key)))) return;
  const now = b.now();
  const buffered = await b.state.messages.query(
    'name = $1 AND correlation_key = $2 AND deadline > $3',
    [sub.messageName, sub.correlationKey, now],
    (r) => r.name === sub.messageName && r.correlationKey === sub.correlationKey && r.deadline > now,
  );
  buffered.sort((x, y) => x.key - y.key);
  for (const message of buffered) {
    if (await b.state.messageCorrelations.get(`${message.key}|${sub.bpmnProcessId}`)) continue;
    if (await triggerEvent(b, sub.elementInstanceKey, sub.data.elementId, message.data.variables)) {
      b.state.messageCorrelations.insert({ messageKey: message.key, bpmnProcessId: sub.bpmnProcessId });
      recordCorrelated(b, sub, message.key);
    }
    return;
  }
}

/** Drops buffered messages whose time to live has passed. */
export async function expireMessages(b: Batch): Promise<void> {
  const now = b.now();
  const expired = await b.state.messages.query('deadline <= $1', [now], (r) => r.deadline <= now, 'ORDER BY key LIMIT 1000');
  for (const message of expired) {
    b.state.messages.delete(String(message.key));
    b.records.append('MESSAGE', 'EXPIRED', message.key, null, { name: message.name, correlationKey: message.correlationKey });
  }
  if (expired.length > 0) {
    await b.state.db.executeQuery(
      CompiledQuery.raw('DELETE FROM message_correlations WHERE message_key = ANY($1)', [expired.map((m) => m.key)]),
    );
  }
}

import type { Kysely } from 'kysely';
import { describeInput, JobInput } from './job-input.js';
import type { JobWorker } from './job-worker.js';
import { enqueueNotification, NOTIFICATION_CHANNELS, type NotificationChannel } from './notification-outbox.js';

export const NOTIFY_TASK_TYPE = 'gongzhi.notify';

const TEMPLATE = /^[a-z][a-z0-9_.-]{0,63}$/;
const VARIABLE_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/**
 * `gongzhi.notify`: queues a notification in the outbox. Headers: channel (sms | wechat | internal), template,
 * optional `to` (else the variable notifyTo) and `variables`, the comma-separated variables the template uses,
 * copied into the payload (null when a variable has no value). Completes with { notificationKey }.
 */
export function notifyWorker(deps: { db: Kysely<any> }): JobWorker {
  return {
    type: NOTIFY_TASK_TYPE,
    async handle(job, context) {
      const input = new JobInput(NOTIFY_TASK_TYPE, job);
      const channel = input.requiredHeader('channel', NOTIFICATION_CHANNELS.join(' | '));
      if (!NOTIFICATION_CHANNELS.includes(channel as NotificationChannel)) {
        throw input.headerError('channel', `'${channel}' is not one of ${NOTIFICATION_CHANNELS.join(', ')}`);
      }
      const template = input.requiredHeader('template', 'reminder');
      if (!TEMPLATE.test(template)) throw input.headerError('template', `'${template}' must be a template name in lower case, e.g. reminder, supervision, result`);
      const recipient = readRecipient(input);
      const payload = readPayload(input);
      const notificationKey = await enqueueNotification(deps.db, {
        createdAt: context.now(),
        processInstanceKey: job.processInstanceKey,
        elementId: job.elementId,
        jobKey: job.key,
        channel: channel as NotificationChannel,
        template,
        recipient,
        payload,
      });
      return { notificationKey };
    },
  };
}

/** The `to` header names a fixed recipient; otherwise the process supplies one in notifyTo. */
function readRecipient(input: JobInput): string {
  const fixed = input.header('to');
  if (fixed !== undefined) return fixed;
  const given = input.variable('notifyTo');
  if (given === undefined) {
    throw input.variableError('notifyTo', 'is missing and there is no header to: name a user, group or phone in one of them');
  }
  if (typeof given !== 'string' || given.trim() === '') {
    throw input.variableError('notifyTo', `must be a user, group or phone as text, got ${describeInput(given)}`);
  }
  return given.trim();
}

function readPayload(input: JobInput): Record<string, unknown> {
  const names = input.header('variables');
  if (names === undefined) return {};
  const payload: Record<string, unknown> = {};
  for (const raw of names.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (!VARIABLE_NAME.test(name)) throw input.headerError('variables', `'${name}' is not a variable name`);
    // An optional field left empty (e.g. no remedy on a refusal) must not stop the case: the template gets null.
    payload[name] = input.variable(name) ?? null;
  }
  return payload;
}

import { sql, type Kysely } from 'kysely';

/*
 * The notification outbox: rows `gongzhi.notify` writes and a gateway (SMS, WeChat, the in-app inbox) reads,
 * sends and marks sent. There is no gateway inside the engine; this table is the interface to one.
 */

export const NOTIFICATION_CHANNELS = ['sms', 'wechat', 'internal'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationStatus = 'pending' | 'sent';

export interface Notification {
  /** Keys are strings, as everywhere in the API. */
  key: string;
  createdAt: number;
  processInstanceKey: string | null;
  elementId: string | null;
  channel: NotificationChannel;
  template: string;
  /** A user, a group or a phone number. */
  recipient: string;
  payload: Record<string, unknown>;
  status: NotificationStatus;
}

export interface NewNotification {
  createdAt: number;
  processInstanceKey?: number;
  elementId?: string;
  /** The job that queued it: queuing again for the same job returns the first row instead of a duplicate. */
  jobKey?: number;
  channel: NotificationChannel;
  template: string;
  recipient: string;
  payload: Record<string, unknown>;
}

export interface NotificationListQuery {
  processInstanceKey?: number | string;
  status?: NotificationStatus;
  /** 1 to 1000. */
  limit: number;
}

const COLUMNS = sql.raw('key, created_at, process_instance_key, element_id, channel, template, recipient, payload, status');

/** Queues a notification; returns its key. */
export async function enqueueNotification(db: Kysely<any>, notification: NewNotification): Promise<string> {
  if (!NOTIFICATION_CHANNELS.includes(notification.channel)) {
    throw new Error(`notification channel '${String(notification.channel)}' is not one of ${NOTIFICATION_CHANNELS.join(', ')}`);
  }
  const values = sql`${notification.createdAt}, ${notification.processInstanceKey ?? null}, ${notification.elementId ?? null},
    ${notification.jobKey ?? null}, ${notification.channel}, ${notification.template}, ${notification.recipient},
    ${JSON.stringify(notification.payload)}::jsonb`;
  const inserted = await sql<{ key: number }>`
    INSERT INTO notifications (created_at, process_instance_key, element_id, job_key, channel, template, recipient, payload)
    VALUES (${values}) ON CONFLICT (job_key) DO NOTHING RETURNING key`.execute(db);
  if (inserted.rows[0]) return String(inserted.rows[0].key);
  const earlier = await sql<{ key: number }>`SELECT key FROM notifications WHERE job_key = ${notification.jobKey ?? null}`.execute(db);
  return String(earlier.rows[0].key);
}

/** Notifications oldest first, optionally of one process instance or in one status. */
export async function list(db: Kysely<any>, query: NotificationListQuery): Promise<Notification[]> {
  const { processInstanceKey, status, limit } = query ?? ({} as NotificationListQuery);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error(`limit must be a whole number from 1 to 1000, got ${String(limit)}`);
  if (status !== undefined && status !== 'pending' && status !== 'sent') throw new Error(`status must be pending or sent, got ${String(status)}`);
  const filters = [sql`true`];
  if (processInstanceKey !== undefined) filters.push(sql`process_instance_key = ${readKey(processInstanceKey, 'processInstanceKey')}`);
  if (status !== undefined) filters.push(sql`status = ${status}`);
  const rows = await sql<Record<string, any>>`
    SELECT ${COLUMNS} FROM notifications WHERE ${sql.join(filters, sql` AND `)} ORDER BY key LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    key: String(r.key),
    createdAt: Number(r.created_at),
    processInstanceKey: r.process_instance_key === null ? null : String(r.process_instance_key),
    elementId: r.element_id,
    channel: r.channel,
    template: r.template,
    recipient: r.recipient,
    payload: r.payload,
    status: r.status,
  }));
}

/** Marks a notification sent; marking it again is harmless (a gateway may retry its acknowledgement). */
export async function markSent(db: Kysely<any>, key: number | string): Promise<void> {
  const found = await sql`UPDATE notifications SET status = 'sent' WHERE key = ${readKey(key, 'key')} RETURNING key`.execute(db);
  if (found.rows.length === 0) throw new Error(`no notification with key ${String(key)}`);
}

function readKey(value: number | string, what: string): number {
  const key = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof key !== 'number' || !Number.isSafeInteger(key) || key < 0) throw new Error(`${what} must be a notification or instance key (digits), got ${String(value)}`);
  return key;
}

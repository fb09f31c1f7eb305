import { Tag } from 'antd';
import { useT } from '../app/i18n/language.js';
import type { MessageKey } from '../app/i18n/zh.js';

const COLORS: Record<string, string> = {
  CREATED: 'processing',
  ACTIVE: 'processing',
  COMPLETED: 'success',
  RESOLVED: 'success',
  CANCELED: 'default',
  TERMINATED: 'default',
  INCIDENT: 'error',
  FAILED: 'error',
  PENDING: 'warning',
};

/** A task's, instance's or incident's state as a coloured tag in the user's language. */
export function StatusTag({ state }: { state: string }) {
  const t = useT();
  const key = `status.${state}` as MessageKey;
  const label = key in STATUS_KEYS ? t(key) : state;
  return <Tag color={COLORS[state] ?? 'default'}>{label}</Tag>;
}

const STATUS_KEYS: Record<string, true> = Object.fromEntries(Object.keys(COLORS).map((s) => [`status.${s}`, true]));

import { Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { UserTask } from '../../app/api-types.js';
import { useT } from '../../app/i18n/language.js';
import { dueStatus } from './due-status.js';

const COLORS = { ok: 'green', soon: 'gold', overdue: 'red', none: 'default' } as const;

/** The due date in green, yellow from the reminder point, red when overdue. */
export function DueTag({ task, now }: { task: UserTask; now: number }) {
  const t = useT();
  const status = dueStatus(task, now);
  if (status.dueAt === undefined) return <Tag data-testid="due-tag" data-level="none">{t('due.none')}</Tag>;
  const time = dayjs(status.dueAt).format('YYYY-MM-DD HH:mm');
  const text = status.level === 'overdue' ? t('due.overdue', { time }) : status.level === 'soon' ? t('due.soon', { time }) : t('due.onTime', { time });
  return (
    <Tag color={COLORS[status.level]} icon={<ClockCircleOutlined />} data-testid="due-tag" data-level={status.level}>
      {text}
    </Tag>
  );
}

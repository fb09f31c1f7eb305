import { Button, Card, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { SessionUser, UserTask } from '../../app/api-types.js';
import { useT } from '../../app/i18n/language.js';
import { StatusTag } from '../../components/StatusTag.js';
import { DueTag } from './DueTag.js';
import { mayClaim, mayUnclaim } from './task-scope.js';

export interface TaskCardProps {
  task: UserTask;
  user: SessionUser;
  now: number;
  busy: boolean;
  onOpen(): void;
  onClaim(): void;
  onUnclaim(): void;
}

/** One task in the list: a card that fits a 375 px screen, the whole card opens the task. */
export function TaskCard({ task, user, now, busy, onOpen, onClaim, onUnclaim }: TaskCardProps) {
  const t = useT();
  const stop = (action: () => void) => (event: React.MouseEvent) => {
    event.stopPropagation();
    action();
  };
  return (
    <Card className="gz-task-card" hoverable onClick={onOpen} data-testid="task-card" data-task-key={task.userTaskKey}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div className="gz-task-card-title">{task.name ?? task.elementId}</div>
          <div className="gz-task-meta">
            <span>{task.processName ?? task.processDefinitionId}</span>
            {task.businessKey && (
              <span>
                {t('tasks.caseNo')} {task.businessKey}
              </span>
            )}
            <span>
              {t('tasks.created')} {dayjs(task.creationDate).format('MM-DD HH:mm')}
            </span>
          </div>
        </div>
        {task.state !== 'CREATED' && <StatusTag state={task.state} />}
      </div>
      <Space size={[4, 6]} wrap style={{ marginTop: 8 }}>
        <DueTag task={task} now={now} />
        {task.assignee ? (
          <Tag icon={<UserOutlined />} color={task.assignee === user.username ? 'blue' : 'default'}>
            {task.assignee}
          </Tag>
        ) : (
          <Tag>{t('tasks.unassigned')}</Tag>
        )}
        {task.candidateGroups.slice(0, 3).map((g) => (
          <Tag key={g} bordered={false}>
            {g}
          </Tag>
        ))}
      </Space>
      <div style={{ display: 'flex', gap: 8, marginTop: 10, justifyContent: 'flex-end' }}>
        {mayClaim(task, user) && (
          <Button size="middle" loading={busy} onClick={stop(onClaim)} data-testid="task-claim">
            {t('tasks.claim')}
          </Button>
        )}
        {mayUnclaim(task, user) && (
          <Button size="middle" loading={busy} onClick={stop(onUnclaim)} data-testid="task-unclaim">
            {t('tasks.unclaim')}
          </Button>
        )}
        <Button type="primary" size="middle" onClick={stop(onOpen)} data-testid="task-open">
          {task.state === 'CREATED' ? t('tasks.open') : t('tasks.view')}
        </Button>
      </div>
    </Card>
  );
}


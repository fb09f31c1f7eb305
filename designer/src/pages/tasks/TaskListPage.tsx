import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Empty, Input, Segmented, Select, Space, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../app/api.js';
import type { Page, UserTask } from '../../app/api-types.js';
import { useAuth } from '../../app/auth.js';
import { useT } from '../../app/i18n/language.js';
import { containing } from '../../app/like-pattern.js';
import { useNow } from '../../app/use-now.js';
import { processLabel, useLatestProcessDefinitions } from '../../app/use-process-definitions.js';
import { TaskCard } from './TaskCard.js';
import { claimTask, unclaimTask } from './task-assignment.js';
import { scopeFilter, TASK_SCOPES, type TaskScope } from './task-scope.js';

const PAGE_SIZE = 20;
type DueFilter = 'any' | 'overdue' | 'today';
type SortBy = 'due' | 'created';

interface Criteria {
  scope: TaskScope;
  state: 'open' | 'done';
  process: string;
  due: DueFilter;
  q: string;
  sort: SortBy;
}

function criteriaOf(params: URLSearchParams): Criteria {
  const scope = params.get('scope');
  const due = params.get('due');
  return {
    scope: TASK_SCOPES.includes(scope as TaskScope) ? (scope as TaskScope) : 'mine',
    state: params.get('state') === 'done' ? 'done' : 'open',
    process: params.get('process') ?? '',
    due: due === 'overdue' || due === 'today' ? due : 'any',
    q: params.get('q') ?? '',
    sort: params.get('sort') === 'created' ? 'created' : 'due',
  };
}

/** The searches for one list; with text, the name and the case number are searched apart and merged. */
function searchBodies(criteria: Criteria, base: Record<string, unknown>, from: number, now: number) {
  const filter: Record<string, unknown> = { ...base, state: criteria.state === 'open' ? 'CREATED' : { $in: ['COMPLETED', 'CANCELED'] } };
  if (criteria.process) filter.processDefinitionId = criteria.process;
  if (criteria.due === 'overdue') filter.dueDate = { $lt: new Date(now).toISOString() };
  if (criteria.due === 'today') filter.dueDate = { $gte: dayjs(now).startOf('day').toISOString(), $lt: dayjs(now).endOf('day').toISOString() };
  const sort =
    criteria.state === 'done'
      ? [{ field: 'completionDate', order: 'DESC' as const }]
      : criteria.sort === 'due'
        ? [{ field: 'dueDate', order: 'ASC' as const }, { field: 'creationDate', order: 'DESC' as const }]
        : [{ field: 'creationDate', order: 'DESC' as const }];
  const page = { from, limit: PAGE_SIZE };
  const q = criteria.q.trim();
  if (!q) return [{ filter, sort, page }];
  return [
    { filter: { ...filter, name: { $like: containing(q) } }, sort, page },
    { filter: { ...filter, businessKey: { $like: containing(q) } }, sort, page },
  ];
}

/** 待办: my tasks, my groups' and my organisation's, with filters; cards so that it works on a phone. */
export default function TaskListPage() {
  const { user } = useAuth();
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const criteria = useMemo(() => criteriaOf(params), [params]);
  const [items, setItems] = useState<UserTask[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [queryText, setQueryText] = useState(criteria.q);
  const processes = useLatestProcessDefinitions();

  const update = (changes: Partial<Criteria>) => {
    const next = { ...criteria, ...changes };
    const out = new URLSearchParams();
    if (next.scope !== 'mine') out.set('scope', next.scope);
    if (next.state !== 'open') out.set('state', next.state);
    if (next.process) out.set('process', next.process);
    if (next.due !== 'any') out.set('due', next.due);
    if (next.q) out.set('q', next.q);
    if (next.sort !== 'due') out.set('sort', next.sort);
    setParams(out, { replace: true });
  };

  const load = useCallback(
    async (from: number) => {
      if (!user) return;
      const base = scopeFilter(criteria.scope, user);
      if (base === null) {
        setItems([]);
        setTotal(0);
        return;
      }
      setLoading(true);
      setError(null);
      try {
        const results = await Promise.all(searchBodies(criteria, base, from, Date.now()).map((body) => api.post<Page<UserTask>>('/v2/user-tasks/search', body)));
        const found = results.flatMap((result) => result.items);
        // With text, two searches may find the same task; a later page may repeat one the list has.
        setItems((previous) => {
          const list = from === 0 ? [] : [...previous];
          const seen = new Set(list.map((task) => task.userTaskKey));
          for (const task of found) if (!seen.has(task.userTaskKey)) (seen.add(task.userTaskKey), list.push(task));
          return list;
        });
        setTotal(Math.max(...results.map((r) => r.page.totalItems)));
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setLoading(false);
      }
    },
    [criteria, user],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  const act = async (task: UserTask, action: 'claim' | 'unclaim') => {
    if (!user) return;
    setBusyKey(task.userTaskKey);
    try {
      if (action === 'claim') await claimTask(task, user);
      else await unclaimTask(task);
      message.success(action === 'claim' ? t('tasks.claimed') : t('tasks.unclaimed'));
      await load(0);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusyKey(null);
    }
  };

  if (!user) return null;
  return (
    <div data-testid="task-list-page">
      <div className="gz-page-header">
        <Typography.Title level={3}>{t('tasks.title')}</Typography.Title>
        <div className="gz-page-header-extra">
          <Button icon={<ReloadOutlined />} onClick={() => void load(0)} loading={loading} aria-label={t('common.refresh')} />
        </div>
      </div>
      <Segmented
        block
        value={criteria.scope}
        onChange={(value) => update({ scope: value as TaskScope })}
        options={TASK_SCOPES.map((s) => ({ value: s, label: <span data-testid={`task-scope-${s}`}>{t(`tasks.scope.${s}`)}</span> }))}
        style={{ marginBottom: 12 }}
      />
      <div className="gz-filters">
        <Input.Search
          allowClear
          placeholder={t('tasks.searchPlaceholder')}
          value={queryText}
          onChange={(e) => setQueryText(e.target.value)}
          onSearch={(value) => update({ q: value })}
          style={{ width: 260 }}
          data-testid="task-search"
        />
        <Select
          value={criteria.state}
          onChange={(state) => update({ state })}
          options={[
            { value: 'open', label: t('tasks.state.open') },
            { value: 'done', label: t('tasks.state.done') },
          ]}
          style={{ width: 110 }}
        />
        <Select
          value={criteria.process}
          onChange={(process) => update({ process })}
          options={[{ value: '', label: t('tasks.anyProcess') }, ...processes.map((p) => ({ value: p.processDefinitionId, label: processLabel(p) }))]}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
        />
        {criteria.state === 'open' && (
          <>
            <Select
              value={criteria.due}
              onChange={(due) => update({ due })}
              options={[
                { value: 'any', label: t('tasks.due.any') },
                { value: 'overdue', label: t('tasks.due.overdue') },
                { value: 'today', label: t('tasks.due.today') },
              ]}
              style={{ width: 120 }}
              data-testid="task-due-filter"
            />
            <Select
              value={criteria.sort}
              onChange={(sort) => update({ sort })}
              options={[
                { value: 'due', label: t('tasks.sort.due') },
                { value: 'created', label: t('tasks.sort.created') },
              ]}
              style={{ width: 130 }}
            />
          </>
        )}
      </div>
      {error && (
        <Typography.Paragraph type="danger" data-testid="task-list-error">
          {t('common.loadFailed', { message: error })}
        </Typography.Paragraph>
      )}
      <Spin spinning={loading && items.length === 0}>
        {items.length === 0 && !loading ? (
          <Empty description={<span>{t('tasks.empty')}</span>} style={{ padding: '40px 0' }} data-testid="task-list-empty">
            <Typography.Text type="secondary">{t('tasks.emptyHint')}</Typography.Text>
          </Empty>
        ) : (
          <Space direction="vertical" size={10} style={{ width: '100%' }}>
            {items.map((task) => (
              <TaskCard
                key={task.userTaskKey}
                task={task}
                user={user}
                now={now}
                busy={busyKey === task.userTaskKey}
                onOpen={() => navigate(`/tasks/${task.userTaskKey}`)}
                onClaim={() => void act(task, 'claim')}
                onUnclaim={() => void act(task, 'unclaim')}
              />
            ))}
          </Space>
        )}
      </Spin>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 12 }}>
        <Typography.Text type="secondary">{t('common.total', { count: total })}</Typography.Text>
        {items.length < total && (
          <Button onClick={() => void load(items.length)} loading={loading}>
            {t('common.loadMore')}
          </Button>
        )}
      </div>
    </div>
  );
}

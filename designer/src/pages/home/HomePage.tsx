import { useEffect, useState } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.js';
import type { Page, ProcessInstance, UserTask } from '../../app/api-types.js';
import { useAuth } from '../../app/auth.js';
import { useT } from '../../app/i18n/language.js';
import { mayOpen, pages } from '../../app/pages.js';
import { myTasksFilter } from '../tasks/task-scope.js';

interface Figures {
  openTasks?: number;
  overdueTasks?: number;
  activeInstances?: number;
  incidentInstances?: number;
}

const count = async (path: string, filter: Record<string, unknown>) =>
  (await api.post<Page<UserTask | ProcessInstance>>(path, { filter, page: { limit: 1 } })).page.totalItems;

/** 首页: a greeting, the caller's headline numbers, and a card per page the role may use. */
export default function HomePage() {
  const { user, can } = useAuth();
  const t = useT();
  const [figures, setFigures] = useState<Figures>({});

  useEffect(() => {
    if (!user) return;
    let alive = true;
    const load = async () => {
      const next: Figures = {};
      const jobs: Array<Promise<void>> = [];
      if (can('tasks:read')) {
        const mine = myTasksFilter(user);
        jobs.push(count('/v2/user-tasks/search', { ...mine, state: 'CREATED' }).then((n) => void (next.openTasks = n)));
        jobs.push(
          count('/v2/user-tasks/search', { ...mine, state: 'CREATED', dueDate: { $lt: new Date().toISOString() } }).then((n) => void (next.overdueTasks = n)),
        );
      }
      if (can('instances:read')) {
        jobs.push(count('/v2/process-instances/search', { state: 'ACTIVE' }).then((n) => void (next.activeInstances = n)));
        jobs.push(count('/v2/process-instances/search', { state: 'ACTIVE', hasIncident: true }).then((n) => void (next.incidentInstances = n)));
      }
      // A figure that fails to load is left out; the shortcuts still work.
      await Promise.allSettled(jobs);
      if (alive) setFigures(next);
    };
    void load();
    return () => {
      alive = false;
    };
  }, [user, can]);

  if (!user) return null;
  const shortcuts = pages.filter((p) => p.nav && p.id !== 'home' && mayOpen(p, user.permissions));
  const stats: Array<{ key: keyof Figures; label: string; to: string; danger?: boolean }> = [
    { key: 'openTasks', label: t('home.openTasks'), to: '/tasks' },
    { key: 'overdueTasks', label: t('home.overdueTasks'), to: '/tasks?due=overdue', danger: true },
    { key: 'activeInstances', label: t('home.activeInstances'), to: '/instances' },
    { key: 'incidentInstances', label: t('home.incidentInstances'), to: '/instances?incidents=1', danger: true },
  ];

  return (
    <div data-testid="home-page">
      <div className="gz-page-header">
        <Typography.Title level={3}>{t('home.greeting', { name: user.username })}</Typography.Title>
        <Typography.Text type="secondary">{t('home.roles', { roles: user.roles.map((r) => t(`role.${r}`)).join('、') })}</Typography.Text>
      </div>
      <Row gutter={[12, 12]} style={{ marginBottom: 20 }}>
        {stats
          .filter((s) => figures[s.key] !== undefined)
          .map((s) => (
            <Col xs={12} md={6} key={s.key}>
              <Link to={s.to}>
                <Card hoverable className="gz-stat-grid">
                  <Statistic
                    title={s.label}
                    value={figures[s.key]}
                    valueStyle={s.danger && (figures[s.key] ?? 0) > 0 ? { color: '#d32f2f' } : undefined}
                  />
                </Card>
              </Link>
            </Col>
          ))}
      </Row>
      <Typography.Title level={5}>{t('home.shortcuts')}</Typography.Title>
      <Row gutter={[12, 12]}>
        {shortcuts.map((p) => {
          const Icon = p.nav!.icon;
          return (
            <Col xs={24} sm={12} lg={8} key={p.id}>
              <Link to={p.nav!.to} data-testid={`shortcut-${p.id}`}>
                <Card hoverable>
                  <Card.Meta
                    avatar={<Icon style={{ fontSize: 26, color: '#1d4ed8' }} />}
                    title={t(p.nav!.labelKey)}
                    description={t(p.nav!.descriptionKey)}
                  />
                </Card>
              </Link>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}

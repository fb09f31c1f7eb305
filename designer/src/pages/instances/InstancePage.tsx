import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, List, Popconfirm, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, RedoOutlined, StopOutlined, WarningFilled } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, ApiError, errorMessage } from '../../app/api.js';
import type { ElementInstance, Incident, ProcessInstanceDetail } from '../../app/api-types.js';
import { useAuth } from '../../app/auth.js';
import { useT } from '../../app/i18n/language.js';
import { BpmnViewer, type DiagramMarks } from '../../components/BpmnViewer.js';
import { JsonView } from '../../components/JsonView.js';
import { StatusTag } from '../../components/StatusTag.js';
import { AuditTrail } from './AuditTrail.js';

function IncidentList({ incidents, onRetried }: { incidents: Incident[]; onRetried: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const retry = async (incident: Incident) => {
    setBusy(incident.incidentKey);
    try {
      await api.post<void>(`/v2/incidents/${incident.incidentKey}/resolution`);
      message.success(t('instances.retried'));
      onRetried();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  if (incidents.length === 0) return <Empty description={t('instances.noIncidents')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      dataSource={incidents}
      data-testid="incident-list"
      renderItem={(incident) => (
        <List.Item
          actions={
            can('instances:modify')
              ? [
                  <Button key="retry" icon={<RedoOutlined />} loading={busy === incident.incidentKey} onClick={() => void retry(incident)} data-testid="incident-retry">
                    {t('instances.retry')}
                  </Button>,
                ]
              : []
          }
        >
          <List.Item.Meta
            avatar={<WarningFilled style={{ color: '#d32f2f', fontSize: 20 }} />}
            title={
              <Space wrap>
                <span>{incident.elementId}</span>
                <Tag color="error">{incident.errorType}</Tag>
              </Space>
            }
            description={
              <>
                <div style={{ wordBreak: 'break-word' }}>{incident.errorMessage}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(incident.creationTime).format('YYYY-MM-DD HH:mm:ss')}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

function VariableTable({ variables }: { variables: Record<string, unknown> }) {
  const t = useT();
  const rows = Object.entries(variables).map(([name, value]) => ({ name, value }));
  return (
    <Table
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="variable-table"
      locale={{ emptyText: t('common.empty') }}
      columns={[
        { title: t('instances.varName'), dataIndex: 'name', key: 'name', width: '30%', render: (name: string) => <Typography.Text code>{name}</Typography.Text> },
        {
          title: t('instances.varValue'),
          dataIndex: 'value',
          key: 'value',
          render: (value: unknown) => (value !== null && typeof value === 'object' ? <JsonView value={value} /> : <span style={{ wordBreak: 'break-all' }}>{JSON.stringify(value)}</span>),
        },
      ]}
    />
  );
}

function ElementHistory({ elements, selected }: { elements: ElementInstance[]; selected: string | null }) {
  const t = useT();
  const shown = selected ? elements.filter((e) => e.elementId === selected) : elements;
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={shown.length > 50 ? { pageSize: 50 } : false}
      dataSource={shown}
      scroll={{ x: true }}
      data-testid="element-history"
      columns={[
        { title: t('instances.element'), dataIndex: 'elementId', key: 'elementId' },
        { title: t('instances.elementType'), dataIndex: 'elementType', key: 'elementType' },
        { title: t('instances.state'), dataIndex: 'state', key: 'state', render: (s: string) => <StatusTag state={s} /> },
        { title: t('instances.started'), dataIndex: 'startDate', key: 'startDate', render: (v: string) => dayjs(v).format('MM-DD HH:mm:ss') },
        { title: t('instances.ended'), dataIndex: 'endDate', key: 'endDate', render: (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm:ss') : '—') },
      ]}
    />
  );
}

/** 实例详情: the diagram with the path taken, variables, incidents with retry, element history, audit trail, cancel. */
export default function InstancePage() {
  const { processInstanceKey = '' } = useParams();
  const { can } = useAuth();
  const t = useT();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<ProcessInstanceDetail | null>(null);
  const [xml, setXml] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState('variables');
  const [canceling, setCanceling] = useState(false);
  const [auditGeneration, setAuditGeneration] = useState(0);

  const load = useCallback(async () => {
    try {
      const loaded = await api.get<ProcessInstanceDetail>(`/v2/process-instances/${processInstanceKey}`);
      setDetail(loaded);
      setError(null);
      setAuditGeneration((g) => g + 1);
      return loaded;
    } catch (e) {
      setError(e as Error);
      return null;
    }
  }, [processInstanceKey]);

  useEffect(() => {
    let alive = true;
    void load().then((loaded) => {
      if (!loaded || !alive) return;
      api
        .getText(`/v2/process-definitions/${loaded.processDefinitionKey}/xml`)
        .then((text) => alive && setXml(text))
        .catch((e) => alive && setError(e as Error));
    });
    return () => {
      alive = false;
    };
  }, [load]);

  const marks = useMemo<DiagramMarks>(
    () =>
      detail
        ? {
            completed: detail.completedElementIds,
            active: detail.activeElementIds,
            incidents: detail.incidents.map((i) => i.elementId),
            takenFlows: detail.takenSequenceFlowIds,
          }
        : {},
    [detail],
  );

  const cancel = async () => {
    setCanceling(true);
    try {
      await api.post<void>(`/v2/process-instances/${processInstanceKey}/cancellation`, {});
      message.success(t('instances.canceled'));
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setCanceling(false);
    }
  };

  if (error) {
    const status = error instanceof ApiError && (error.status === 404 || error.status === 403) ? String(error.status) : 'error';
    return (
      <Result
        status={status as '404' | '403' | 'error'}
        title={error.message}
        extra={
          <Link to="/instances">
            <Button type="primary">{t('common.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (!detail) return <Spin style={{ display: 'block', padding: 60 }} />;

  return (
    <div data-testid="instance-page" data-instance-key={detail.processInstanceKey} data-state={detail.state}>
      <div className="gz-page-header">
        <Link to="/instances" aria-label={t('common.back')}>
          <Button type="text" icon={<ArrowLeftOutlined />} />
        </Link>
        <Typography.Title level={4} style={{ flex: '1 1 200px', minWidth: 0 }}>
          {detail.processDefinitionName ?? detail.processDefinitionId}
          <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
            v{detail.processDefinitionVersion} · {detail.processInstanceKey}
          </Typography.Text>
        </Typography.Title>
        <Space wrap size={4}>
          <StatusTag state={detail.state} />
          {detail.hasIncident && (
            <Tag color="error" icon={<WarningFilled />}>
              {t('status.INCIDENT')}
            </Tag>
          )}
        </Space>
        <div className="gz-page-header-extra">
          {can('instances:cancel') && detail.state === 'ACTIVE' && (
            <Popconfirm title={t('instances.cancel')} description={t('instances.cancelConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => cancel()}>
              <Button danger icon={<StopOutlined />} loading={canceling} data-testid="instance-cancel">
                {t('instances.cancel')}
              </Button>
            </Popconfirm>
          )}
        </div>
      </div>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('instances.businessKey')}>{detail.businessKey ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('instances.org')}>{detail.orgId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('instances.started')}>{dayjs(detail.startDate).format('YYYY-MM-DD HH:mm:ss')}</Descriptions.Item>
          <Descriptions.Item label={t('instances.ended')}>{detail.endDate ? dayjs(detail.endDate).format('YYYY-MM-DD HH:mm:ss') : '—'}</Descriptions.Item>
          {detail.parentProcessInstanceKey && (
            <Descriptions.Item label={t('instances.parent')}>
              <Link to={`/instances/${detail.parentProcessInstanceKey}`}>{detail.parentProcessInstanceKey}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {detail.incidents.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={`${t('instances.incidents')}: ${detail.incidents.map((i) => i.elementId).join(', ')}`}
          action={
            <Button size="small" onClick={() => setTab('incidents')}>
              {t('common.details')}
            </Button>
          }
        />
      )}

      <Card size="small" title={t('instances.diagram')} style={{ marginBottom: 16 }} data-testid="instance-diagram" data-completed={detail.completedElementIds.join(' ')} data-taken={detail.takenSequenceFlowIds.join(' ')}>
        {xml ? (
          <BpmnViewer
            xml={xml}
            marks={marks}
            onElementClick={(id) => {
              setSelected((current) => (current === id ? null : id));
              setTab('history');
            }}
          />
        ) : (
          <Spin />
        )}
      </Card>

      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'variables', label: t('instances.variables'), children: <VariableTable variables={detail.variables} /> },
            {
              key: 'incidents',
              label: (
                <span>
                  {t('instances.incidents')}
                  {detail.incidents.length > 0 && (
                    <Tag color="error" style={{ marginLeft: 6 }}>
                      {detail.incidents.length}
                    </Tag>
                  )}
                </span>
              ),
              children: <IncidentList incidents={detail.incidents} onRetried={() => void load()} />,
            },
            {
              key: 'history',
              label: t('instances.history'),
              children: (
                <>
                  {selected && (
                    <Tag closable onClose={() => setSelected(null)} style={{ marginBottom: 8 }}>
                      {selected}
                    </Tag>
                  )}
                  <ElementHistory elements={detail.elementInstances} selected={selected} />
                </>
              ),
            },
            {
              key: 'audit',
              label: t('instances.audit'),
              children: can('audit:read') ? (
                <AuditTrail processInstanceKey={detail.processInstanceKey} generation={auditGeneration} />
              ) : (
                <Typography.Text type="secondary">{t('instances.noAuditRight')}</Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

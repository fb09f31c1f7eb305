import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, DatePicker, Grid, Input, Select, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, WarningFilled } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../app/api.js';
import type { Page, ProcessInstance } from '../../app/api-types.js';
import { useT } from '../../app/i18n/language.js';
import { processLabel, useLatestProcessDefinitions } from '../../app/use-process-definitions.js';
import { StatusTag } from '../../components/StatusTag.js';
import { criteriaParams, instanceCriteria, instanceSearchRequest, type InstanceCriteria } from './instance-search.js';

/** 实例: search and filter process instances; a row opens the instance. */
export default function InstanceListPage() {
  const t = useT();
  const navigate = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const criteria = useMemo(() => instanceCriteria(params), [params]);
  const [result, setResult] = useState<Page<ProcessInstance>>({ items: [], page: { totalItems: 0 } });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState(criteria.q);
  const [generation, setGeneration] = useState(0);
  const processes = useLatestProcessDefinitions();

  const update = (changes: Partial<InstanceCriteria>) =>
    setParams(criteriaParams({ ...criteria, page: 1, ...changes }), { replace: true });

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    api
      .post<Page<ProcessInstance>>('/v2/process-instances/search', instanceSearchRequest(criteria))
      .then((page) => alive && setResult(page))
      .catch((e) => alive && setError(errorMessage(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [criteria, generation]);

  const columns = [
    {
      title: t('instances.process'),
      key: 'process',
      render: (_: unknown, row: ProcessInstance) => (
        <Link to={`/instances/${row.processInstanceKey}`} data-testid="instance-link">
          {row.processDefinitionName ?? row.processDefinitionId}
        </Link>
      ),
    },
    ...(mobile ? [] : [{ title: t('instances.key'), dataIndex: 'processInstanceKey', key: 'key' }]),
    { title: t('instances.businessKey'), dataIndex: 'businessKey', key: 'businessKey', render: (v: string | null) => v ?? '—' },
    ...(mobile ? [] : [{ title: t('instances.version'), dataIndex: 'processDefinitionVersion', key: 'version', width: 70 }]),
    {
      title: t('instances.state'),
      key: 'state',
      render: (_: unknown, row: ProcessInstance) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <StatusTag state={row.state} />
          {row.hasIncident && (
            <Tag color="error" icon={<WarningFilled />}>
              {t('status.INCIDENT')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('instances.started'), dataIndex: 'startDate', key: 'startDate', render: (v: string) => dayjs(v).format(mobile ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm') },
    ...(mobile ? [] : [{ title: t('instances.ended'), dataIndex: 'endDate', key: 'endDate', render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—') }]),
    ...(mobile ? [] : [{ title: t('instances.org'), dataIndex: 'orgId', key: 'orgId', render: (v: string | null) => v ?? '—' }]),
  ];

  return (
    <div data-testid="instance-list-page">
      <div className="gz-page-header">
        <Typography.Title level={3}>{t('instances.title')}</Typography.Title>
        <div className="gz-page-header-extra">
          <Button icon={<ReloadOutlined />} onClick={() => setGeneration((g) => g + 1)} loading={loading} aria-label={t('common.refresh')} />
        </div>
      </div>
      <div className="gz-filters">
        <Input.Search
          allowClear
          placeholder={t('instances.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(q) => update({ q })}
          style={{ width: 240 }}
          data-testid="instance-search"
        />
        <Select
          value={criteria.process}
          onChange={(process) => update({ process })}
          options={[{ value: '', label: t('tasks.anyProcess') }, ...processes.map((p) => ({ value: p.processDefinitionId, label: processLabel(p) }))]}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
        />
        <Select
          value={criteria.state}
          onChange={(state) => update({ state })}
          options={[
            { value: '', label: t('common.all') },
            { value: 'ACTIVE', label: t('status.ACTIVE') },
            { value: 'COMPLETED', label: t('status.COMPLETED') },
            { value: 'TERMINATED', label: t('status.TERMINATED') },
          ]}
          style={{ width: 120 }}
        />
        <DatePicker.RangePicker
          value={[criteria.from ? dayjs(criteria.from) : null, criteria.to ? dayjs(criteria.to) : null]}
          onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD') ?? '', to: range?.[1]?.format('YYYY-MM-DD') ?? '' })}
          allowEmpty={[true, true]}
        />
        <Checkbox checked={criteria.incidents} onChange={(e) => update({ incidents: e.target.checked })} style={{ alignSelf: 'center' }}>
          {t('instances.onlyIncidents')}
        </Checkbox>
      </div>
      {error && <Typography.Paragraph type="danger">{t('common.loadFailed', { message: error })}</Typography.Paragraph>}
      <Table<ProcessInstance>
        rowKey="processInstanceKey"
        size={mobile ? 'small' : 'middle'}
        loading={loading}
        columns={columns}
        dataSource={result.items}
        locale={{ emptyText: t('instances.empty') }}
        onRow={(row) => ({ onClick: () => navigate(`/instances/${row.processInstanceKey}`), style: { cursor: 'pointer' } })}
        scroll={{ x: true }}
        pagination={{
          current: criteria.page,
          pageSize: criteria.pageSize,
          total: result.page.totalItems,
          showSizeChanger: !mobile,
          simple: mobile,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => setParams(criteriaParams({ ...criteria, page, pageSize }), { replace: true }),
        }}
      />
    </div>
  );
}

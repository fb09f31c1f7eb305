import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Select, Spin, Statistic, Typography } from 'antd';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, ApiError, errorMessage } from '../../app/api.js';
import { useT } from '../../app/i18n/language.js';
import { processLabel, useLatestProcessDefinitions } from '../../app/use-process-definitions.js';
import { dashboardFigures, percent, type Chart, type Figure } from './dashboard-figures.js';

function FigureCard({ figure }: { figure: Figure }) {
  if (figure.kind === 'rate') return <Statistic title={figure.label} value={percent(figure.value)} suffix="%" precision={1} />;
  return <Statistic title={figure.label} value={figure.value} suffix={figure.unit} precision={Number.isInteger(figure.value) ? 0 : 1} />;
}

function ChartCard({ chart }: { chart: Chart }) {
  const height = chart.kind === 'bar' ? Math.max(220, Math.min(chart.points.length, 12) * 28) : 240;
  return (
    <Card size="small" title={chart.label} data-testid="dashboard-chart">
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          {chart.kind === 'line' ? (
            <LineChart data={chart.points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" fontSize={11} />
              <YAxis fontSize={11} allowDecimals={false} />
              <Tooltip />
              <Line type="monotone" dataKey="value" stroke="#1d4ed8" strokeWidth={2} dot={false} />
            </LineChart>
          ) : (
            <BarChart data={chart.points} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" fontSize={11} allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={110} fontSize={11} />
              <Tooltip />
              <Bar dataKey="value" fill="#1d4ed8" radius={[0, 4, 4, 0]} />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

/** 看板: a process's dashboard figures as numbers and charts, or an empty state while the service has none. */
export default function DashboardPage() {
  const t = useT();
  const navigate = useNavigate();
  const { processId } = useParams();
  const processes = useLatestProcessDefinitions();
  const [data, setData] = useState<unknown>(undefined);
  const [state, setState] = useState<'idle' | 'loading' | 'ready' | 'unavailable' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const chosen = processId ?? processes[0]?.processDefinitionId;

  useEffect(() => {
    if (!chosen) return;
    let alive = true;
    setState('loading');
    api
      .get<unknown>(`/v2/dashboards/${encodeURIComponent(chosen)}`)
      .then((result) => alive && (setData(result), setState('ready')))
      .catch((e) => {
        if (!alive) return;
        // 404: no dashboard service yet, or nothing for this process; 501 likewise.
        if (e instanceof ApiError && (e.status === 404 || e.status === 501 || e.status === 405)) setState('unavailable');
        else (setError(errorMessage(e)), setState('error'));
      });
    return () => {
      alive = false;
    };
  }, [chosen]);

  const figures = useMemo(() => (state === 'ready' ? dashboardFigures(data) : null), [data, state]);
  const empty = figures && figures.figures.length === 0 && figures.charts.length === 0;

  return (
    <div data-testid="dashboard-page">
      <div className="gz-page-header">
        <Typography.Title level={3}>{t('dashboards.title')}</Typography.Title>
        <div className="gz-page-header-extra">
          <Select
            value={chosen}
            placeholder={t('dashboards.pickProcess')}
            onChange={(id) => navigate(`/dashboards/${encodeURIComponent(id)}`)}
            options={processes.map((p) => ({ value: p.processDefinitionId, label: processLabel(p) }))}
            style={{ minWidth: 220 }}
            popupMatchSelectWidth={false}
            data-testid="dashboard-process"
          />
        </div>
      </div>
      {!chosen && <Empty description={t('dashboards.noProcesses')} />}
      {state === 'loading' && <Spin style={{ display: 'block', padding: 60 }} />}
      {state === 'error' && <Alert type="error" showIcon message={t('common.loadFailed', { message: error ?? '' })} />}
      {(state === 'unavailable' || empty) && (
        <Empty data-testid="dashboard-empty" description={t('dashboards.unavailable')} style={{ padding: '48px 0' }}>
          <Typography.Text type="secondary">{t('dashboards.unavailableHint')}</Typography.Text>
        </Empty>
      )}
      {figures && !empty && (
        <>
          {figures.generatedAt && (
            <Typography.Paragraph type="secondary">{t('dashboards.generatedAt', { time: dayjs(figures.generatedAt).format('YYYY-MM-DD HH:mm') })}</Typography.Paragraph>
          )}
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {figures.figures.map((figure) => (
              <Col xs={12} md={8} xl={6} key={figure.key}>
                <Card size="small" data-testid="dashboard-figure">
                  <FigureCard figure={figure} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            {figures.charts.map((chart) => (
              <Col xs={24} lg={12} key={chart.key}>
                <ChartCard chart={chart} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </div>
  );
}

import { Button, Card, Col, Descriptions, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, NodeIndexOutlined } from '@ant-design/icons';
import { usePageT } from '../../app/i18n/language.js';
import type { ProcessReport, ScenarioReport, WhatIfReport } from '../../../../engine/src/simulation/simulation-report.js';
import { simulationMessages } from './i18n.js';
import { percentText } from './percent-text.js';

type T = ReturnType<typeof usePageT<keyof typeof simulationMessages.zh>>;

function Json({ value }: { value: unknown }) {
  return <pre className="gz-json">{value === undefined ? '—' : JSON.stringify(value, null, 2)}</pre>;
}

function Failure({ scenario, t }: { scenario: ScenarioReport; t: T }) {
  const failure = scenario.failure!;
  return (
    <div data-testid="scenario-failure" style={{ marginTop: 8 }}>
      <Typography.Paragraph type="danger" style={{ marginBottom: 8 }}>
        <b>{failure.step === 0 ? t('failureStart') : t('failureStep', { step: failure.step, action: failure.action })}</b>：{failure.message}
      </Typography.Paragraph>
      {(failure.expected !== undefined || failure.found !== undefined) && (
        <Row gutter={8}>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('expected')}</Typography.Text>
            <Json value={failure.expected} />
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('found')}</Typography.Text>
            <Json value={failure.found} />
          </Col>
        </Row>
      )}
      <Typography.Text type="secondary">{t('pathSoFar')}</Typography.Text>
      <div className="gz-sim-path" data-testid="scenario-failure-path">
        {scenario.path.join(' → ') || '—'}
      </div>
    </div>
  );
}

function WhatIf({ report, t }: { report: WhatIfReport; t: T }) {
  const widest = Math.max(...report.endEvents.map((e) => e.share), 0.0001);
  return (
    <div data-testid="what-if" style={{ marginTop: 8 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('completedCases', { completed: report.completed, open: report.notCompleted, incidents: report.withIncidents })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Table
            size="small"
            pagination={false}
            rowKey="endEvent"
            title={() => t('endEvents')}
            dataSource={report.endEvents}
            data-testid="what-if-end-events"
            columns={[
              { title: t('endEvent'), dataIndex: 'endEvent' },
              { title: t('cases'), dataIndex: 'cases', align: 'right' },
              {
                title: t('share'),
                dataIndex: 'share',
                render: (share: number) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <span className="gz-sim-bar" style={{ width: `${Math.round((share / widest) * 80)}px` }} />
                    {percentText(share)}
                  </span>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Descriptions size="small" bordered column={2} title={t('cycleTime')} data-testid="what-if-cycle-time">
            {report.cycleTime ? (
              <>
                <Descriptions.Item label={t('p50')}>{report.cycleTime.p50}</Descriptions.Item>
                <Descriptions.Item label={t('p90')}>{report.cycleTime.p90}</Descriptions.Item>
                <Descriptions.Item label={t('mean')}>{report.cycleTime.mean}</Descriptions.Item>
                <Descriptions.Item label={t('max')}>{report.cycleTime.max}</Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label={t('cycleTime')}>{t('noneCompleted')}</Descriptions.Item>
            )}
          </Descriptions>
          {report.waitingAt.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('waitingAt')}：{report.waitingAt.map((w) => `${w.elementId} × ${w.cases}`).join('，')}
            </Typography.Paragraph>
          )}
        </Col>
        {report.deadlines.length > 0 && (
          <Col xs={24}>
            <Table
              size="small"
              pagination={false}
              rowKey={(d) => `${d.kind}:${d.id}`}
              title={() => t('deadlines')}
              dataSource={report.deadlines}
              data-testid="what-if-deadlines"
              columns={[
                { title: t('deadline'), dataIndex: 'id' },
                { title: t('deadlineKind'), dataIndex: 'kind', render: (kind: WhatIfReport['deadlines'][number]['kind']) => t(`kind.${kind}`) },
                { title: t('breached'), dataIndex: 'breached', align: 'right' },
                { title: t('share'), dataIndex: 'share', align: 'right', render: (share: number) => percentText(share) },
              ]}
            />
          </Col>
        )}
      </Row>
    </div>
  );
}

export interface SimulationResultsProps {
  processes: ProcessReport[];
  onStepThrough(scenario: ScenarioReport): void;
  stepping: ScenarioReport | null;
  /** Only this process's scenarios can be stepped through: the diagram shown is its. */
  diagramProcessId: string;
}

/** Per process: passed and failed scenarios, coverage as numbers; per scenario its failure or what-if figures. */
export function SimulationResults({ processes, onStepThrough, stepping, diagramProcessId }: SimulationResultsProps) {
  const t = usePageT(simulationMessages);
  if (processes.length === 0) return <Empty description={t('noReport')} />;
  return (
    <div data-testid="simulation-results">
      {processes.map((process) => (
        <Card
          key={process.bpmnProcessId}
          size="small"
          style={{ marginBottom: 12 }}
          title={process.bpmnProcessId}
          data-testid="simulation-process"
          data-process-id={process.bpmnProcessId}
          data-passed={process.passed}
          data-failed={process.failed}
          data-element-coverage={process.elementCoverage}
          data-flow-coverage={process.flowCoverage}
        >
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('passed')} value={process.passed} valueStyle={{ color: '#2e7d32' }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('failed')} value={process.failed} valueStyle={{ color: process.failed > 0 ? '#d32f2f' : undefined }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('elementCoverage')} value={percentText(process.elementCoverage)} />
              <Typography.Text type="secondary">{t('covered', { taken: process.takenElements.length, total: process.takenElements.length + process.untakenElements.length })}</Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('flowCoverage')} value={percentText(process.flowCoverage)} />
              <Typography.Text type="secondary">{t('covered', { taken: process.takenFlows.length, total: process.takenFlows.length + process.untakenFlows.length })}</Typography.Text>
            </Col>
          </Row>
          {process.scenarios.map((scenario) => (
            <div key={`${scenario.file}:${scenario.name}`} className="gz-sim-scenario" data-testid="scenario-result" data-passed={String(scenario.passed)} data-name={scenario.name}>
              <div className="gz-sim-scenario-head">
                {scenario.passed ? <CheckCircleFilled style={{ color: '#2e7d32' }} /> : <CloseCircleFilled style={{ color: '#d32f2f' }} />}
                <span className="gz-sim-scenario-name">{scenario.name}</span>
                {scenario.whatIf && <Tag color="purple">{t('whatIf', { runs: scenario.whatIf.runs })}</Tag>}
                <Tag color={scenario.passed ? 'success' : 'error'}>{scenario.passed ? t('passed') : t('failed')}</Tag>
                {scenario.path.length > 0 && process.bpmnProcessId === diagramProcessId && (
                  <Button size="small" type={stepping === scenario ? 'primary' : 'default'} icon={<NodeIndexOutlined />} onClick={() => onStepThrough(scenario)} data-testid="scenario-step-through">
                    {t('stepThrough')}
                  </Button>
                )}
              </div>
              {scenario.failure && <Failure scenario={scenario} t={t} />}
              {scenario.whatIf && <WhatIf report={scenario.whatIf} t={t} />}
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}

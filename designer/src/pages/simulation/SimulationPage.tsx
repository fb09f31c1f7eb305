import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Empty, Input, Popconfirm, Row, Select, Space, Spin, Typography } from 'antd';
import { DownloadOutlined, FileAddOutlined, PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../app/api.js';
import { useLanguage, usePageT } from '../../app/i18n/language.js';
import { processLabel, useLatestProcessDefinitions } from '../../app/use-process-definitions.js';
import { downloadTextFile } from '../process-design/text-file-download.js';
import type { ProcessReport, ScenarioReport, SimulationReport } from '../../../../engine/src/simulation/simulation-report.js';
import { CoverageDiagram } from './CoverageDiagram.js';
import { SimulationResults } from './SimulationResults.js';
import { newScenarioTemplate, scenarioFileName } from './scenario-template.js';
import { loadScenarios, saveScenarios } from './scenario-storage.js';
import { simulationInputProblems, type InputProblem } from './simulation-problems.js';
import { simulationMessages } from './i18n.js';
import './simulation.css';

/** What the last run gave: a report, the problems the server found in the file, or another failure. */
type RunOutcome = { kind: 'report'; report: SimulationReport } | { kind: 'problems'; problems: InputProblem[] } | { kind: 'error'; message: string };

/**
 * 模拟: pick a deployed process, edit its scenario file, run it on the server's simulator (virtual time, fresh store
 * per scenario), and read the results: pass/fail per scenario, coverage painted on the diagram, one scenario's path
 * stepped through, what-if distributions.
 */
export default function SimulationPage() {
  const t = usePageT(simulationMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const processId = useParams()['*'] ?? '';
  const definitions = useLatestProcessDefinitions();
  const definition = definitions.find((d) => d.processDefinitionId === processId);

  const [xml, setXml] = useState<string | null>(null);
  const [xmlError, setXmlError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [stepping, setStepping] = useState<ScenarioReport | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileName = processId ? scenarioFileName(processId) : '';

  // A process picked: its last edited scenarios, or the template; the previous process's results go.
  useEffect(() => {
    setOutcome(null);
    setStepping(null);
    if (!processId) return setText('');
    setText(loadScenarios(localStorage, processId) ?? newScenarioTemplate(processId, language));
    // The template's language is chosen once, when no scenarios were kept; switching language later keeps the text.
  }, [processId]);

  useEffect(() => {
    setXml(null);
    setXmlError(null);
    if (!definition) return;
    let alive = true;
    api
      .getText(`/v2/process-definitions/${definition.processDefinitionKey}/xml`)
      .then((loaded) => alive && setXml(loaded))
      .catch((e: unknown) => alive && setXmlError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [definition?.processDefinitionKey]);

  const edit = useCallback(
    (next: string) => {
      setText(next);
      if (processId && !saveScenarios(localStorage, processId, next)) message.warning(t('storageFull'));
    },
    [processId, message, t],
  );

  const upload = async (file: File) => {
    try {
      edit(await file.text());
      message.success(t('uploaded', { name: file.name }));
    } catch (e) {
      message.error(t('uploadFailed', { message: errorMessage(e) }));
    }
  };

  const run = async () => {
    setRunning(true);
    setStepping(null);
    try {
      const report = await api.post<SimulationReport>('/v2/simulations', { scenarioFiles: [{ name: fileName, content: text }] });
      setOutcome({ kind: 'report', report });
    } catch (e) {
      const problems = simulationInputProblems(e, [fileName]);
      setOutcome(problems.length > 0 ? { kind: 'problems', problems } : { kind: 'error', message: errorMessage(e) });
    } finally {
      setRunning(false);
    }
  };

  const report = outcome?.kind === 'report' ? outcome.report : null;
  const processReport: ProcessReport | null = useMemo(() => report?.processes.find((p) => p.bpmnProcessId === processId) ?? null, [report, processId]);

  return (
    <div data-testid="simulation-page">
      <div className="gz-page-header">
        <Typography.Title level={4}>{t('title')}</Typography.Title>
        <div className="gz-page-header-extra">
          <Select
            showSearch
            style={{ minWidth: 280, maxWidth: '100%' }}
            placeholder={t('pickProcess')}
            value={processId || undefined}
            notFoundContent={t('noProcesses')}
            optionFilterProp="label"
            options={definitions.map((d) => ({ value: d.processDefinitionId, label: `${processLabel(d)} · ${t('version', { version: d.version })}` }))}
            onChange={(id: string) => navigate(`/simulation/${encodeURIComponent(id)}`)}
            data-testid="simulation-process-select"
            aria-label={t('process')}
          />
        </div>
      </div>

      {!processId ? (
        <Card>
          <Empty description={t('pickProcess')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Card size="small" title={t('diagram')}>
              {xmlError && <Alert type="error" showIcon message={xmlError} />}
              {xml ? (
                <CoverageDiagram xml={xml} report={processReport} stepping={stepping} onStopStepping={() => setStepping(null)} />
              ) : (
                !xmlError && <Spin style={{ display: 'block', padding: 40 }} />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('scenarios')}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('editorHint', { file: fileName })}
              </Typography.Paragraph>
              <div className="gz-sim-toolbar">
                <Popconfirm title={t('newTemplateConfirm')} onConfirm={() => edit(newScenarioTemplate(processId, language))}>
                  <Button icon={<FileAddOutlined />} data-testid="scenario-template">
                    {t('newTemplate')}
                  </Button>
                </Popconfirm>
                <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()} data-testid="scenario-upload">
                  {t('upload')}
                </Button>
                <input
                  ref={fileInput}
                  type="file"
                  accept=".yaml,.yml,.json"
                  style={{ display: 'none' }}
                  data-testid="scenario-file-input"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    event.target.value = '';
                    if (file) void upload(file);
                  }}
                />
                <Button icon={<DownloadOutlined />} onClick={() => downloadTextFile(fileName, text, 'application/yaml')} data-testid="scenario-download">
                  {t('download')}
                </Button>
              </div>
              <Input.TextArea
                className="gz-sim-editor"
                value={text}
                onChange={(event) => edit(event.target.value)}
                autoSize={{ minRows: 18, maxRows: 36 }}
                spellCheck={false}
                wrap="off"
                aria-label={t('scenarios')}
                data-testid="scenario-editor"
              />
              <Space style={{ marginTop: 12 }}>
                <Button type="primary" icon={<PlayCircleOutlined />} loading={running} disabled={!text.trim()} onClick={() => void run()} data-testid="simulation-run">
                  {running ? t('running') : t('run')}
                </Button>
              </Space>
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('results')}>
              <Spin spinning={running} tip={t('running')}>
                {outcome?.kind === 'problems' && (
                  <Alert
                    type="error"
                    showIcon
                    data-testid="simulation-problems"
                    message={t('inputProblems', { count: outcome.problems.length })}
                    description={
                      <ul className="gz-sim-problems">
                        {outcome.problems.map((p, i) => (
                          <li key={i} data-testid="simulation-problem">
                            <code>{[p.file, p.path].filter(Boolean).join(' · ')}</code>：{p.message}
                          </li>
                        ))}
                      </ul>
                    }
                  />
                )}
                {outcome?.kind === 'error' && <Alert type="error" showIcon data-testid="simulation-error" message={t('runFailed', { message: outcome.message })} />}
                {report && !processReport && report.processes.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    message={t('otherProcess', { processes: report.processes.map((p) => p.bpmnProcessId).join('、'), selected: processId })}
                  />
                )}
                {outcome?.kind !== 'problems' && outcome?.kind !== 'error' && (
                  <SimulationResults
                    processes={report?.processes ?? []}
                    stepping={stepping}
                    diagramProcessId={processId}
                    onStepThrough={setStepping}
                  />
                )}
              </Spin>
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined, RollbackOutlined } from '@ant-design/icons';
import { BpmnViewer, type DiagramMarks } from '../../components/BpmnViewer.js';
import { usePageT } from '../../app/i18n/language.js';
import type { ProcessReport, ScenarioReport } from '../../../../engine/src/simulation/simulation-report.js';
import { untakenCoverageCss } from './coverage-paint.js';
import { pathSteps } from './path-walk.js';
import { simulationMessages } from './i18n.js';
import './simulation.css';

const SCOPE = 'gz-sim-diagram';

/** Element names from the BPMN XML, so a step shows 受理 rather than Activity_Intake; ids stand in where there is none. */
function elementNames(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of Array.from(doc.getElementsByTagName('*'))) {
    const id = element.getAttribute('id');
    const name = element.getAttribute('name');
    if (id && name) names.set(id, name.replace(/\s+/g, ' ').trim());
  }
  return names;
}

export interface CoverageDiagramProps {
  xml: string;
  /** The selected process's part of the last report; null before a run. */
  report: ProcessReport | null;
  /** The scenario being stepped through, or null for the coverage view. */
  stepping: ScenarioReport | null;
  onStopStepping(): void;
}

/**
 * The process diagram with the run painted on it: coverage (taken elements and flows coloured, untaken grey), or one
 * scenario's path stepped through element by element.
 */
export function CoverageDiagram({ xml, report, stepping, onStopStepping }: CoverageDiagramProps) {
  const t = usePageT(simulationMessages);
  const names = useMemo(() => elementNames(xml), [xml]);
  const flowIds = useMemo(() => new Set([...(report?.takenFlows ?? []), ...(report?.untakenFlows ?? [])]), [report]);
  const steps = useMemo(() => (stepping ? pathSteps(stepping.path, flowIds) : []), [stepping, flowIds]);
  const [index, setIndex] = useState(0);
  useEffect(() => setIndex(0), [stepping]);

  const current = stepping ? steps[Math.min(index, steps.length - 1)] : undefined;
  const coverageMarks = useMemo<DiagramMarks>(() => (report ? { completed: report.takenElements, takenFlows: report.takenFlows } : {}), [report]);
  const marks = stepping ? (current?.marks ?? {}) : coverageMarks;
  const css = useMemo(() => (report && !stepping ? untakenCoverageCss(SCOPE, report.untakenElements, report.untakenFlows) : ''), [report, stepping]);
  const label = (id: string) => (names.has(id) ? `${names.get(id)}（${id}）` : id);

  return (
    <div
      className={SCOPE}
      data-testid="simulation-diagram"
      data-mode={stepping ? 'step' : report ? 'coverage' : 'plain'}
      data-taken={report && !stepping ? report.takenElements.join(' ') : undefined}
      data-untaken={report && !stepping ? report.untakenElements.join(' ') : undefined}
      data-step-element={current?.elementId}
    >
      {css && <style data-testid="simulation-coverage-style">{css}</style>}
      {stepping && (
        <div className="gz-sim-stepper">
          <Typography.Text strong ellipsis style={{ flex: '1 1 200px', minWidth: 0 }}>
            {t('stepView', { name: stepping.name })}
          </Typography.Text>
          <Space wrap size={4}>
            <Button size="small" icon={<LeftOutlined />} disabled={!current || index === 0} onClick={() => setIndex((i) => i - 1)} data-testid="step-prev">
              {t('prev')}
            </Button>
            <Button size="small" disabled={!current || index >= steps.length - 1} onClick={() => setIndex((i) => i + 1)} data-testid="step-next">
              {t('next')}
              <RightOutlined />
            </Button>
            <Button size="small" icon={<RollbackOutlined />} onClick={onStopStepping} data-testid="step-stop">
              {t('backToCoverage')}
            </Button>
          </Space>
          <div className="gz-sim-step-label" data-testid="step-label">
            {current ? t('stepOf', { index: index + 1, total: steps.length, element: label(current.elementId) }) : t('emptyPath')}
          </div>
        </div>
      )}
      <BpmnViewer xml={xml} marks={marks} />
      {report && !stepping && (
        <div className="gz-legend">
          <span>
            <span className="gz-legend-swatch" style={{ borderColor: '#2e7d32', background: '#e8f5e9' }} />
            {t('legendTaken')}
          </span>
          <span>
            <span className="gz-legend-swatch" style={{ borderColor: '#b4b9c2', background: '#f1f2f4' }} />
            {t('legendUntaken')}
          </span>
        </div>
      )}
      {stepping && (
        <div className="gz-legend">
          <span>
            <span className="gz-legend-swatch" style={{ borderColor: '#1d4ed8', background: '#e3ecff' }} />
            {t('legendCurrent')}
          </span>
        </div>
      )}
    </div>
  );
}

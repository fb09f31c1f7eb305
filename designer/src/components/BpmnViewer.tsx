import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Tooltip } from 'antd';
import { ExpandOutlined } from '@ant-design/icons';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { errorMessage } from '../app/api.js';
import { useT } from '../app/i18n/language.js';

/** Where a case stands, painted on its diagram (classes styled in app.css). */
export interface DiagramMarks {
  completed?: readonly string[];
  active?: readonly string[];
  incidents?: readonly string[];
  takenFlows?: readonly string[];
}

export const MARKER_CLASSES = { completed: 'gz-completed', active: 'gz-active', incidents: 'gz-incident', takenFlows: 'gz-taken' } as const;

interface Canvas {
  zoom(level: 'fit-viewport', center?: 'auto'): number;
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

export interface BpmnViewerProps {
  xml: string;
  marks?: DiagramMarks;
  compact?: boolean;
  /** Called with the id of a clicked element. */
  onElementClick?: (elementId: string) => void;
}

/** A read-only, pannable and zoomable BPMN diagram with the case's path marked. */
export function BpmnViewer({ xml, marks, compact, onElementClick }: BpmnViewerProps) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState(0);
  const clickHandler = useRef(onElementClick);
  clickHandler.current = onElementClick;

  useEffect(() => {
    const instance = new NavigatedViewer({ container: container.current! });
    viewer.current = instance;
    instance.on('element.click', (event: { element: { id: string; type: string } }) => {
      if (event.element.type !== 'bpmn:Process' && event.element.type !== 'bpmn:Collaboration') clickHandler.current?.(event.element.id);
    });
    return () => {
      instance.destroy();
      viewer.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = viewer.current;
    if (!instance) return;
    let alive = true;
    setError(null);
    instance
      .importXML(xml)
      .then(() => {
        if (!alive) return;
        (instance.get('canvas') as Canvas).zoom('fit-viewport', 'auto');
        setImported((n) => n + 1);
      })
      .catch((e: unknown) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [xml]);

  useEffect(() => {
    const instance = viewer.current;
    if (!instance || imported === 0) return;
    const canvas = instance.get('canvas') as Canvas;
    const registry = instance.get('elementRegistry') as ElementRegistry;
    const applied: Array<[string, string]> = [];
    for (const [kind, marker] of Object.entries(MARKER_CLASSES) as Array<[keyof DiagramMarks, string]>) {
      for (const id of marks?.[kind] ?? []) {
        // Elements of another version of the process may be missing from this diagram.
        if (!registry.get(id)) continue;
        canvas.addMarker(id, marker);
        applied.push([id, marker]);
      }
    }
    return () => {
      for (const [id, marker] of applied) canvas.removeMarker(id, marker);
    };
  }, [marks, imported]);

  return (
    <div>
      {error && <Alert type="error" showIcon message={t('diagram.loadFailed', { message: error })} style={{ marginBottom: 8 }} />}
      <div className={compact ? 'gz-diagram gz-diagram-compact' : 'gz-diagram'} data-testid="bpmn-viewer">
        <div className="gz-diagram-toolbar">
          <Tooltip title={t('diagram.fit')}>
            <Button size="small" icon={<ExpandOutlined />} aria-label={t('diagram.fit')} onClick={() => (viewer.current?.get('canvas') as Canvas | undefined)?.zoom('fit-viewport', 'auto')} />
          </Tooltip>
        </div>
        <div ref={container} style={{ width: '100%', height: '100%' }} />
      </div>
      <DiagramLegend />
    </div>
  );
}

export function DiagramLegend() {
  const t = useT();
  const items: Array<[string, string, string]> = [
    [t('instances.legend.completed'), '#2e7d32', '#e8f5e9'],
    [t('instances.legend.active'), '#1d4ed8', '#e3ecff'],
    [t('instances.legend.incident'), '#d32f2f', '#fdecea'],
  ];
  return (
    <div className="gz-legend">
      {items.map(([label, stroke, fill]) => (
        <span key={label}>
          <span className="gz-legend-swatch" style={{ borderColor: stroke, background: fill }} />
          {label}
        </span>
      ))}
      <span>
        <span className="gz-legend-swatch" style={{ borderColor: '#2e7d32', borderWidth: '0 0 3px 0', borderRadius: 0 }} />
        {t('instances.legend.flow')}
      </span>
    </div>
  );
}

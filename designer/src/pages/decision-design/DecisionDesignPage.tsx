import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, ExclamationCircleOutlined, FileAddOutlined, UploadOutlined } from '@ant-design/icons';
import DmnModeler, { type DmnView } from 'dmn-js/lib/Modeler';
import { api, errorMessage } from '../../app/api.js';
import { useLanguage, usePageT } from '../../app/i18n/language.js';
import { decisionDesignMessages } from './i18n.js';
import { decisionOfElement } from './decision-of-element.js';
import { blankDecision } from './blank-decision.js';
import { randomIdSuffix } from '../process-design/blank-process-diagram.js';
import { asUtf8Declaration, readXmlFile } from '../process-design/xml-file-text.js';
import { downloadTextFile } from '../process-design/text-file-download.js';
import { deploymentProblemsOf, type DeploymentProblem } from '../process-design/deploy-problems/deployment-problem.js';
import { clearDeploymentProblems, showDeploymentProblems } from '../process-design/deploy-problems/deployment-problem-overlays.js';

import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
// The font files, not the embedded copy: the server's CSP allows no data: fonts.
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import './decision-design.css';

const DRAFT_KEY = 'gongzhi.decision-design.draft';

interface Draft {
  xml: string;
  dirty: boolean;
}

interface DeploymentResponse {
  deployments: Array<{ decisionDefinition?: { decisionDefinitionId: string; version: number } }>;
}

function storedDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && typeof draft.xml === 'string' ? draft : null;
  } catch {
    return null;
  }
}

function viewKey(view: DmnView): string {
  return `${view.type}:${view.element.id}`;
}

/** 决策表: the dmn-js editor (requirements diagram, decision tables, literal expressions), import/export and deploy. */
export default function DecisionDesignPage() {
  const t = usePageT(decisionDesignMessages);
  const { language } = useLanguage();
  const { message, modal } = AntApp.useApp();
  const containerRef = useRef<HTMLDivElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const modelerRef = useRef<DmnModeler | null>(null);
  const xmlRef = useRef<string | null>(null);
  const dirtyRef = useRef(false);
  const [dirty, setDirty] = useState(false);
  const [views, setViews] = useState<DmnView[]>([]);
  const [activeView, setActiveView] = useState<string | null>(null);
  const [problems, setProblems] = useState<DeploymentProblem[]>([]);
  const [deploying, setDeploying] = useState(false);
  const [newOpen, setNewOpen] = useState(false);
  const [name, setName] = useState('');
  const [newForm] = Form.useForm<{ id: string; name: string }>();

  const markDirty = useCallback((value: boolean) => {
    dirtyRef.current = value;
    setDirty(value);
  }, []);

  const saveDraft = useCallback(async () => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const { xml } = await modeler.saveXML({ format: true });
    xmlRef.current = xml;
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ xml, dirty: dirtyRef.current } satisfies Draft));
    } catch {
      // A full storage only costs the reload safety net.
    }
  }, []);

  const importXml = useCallback(
    async (xml: string, keepDirty: boolean): Promise<string[]> => {
      const modeler = modelerRef.current;
      if (!modeler) throw new Error('The editor is not ready');
      const { warnings } = await modeler.importXML(xml);
      xmlRef.current = xml;
      markDirty(keepDirty);
      setProblems([]);
      const definitions = modeler.getDefinitions();
      setName(definitions?.name ?? definitions?.id ?? '');
      void saveDraft();
      return warnings.map((w) => w.message ?? String(w));
    },
    [markDirty, saveDraft],
  );

  useEffect(() => {
    if (!containerRef.current) return;
    const modeler = new DmnModeler({ container: containerRef.current, common: { keyboard: {} } });
    modelerRef.current = modeler;
    let draftTimer: ReturnType<typeof setTimeout> | undefined;
    const onViews = (event: { views: DmnView[]; activeView?: DmnView }) => {
      setViews(event.views);
      setActiveView(event.activeView ? viewKey(event.activeView) : null);
    };
    // Each view (DRD, every table) has its own command stack; a change in any of them is a change of the file.
    const onChanged = () => {
      markDirty(true);
      if (draftTimer) clearTimeout(draftTimer);
      draftTimer = setTimeout(() => void saveDraft(), 400);
    };
    modeler.on('views.changed', onViews);
    const watched = new WeakSet<object>();
    modeler.on('views.changed', () => {
      const viewer = modeler.getActiveViewer();
      if (!viewer || watched.has(viewer)) return;
      watched.add(viewer);
      viewer.get<{ on(e: string, cb: (event: { trigger?: string }) => void): void }>('eventBus').on('commandStack.changed', (event) => {
        if (event?.trigger !== 'clear') onChanged();
      });
    });
    const draft = storedDraft();
    const start = xmlRef.current
      ? { xml: xmlRef.current, dirty: dirtyRef.current, restored: false }
      : draft
        ? { xml: draft.xml, dirty: draft.dirty, restored: draft.dirty }
        : { xml: blankDecision(`Decision_${randomIdSuffix()}`, t('defaultName')), dirty: false, restored: false };
    importXml(start.xml, start.dirty)
      .then(() => {
        if (start.restored) message.info(t('draftRestored'));
      })
      .catch((error) => message.error(t('importFailed', { message: errorMessage(error) })));
    return () => {
      if (draftTimer) clearTimeout(draftTimer);
      modeler.destroy();
      modelerRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one editor for the page's life; language only changes labels
  }, []);

  const confirmDiscard = useCallback(
    (proceed: () => void) => {
      if (!dirtyRef.current) return proceed();
      modal.confirm({
        title: t('unsavedTitle'),
        icon: <ExclamationCircleOutlined />,
        content: t('unsavedBody'),
        okText: t('discard'),
        okButtonProps: { danger: true },
        cancelText: t('cancel'),
        onOk: proceed,
      });
    },
    [modal, t],
  );

  const importFile = useCallback(
    async (file: File) => {
      try {
        const warnings = await importXml(await readXmlFile(file), true);
        if (warnings.length > 0) message.warning(t('importWarnings', { name: file.name, count: warnings.length, first: warnings[0] }));
        else message.success(t('imported', { name: file.name }));
      } catch (error) {
        message.error(t('importFailed', { message: errorMessage(error) }));
      }
    },
    [importXml, message, t],
  );

  const exportFile = useCallback(async () => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const { xml } = await modeler.saveXML({ format: true });
    downloadTextFile(`${modeler.getDefinitions()?.id ?? 'decisions'}.dmn`, asUtf8Declaration(xml), 'application/xml');
  }, []);

  const selectView = useCallback(async (key: string) => {
    const modeler = modelerRef.current;
    const view = modeler?.getViews().find((v) => viewKey(v) === key);
    if (modeler && view) await modeler.open(view);
  }, []);

  /** Problems go on the requirements diagram, where every decision has a shape. */
  const showProblems = useCallback(async (found: DeploymentProblem[]) => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const drd = modeler.getViews().find((v) => v.type === 'drd');
    if (drd && modeler.getActiveView()?.type !== 'drd') await modeler.open(drd);
    const viewer = modeler.getActiveViewer();
    if (!viewer || modeler.getActiveView()?.type !== 'drd') return;
    // A problem inside a decision (an output, a rule) is shown on the decision's shape, naming the element.
    const definitions = modeler.getDefinitions();
    const placed = found.map((problem) => {
      const decision = problem.elementId ? decisionOfElement(definitions, problem.elementId) : undefined;
      return decision && decision !== problem.elementId ? { ...problem, elementId: decision, message: `${problem.elementId}: ${problem.message}` } : problem;
    });
    showDeploymentProblems(viewer, placed);
  }, []);

  const deploy = useCallback(async () => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    setDeploying(true);
    setProblems([]);
    const viewer = modeler.getActiveViewer();
    if (viewer && modeler.getActiveView()?.type === 'drd') clearDeploymentProblems(viewer);
    try {
      const { xml } = await modeler.saveXML({ format: true });
      const form = new FormData();
      form.append('resources', new Blob([asUtf8Declaration(xml)], { type: 'application/xml' }), `${modeler.getDefinitions()?.id ?? 'decisions'}.dmn`);
      const result = await api.upload<DeploymentResponse>('/v2/deployments', form);
      const decisions = result.deployments.flatMap((d) => (d.decisionDefinition ? [`${d.decisionDefinition.decisionDefinitionId} v${d.decisionDefinition.version}`] : []));
      markDirty(false);
      void saveDraft();
      message.success(t('deployed', { decisions: decisions.join(', ') }));
    } catch (error) {
      const found = deploymentProblemsOf(error);
      setProblems(found);
      await showProblems(found);
      message.error(t('deployFailed', { count: found.length }));
    } finally {
      setDeploying(false);
    }
  }, [markDirty, message, saveDraft, showProblems, t]);

  const viewLabel = (view: DmnView) => {
    const label = view.element.name || view.element.id;
    if (view.type === 'drd') return t('drd');
    if (view.type === 'decisionTable') return t('table', { name: label });
    return t('literal', { name: label });
  };

  return (
    <div className="gz-decision-design" data-testid="decision-design-page" lang={language === 'zh' ? 'zh-CN' : 'en'}>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          {name && <Typography.Text type="secondary">{t('current', { name })}</Typography.Text>}
          {dirty && <Tag color="orange" data-testid="decision-dirty">{t('unsaved')}</Tag>}
        </Space>
        <Space wrap>
          <Button
            icon={<FileAddOutlined />}
            data-testid="decision-new"
            onClick={() =>
              confirmDiscard(() => {
                newForm.setFieldsValue({ id: `Decision_${randomIdSuffix()}`, name: t('defaultName') });
                setNewOpen(true);
              })
            }
          >
            {t('new')}
          </Button>
          <Button icon={<UploadOutlined />} data-testid="decision-import" onClick={() => confirmDiscard(() => fileInputRef.current?.click())}>
            {t('import')}
          </Button>
          <input
            ref={fileInputRef}
            type="file"
            accept=".dmn,.xml"
            style={{ display: 'none' }}
            data-testid="decision-import-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <Button icon={<DownloadOutlined />} data-testid="decision-export" onClick={() => void exportFile()}>
            {t('export')}
          </Button>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={deploying} data-testid="decision-deploy" onClick={() => void deploy()}>
            {deploying ? t('deploying') : t('deploy')}
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('hint')}
      </Typography.Paragraph>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setProblems([])}
          style={{ marginBottom: 12 }}
          data-testid="decision-deploy-problems"
          message={t('deployFailed', { count: problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 160, overflow: 'auto' }}>
              {problems.map((problem, index) => (
                <li key={index} data-element-id={problem.elementId}>
                  {problem.elementId && `${t('problemElement', { id: problem.elementId })}：`}
                  {problem.message}
                  {problem.line !== undefined && ` (${t('problemLine', { line: problem.line })})`}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {views.length > 1 && (
        <div style={{ overflowX: 'auto', marginBottom: 8 }}>
          <Segmented
            value={activeView ?? undefined}
            data-testid="decision-views"
            options={views.map((v) => ({ value: viewKey(v), label: viewLabel(v) }))}
            onChange={(key) => void selectView(String(key))}
          />
        </div>
      )}
      <div className="gz-decision-canvas" ref={containerRef} data-testid="decision-canvas" />
      <Modal
        open={newOpen}
        title={t('newTitle')}
        okText={t('create')}
        cancelText={t('cancel')}
        onCancel={() => setNewOpen(false)}
        onOk={() => newForm.submit()}
        destroyOnHidden
      >
        <Form
          form={newForm}
          layout="vertical"
          onFinish={(values) => {
            setNewOpen(false);
            importXml(blankDecision(values.id.trim(), values.name.trim()), false).catch((error) => message.error(t('importFailed', { message: errorMessage(error) })));
          }}
        >
          <Form.Item name="id" label={t('decisionId')} extra={t('decisionIdHelp')} rules={[{ required: true, pattern: /^[A-Za-z_][\w.-]*$/, message: t('decisionIdInvalid') }]}>
            <Input data-testid="decision-new-id" />
          </Form.Item>
          <Form.Item name="name" label={t('decisionName')} rules={[{ required: true }]}>
            <Input data-testid="decision-new-name" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

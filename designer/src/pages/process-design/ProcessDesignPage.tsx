import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Badge, Button, Form, Input, List, Modal, Popover, Space, Tag, Typography } from 'antd';
import {
  CloudUploadOutlined,
  DownloadOutlined,
  ExclamationCircleOutlined,
  FileAddOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type Modeler from 'bpmn-js/lib/Modeler';
import { api, errorMessage } from '../../app/api.js';
import type { FormSummary, Page } from '../../app/api-types.js';
import { useLanguage, usePageT } from '../../app/i18n/language.js';
import { processDesignMessages } from './i18n.js';
import { createProcessModeler } from './process-modeler.js';
import { FormCatalog } from './form-link/form-catalog.js';
import { lintWhileModeling, type LintReport } from './process-lint.js';
import { blankProcessDiagram, randomIdSuffix } from './blank-process-diagram.js';
import { asUtf8Declaration, readXmlFile } from './xml-file-text.js';
import { downloadTextFile } from './text-file-download.js';
import { loadProcessVersions, loadProcessXml, type ProcessVersions } from './process-definitions.js';
import { ProcessList } from './ProcessList.js';
import { deploymentProblemsOf, type DeploymentProblem } from './deploy-problems/deployment-problem.js';
import { clearDeploymentProblems, showDeploymentProblems } from './deploy-problems/deployment-problem-overlays.js';

const DRAFT_KEY = 'gongzhi.process-design.draft';

interface Draft {
  xml: string;
  openKey: string | null;
  dirty: boolean;
}

interface DeploymentResponse {
  deployments: Array<{ processDefinition?: { processDefinitionId: string; processDefinitionVersion: number; processDefinitionKey: string } }>;
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

interface RootElement {
  businessObject: { id: string; isExecutable?: boolean; processRef?: { id: string; isExecutable?: boolean } };
}

/** The executable process ids of the diagram: the deployed resource is named after the first. */
function executableProcessIds(modeler: Modeler): string[] {
  const definitions = modeler.getDefinitions() as unknown as { rootElements?: Array<{ $type: string; id: string; isExecutable?: boolean }> } | undefined;
  return (definitions?.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable).map((e) => e.id);
}

/** 流程设计: deployed processes and versions, the bpmn-js modeler with the Zeebe properties panel, lint, import/export, deploy. */
export default function ProcessDesignPage() {
  const t = usePageT(processDesignMessages);
  const { language } = useLanguage();
  const { message, modal } = AntApp.useApp();
  const canvasRef = useRef<HTMLDivElement>(null);
  const propertiesRef = useRef<HTMLDivElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const catalog = useMemo(() => new FormCatalog(), []);
  // The diagram that should be in the modeler; kept across modeler re-creation (language switch).
  const xmlRef = useRef<string | null>(null);

  const [processes, setProcesses] = useState<ProcessVersions[]>([]);
  const [listLoading, setListLoading] = useState(false);
  const [listOpen, setListOpen] = useState(true);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [lintReports, setLintReports] = useState<LintReport[]>([]);
  const [problems, setProblems] = useState<DeploymentProblem[]>([]);
  const [unplacedProblems, setUnplacedProblems] = useState<DeploymentProblem[]>([]);
  const [deploying, setDeploying] = useState(false);
  const [newOpen, setNewOpen] = useState(false);
  const [diagramName, setDiagramName] = useState('');
  const [newForm] = Form.useForm<{ id: string; name: string }>();
  const dirtyRef = useRef(false);
  const openKeyRef = useRef<string | null>(null);

  const refreshProcesses = useCallback(async () => {
    setListLoading(true);
    try {
      setProcesses(await loadProcessVersions());
    } catch (error) {
      message.error(t('loadFailed', { message: errorMessage(error) }));
    } finally {
      setListLoading(false);
    }
  }, [message, t]);

  const refreshForms = useCallback(async () => {
    try {
      catalog.replace((await api.get<Page<FormSummary>>('/v2/forms')).items);
    } catch (error) {
      message.error(t('formsFailed', { message: errorMessage(error) }));
    }
  }, [catalog, message, t]);

  useEffect(() => {
    void refreshProcesses();
    void refreshForms();
    // A form made in another tab should be offered when the designer comes back here.
    const onFocus = () => void refreshForms();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refreshProcesses, refreshForms]);

  const saveDraft = useCallback(async () => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const { xml } = await modeler.saveXML({ format: true });
    if (!xml) return;
    xmlRef.current = xml;
    const draft: Draft = { xml, openKey: openKeyRef.current, dirty: dirtyRef.current };
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    } catch {
      // A full storage only costs the reload safety net, never the diagram on screen.
    }
  }, []);

  const markDirty = useCallback((value: boolean) => {
    dirtyRef.current = value;
    setDirty(value);
  }, []);

  const describeDiagram = useCallback(() => {
    const modeler = modelerRef.current;
    const root = modeler?.get<{ getRootElement(): RootElement }>('canvas').getRootElement();
    const bo = root?.businessObject as { id?: string; name?: string; processRef?: { id: string; name?: string } } | undefined;
    setDiagramName(bo?.name ?? bo?.processRef?.name ?? bo?.id ?? bo?.processRef?.id ?? '');
  }, []);

  /** Puts a diagram into the modeler; returns bpmn-js's warnings (unresolved references and the like). */
  const importXml = useCallback(
    async (xml: string, key: string | null, keepDirty = false): Promise<string[]> => {
      const modeler = modelerRef.current;
      if (!modeler) throw new Error('The modeler is not ready');
      const { warnings } = await modeler.importXML(xml);
      xmlRef.current = xml;
      openKeyRef.current = key;
      setOpenKey(key);
      markDirty(keepDirty);
      setProblems([]);
      setUnplacedProblems([]);
      // Fit and centre; a wide process would otherwise sit in the top-left corner under the palette.
      (modeler.get('canvas') as { zoom(level: string, center: string): void }).zoom('fit-viewport', 'auto');
      describeDiagram();
      void saveDraft();
      return warnings.map((w) => (w as { message?: string }).message ?? String(w));
    },
    [describeDiagram, markDirty, saveDraft],
  );

  // The modeler lives as long as the page, and is made again when the language changes (its labels are fixed at start).
  useEffect(() => {
    if (!canvasRef.current || !propertiesRef.current) return;
    const modeler = createProcessModeler({
      canvas: canvasRef.current,
      propertiesPanel: propertiesRef.current,
      language,
      formLink: {
        catalog,
        text: {
          group: t('formGroup'),
          label: t('formLabel'),
          description: t('formDescription'),
          none: t('formNone'),
          unknown: (key) => t('formUnknown', { key }),
        },
      },
    });
    modelerRef.current = modeler;
    const stopLint = lintWhileModeling(modeler, setLintReports);
    let draftTimer: ReturnType<typeof setTimeout> | undefined;
    const eventBus = modeler.get<{ on(event: string, callback: () => void): void }>('eventBus');
    eventBus.on('commandStack.changed', () => {
      markDirty(true);
      describeDiagram();
      // Saved as one edits, so a reload or a crash loses nothing.
      if (draftTimer) clearTimeout(draftTimer);
      draftTimer = setTimeout(() => void saveDraft(), 400);
    });

    const draft = storedDraft();
    const start = xmlRef.current
      ? { xml: xmlRef.current, key: openKeyRef.current, dirty: dirtyRef.current, restored: false }
      : draft
        ? { xml: draft.xml, key: draft.openKey, dirty: draft.dirty, restored: draft.dirty }
        : { xml: blankProcessDiagram(`Process_${randomIdSuffix()}`, t('defaultName')), key: null, dirty: false, restored: false };
    importXml(start.xml, start.key, start.dirty)
      .then(() => {
        if (start.restored) message.info(t('draftRestored'));
      })
      .catch((error) => message.error(t('importFailed', { message: errorMessage(error) })));

    return () => {
      if (draftTimer) clearTimeout(draftTimer);
      stopLint();
      // xmlRef holds the diagram as last saved (on import and a moment after each edit) for the next modeler.
      modeler.destroy();
      modelerRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- made again only for a new language
  }, [language]);

  /** Asks before throwing away changes that are not deployed. */
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

  const openVersion = useCallback(
    (key: string) =>
      confirmDiscard(async () => {
        try {
          await importXml(await loadProcessXml(key), key);
        } catch (error) {
          message.error(t('openFailed', { message: errorMessage(error) }));
        }
      }),
    [confirmDiscard, importXml, message, t],
  );

  const createNew = useCallback(
    async (values: { id: string; name: string }) => {
      setNewOpen(false);
      await importXml(blankProcessDiagram(values.id.trim(), values.name.trim()), null);
    },
    [importXml],
  );

  const importFile = useCallback(
    async (file: File) => {
      try {
        const xml = await readXmlFile(file);
        const warnings = await importXml(xml, null, true);
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
    if (!xml) return;
    const name = executableProcessIds(modeler)[0] ?? (modeler.getDefinitions() as unknown as { id?: string })?.id ?? 'diagram';
    downloadTextFile(`${name}.bpmn`, asUtf8Declaration(xml), 'application/xml');
  }, []);

  const deploy = useCallback(async () => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const ids = executableProcessIds(modeler);
    if (ids.length === 0) {
      message.error(t('noProcess'));
      return;
    }
    setDeploying(true);
    clearDeploymentProblems(modeler);
    setProblems([]);
    setUnplacedProblems([]);
    try {
      const { xml } = await modeler.saveXML({ format: true });
      const form = new FormData();
      form.append('resources', new Blob([asUtf8Declaration(xml ?? '')], { type: 'application/xml' }), `${ids[0]}.bpmn`);
      const result = await api.upload<DeploymentResponse>('/v2/deployments', form);
      const deployed = result.deployments.flatMap((d) => (d.processDefinition ? [d.processDefinition] : []));
      const summary = deployed.map((d) => `${d.processDefinitionId} v${d.processDefinitionVersion}`).join(', ');
      const wasOpen = openKeyRef.current;
      const first = deployed.find((d) => d.processDefinitionId === ids[0]) ?? deployed[0];
      openKeyRef.current = first?.processDefinitionKey ?? null;
      setOpenKey(openKeyRef.current);
      markDirty(false);
      void saveDraft();
      message.success(first && first.processDefinitionKey === wasOpen ? t('deployedUnchanged', { processes: summary }) : t('deployed', { processes: summary }));
      void refreshProcesses();
    } catch (error) {
      const found = deploymentProblemsOf(error);
      setProblems(found);
      setUnplacedProblems(showDeploymentProblems(modeler, found));
      message.error(t('deployFailed', { count: found.length }));
    } finally {
      setDeploying(false);
    }
  }, [markDirty, message, refreshProcesses, saveDraft, t]);

  const selectElement = useCallback((id: string | undefined) => {
    const modeler = modelerRef.current;
    if (!modeler || !id) return;
    const element = modeler.get<{ get(id: string): unknown }>('elementRegistry').get(id);
    if (!element) return;
    modeler.get<{ scrollToElement(e: unknown): void }>('canvas').scrollToElement(element);
    modeler.get<{ select(e: unknown): void }>('selection').select(element);
  }, []);

  const lintErrors = lintReports.filter((r) => r.category === 'error' || r.category === 'rule-error');
  const lintWarnings = lintReports.filter((r) => r.category === 'warn');
  const lintList = (
    <List
      size="small"
      style={{ maxWidth: 420, maxHeight: 360, overflow: 'auto' }}
      dataSource={lintReports}
      locale={{ emptyText: t('lintClean') }}
      renderItem={(report) => (
        <List.Item style={{ cursor: 'pointer' }} onClick={() => selectElement(report.id)}>
          <Space align="start">
            <Tag color={report.category === 'warn' ? 'warning' : report.category === 'info' ? 'blue' : 'error'}>{report.id || '—'}</Tag>
            <span>{report.message}</span>
          </Space>
        </List.Item>
      )}
    />
  );

  return (
    <div className="gz-process-design" data-testid="process-design-page">
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Button
            icon={listOpen ? <MenuFoldOutlined /> : <MenuUnfoldOutlined />}
            onClick={() => setListOpen(!listOpen)}
            aria-label={listOpen ? t('hideList') : t('showList')}
          />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="process-current">
            {diagramName && t('current', { name: diagramName })}
          </Typography.Text>
          {dirty && <Tag color="orange" data-testid="process-dirty">{t('unsaved')}</Tag>}
        </Space>
        <Space wrap>
          <Button icon={<FileAddOutlined />} onClick={() => confirmDiscard(() => {
            newForm.setFieldsValue({ id: `Process_${randomIdSuffix()}`, name: t('defaultName') });
            setNewOpen(true);
          })} data-testid="process-new">
            {t('new')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => confirmDiscard(() => fileInputRef.current?.click())} data-testid="process-import">
            {t('import')}
          </Button>
          <input
            ref={fileInputRef}
            type="file"
            accept=".bpmn,.xml,.bpmn20.xml"
            style={{ display: 'none' }}
            data-testid="process-import-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <Button icon={<DownloadOutlined />} onClick={() => void exportFile()} data-testid="process-export">
            {t('export')}
          </Button>
          <Popover content={lintList} title={t('lintTitle')} trigger="click" placement="bottomRight">
            <Badge count={lintErrors.length} size="small" offset={[-4, 4]}>
              <Button data-testid="process-lint" danger={lintErrors.length > 0}>
                {lintReports.length === 0 ? t('lintClean') : t('lintCount', { errors: lintErrors.length, warnings: lintWarnings.length })}
              </Button>
            </Badge>
          </Popover>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={deploying} onClick={() => void deploy()} data-testid="process-deploy">
            {deploying ? t('deploying') : t('deploy')}
          </Button>
        </Space>
      </Space>

      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => {
            setProblems([]);
            setUnplacedProblems([]);
            if (modelerRef.current) clearDeploymentProblems(modelerRef.current);
          }}
          style={{ marginBottom: 12 }}
          data-testid="deploy-problems"
          message={t('deployFailed', { count: problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 160, overflow: 'auto' }}>
              {problems.map((problem, index) => (
                <li key={index} data-element-id={problem.elementId}>
                  {problem.elementId && (
                    <Typography.Link onClick={() => selectElement(problem.elementId)}>{t('problemElement', { id: problem.elementId })}</Typography.Link>
                  )}
                  {problem.elementId && '：'}
                  {problem.message}
                  {problem.line !== undefined && ` (${t('problemLine', { line: problem.line })})`}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <div className="gz-process-design-body">
        {listOpen && (
          <ProcessList
            processes={processes}
            loading={listLoading}
            openKey={openKey}
            t={t}
            onOpen={openVersion}
            onRefresh={() => {
              void refreshProcesses();
              void refreshForms();
            }}
          />
        )}
        <div className="gz-process-canvas" ref={canvasRef} data-testid="process-canvas" />
        <div className="gz-process-properties" ref={propertiesRef} data-testid="process-properties" />
      </div>

      <Modal
        open={newOpen}
        title={t('newTitle')}
        okText={t('create')}
        cancelText={t('cancel')}
        onCancel={() => setNewOpen(false)}
        onOk={() => newForm.submit()}
        destroyOnHidden
      >
        <Form form={newForm} layout="vertical" onFinish={(values) => void createNew(values)}>
          <Form.Item
            name="id"
            label={t('processId')}
            extra={t('processIdHelp')}
            rules={[{ required: true, pattern: /^[A-Za-z_][\w.-]*$/, message: t('processIdInvalid') }]}
          >
            <Input data-testid="process-new-id" />
          </Form.Item>
          <Form.Item name="name" label={t('processName')} rules={[{ required: true }]}>
            <Input data-testid="process-new-name" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { ExclamationCircleOutlined, FileAddOutlined, SaveOutlined } from '@ant-design/icons';
import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, closestCenter, pointerWithin, useSensor, useSensors, type CollisionDetection, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { ApiError, api, errorMessage, type FieldError } from '../../app/api.js';
import type { FormSummary, Page } from '../../app/api-types.js';
import { usePageT } from '../../app/i18n/language.js';
import { FormRenderer } from '../../components/form-renderer/FormRenderer.js';
import { formDesignMessages, kindLabel, type FormDesignKey } from './i18n.js';
import { designProblems, findField, hasChildren, newField, siblingsOf, type FieldKind, type FormDesign, type FormField } from './form-field.js';
import { fieldAtPointer, writeForm } from './form-schema-writer.js';
import { readForm } from './form-schema-reader.js';
import { insertField, locate, moveField, removeField, updateField } from './form-tree-edits.js';
import { FieldPalette, FormCanvas, PALETTE_PREFIX, containerOf } from './FormCanvas.js';
import { FieldPropertyEditor } from './FieldPropertyEditor.js';
import { FormJsonEditor } from './FormJsonEditor.js';
import './form-design.css';

const DRAFT_KEY = 'gongzhi.form-design.draft';
const FORM_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

interface Draft {
  design: FormDesign;
  dirty: boolean;
  savedVersion: number | null;
}

interface SavedForm {
  id: string;
  version: number;
}

interface LoadedForm {
  id: string;
  title: string;
  description?: string;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  version: number;
  versions: number[];
}

function blankDesign(): FormDesign {
  return { id: '', title: '', fields: [] };
}

function storedDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && draft.design && Array.isArray(draft.design.fields) ? draft : null;
  } catch {
    return null;
  }
}

/** Picks the innermost drop target under the pointer, so a field lands in the group it is over, not around it. */
const innermostFirst: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  if (within.length === 0) return closestCenter(args);
  const area = (id: string | number) => {
    const rect = args.droppableRects.get(id);
    return rect ? rect.width * rect.height : Number.MAX_VALUE;
  };
  return [...within].sort((a, b) => area(a.id) - area(b.id));
};

/** 表单设计: palette, drag-and-drop structure, property editor, live rjsf preview, JSON both ways, save as a version. */
export default function FormDesignPage() {
  const t = usePageT(formDesignMessages);
  const { message, modal } = AntApp.useApp();
  const initial = useMemo(() => storedDraft(), []);
  const [design, setDesign] = useState<FormDesign>(initial?.design ?? blankDesign());
  const [dirty, setDirty] = useState(initial?.dirty ?? false);
  const [savedVersion, setSavedVersion] = useState<number | null>(initial?.savedVersion ?? null);
  const [versions, setVersions] = useState<number[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [forms, setForms] = useState<FormSummary[]>([]);
  const [saving, setSaving] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [previewData, setPreviewData] = useState<unknown>({});
  const [dragging, setDragging] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const draftTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (initial?.dirty) message.info(t('draftRestored'));
    // Said once, for the draft found at the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const refreshForms = useCallback(async () => {
    try {
      setForms((await api.get<Page<FormSummary>>('/v2/forms')).items);
    } catch (error) {
      message.error(t('loadFailed', { message: errorMessage(error) }));
    }
  }, [message, t]);
  useEffect(() => void refreshForms(), [refreshForms]);

  // Kept as one types, so a reload or a dropped connection loses nothing.
  useEffect(() => {
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => {
      try {
        localStorage.setItem(DRAFT_KEY, JSON.stringify({ design, dirty, savedVersion } satisfies Draft));
      } catch {
        // A full storage only costs the reload safety net.
      }
    }, 300);
    return () => clearTimeout(draftTimer.current);
  }, [design, dirty, savedVersion]);

  const change = useCallback((next: FormDesign | ((previous: FormDesign) => FormDesign)) => {
    setDesign(next);
    setDirty(true);
  }, []);
  const setFields = useCallback((edit: (fields: FormField[]) => FormField[]) => change((d) => ({ ...d, fields: edit(d.fields) })), [change]);

  const written = useMemo(() => writeForm(design), [design]);
  const localProblems = useMemo(() => designProblems(design), [design]);
  const problems = useMemo(() => {
    const byField = new Map<string, string[]>();
    for (const [uid, codes] of localProblems) byField.set(uid, codes.map((code) => t(`problem.${code}` as FormDesignKey)));
    for (const error of serverErrors) {
      const uid = fieldAtPointer(written, error.field);
      if (uid) byField.set(uid, [...(byField.get(uid) ?? []), error.message]);
    }
    return byField;
  }, [localProblems, serverErrors, t, written]);
  const unplacedServerErrors = serverErrors.filter((e) => !fieldAtPointer(written, e.field));
  const idValid = FORM_ID.test(design.id);
  const titleValid = design.title.trim() !== '';

  const selectedField = selected ? findField(design.fields, selected) : undefined;
  const selectedSiblings = selected ? (siblingsOf(design.fields, selected) ?? []) : [];

  /** Adds a field after the selection (or into the selected group), as a click on the palette does. */
  const addField = useCallback(
    (kind: FieldKind, target?: { container: string | null; index: number }) => {
      const fields = design.fields;
      let place = target;
      if (!place) {
        const current = selected ? findField(fields, selected) : undefined;
        if (current && hasChildren(current.kind)) place = { container: current.uid, index: current.children?.length ?? 0 };
        else if (current) {
          const at = locate(fields, current.uid)!;
          place = { container: at.container, index: at.index + 1 };
        } else place = { container: null, index: fields.length };
      }
      const siblings = place.container === null ? fields : (findField(fields, place.container)?.children ?? []);
      const created = newField(kind, kindLabel(t, kind), siblings);
      change({ ...design, fields: insertField(fields, place.container, place.index, created) });
      setSelected(created.uid);
    },
    [change, design, selected, t],
  );

  const updateSelected = useCallback(
    (patch: Partial<FormField>) => {
      if (!selected) return;
      setFields((fields) => {
        const before = findField(fields, selected);
        let next = updateField(fields, selected, patch);
        // A renamed key carries its shown-when references along.
        if (before && patch.key !== undefined && patch.key !== before.key) {
          for (const sibling of siblingsOf(next, selected) ?? []) {
            if (sibling.shownWhen?.field === before.key) next = updateField(next, sibling.uid, { shownWhen: { ...sibling.shownWhen, field: patch.key } });
          }
        }
        return next;
      });
    },
    [selected, setFields],
  );

  const deleteField = useCallback(
    (uid: string) => {
      setFields((fields) => removeField(fields, uid));
      if (selected === uid) setSelected(null);
    },
    [selected, setFields],
  );

  const nudge = useCallback(
    (uid: string, delta: -1 | 1) =>
      setFields((fields) => {
        const at = locate(fields, uid);
        return at ? moveField(fields, uid, at.container, Math.max(0, at.index + delta)) : fields;
      }),
    [setFields],
  );

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const onDragStart = (event: DragStartEvent) => setDragging(String(event.active.id));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (!over) return;
    const overId = String(over.id);
    const activeId = String(active.id);
    let target: { container: string | null; index: number } | undefined;
    const overContainer = containerOf(overId);
    if (overContainer !== undefined) {
      const list = overContainer === null ? design.fields : (findField(design.fields, overContainer)?.children ?? []);
      target = { container: overContainer, index: list.length };
    } else {
      const at = locate(design.fields, overId);
      const from = locate(design.fields, activeId);
      if (at && from && from.container === at.container) target = at;
      else if (at) {
        // Into another list (or from the palette): below the middle of the field under it means after it.
        const dragged = active.rect.current.translated;
        const below = dragged !== null && dragged.top + dragged.height / 2 > over.rect.top + over.rect.height / 2;
        target = { container: at.container, index: at.index + (below ? 1 : 0) };
      }
    }
    if (!target) return;
    if (activeId.startsWith(PALETTE_PREFIX)) {
      addField(activeId.slice(PALETTE_PREFIX.length) as FieldKind, target);
    } else if (activeId !== overId) {
      setFields((fields) => moveField(fields, activeId, target!.container, target!.index));
    }
  };

  const confirmDiscard = useCallback(
    (proceed: () => void) => {
      if (!dirty) return proceed();
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
    [dirty, modal, t],
  );

  const openForm = useCallback(
    async (id: string, version?: number) => {
      try {
        const loaded = await api.get<LoadedForm>(`/v2/forms/${encodeURIComponent(id)}${version ? `?version=${version}` : ''}`);
        setDesign(readForm(loaded));
        setVersions(loaded.versions ?? [loaded.version]);
        setSavedVersion(loaded.version);
        setDirty(false);
        setSelected(null);
        setServerErrors([]);
        setSaveError(null);
        setPreviewData({});
      } catch (error) {
        message.error(t('loadFailed', { message: errorMessage(error) }));
      }
    },
    [message, t],
  );

  const save = useCallback(async () => {
    setShowProblems(true);
    const count = localProblems.size + (idValid ? 0 : 1) + (titleValid ? 0 : 1);
    if (count > 0) {
      message.error(t('fixFirst', { count }));
      const first = [...localProblems.keys()][0];
      if (first) setSelected(first);
      return;
    }
    setSaving(true);
    setServerErrors([]);
    setSaveError(null);
    const body = { title: design.title.trim(), ...(design.description ? { description: design.description } : {}), schema: written.schema, uiSchema: written.uiSchema };
    try {
      const exists = forms.some((f) => f.id === design.id);
      const saved = exists
        ? await api.post<SavedForm>(`/v2/forms/${encodeURIComponent(design.id)}/versions`, body)
        : await api.post<SavedForm>('/v2/forms', { id: design.id, ...body }, { idempotencyKey: crypto.randomUUID() });
      setSavedVersion(saved.version);
      setVersions((list) => [...new Set([...list, saved.version])].sort((a, b) => a - b));
      setDirty(false);
      message.success(t('saved', { id: saved.id, version: saved.version }));
      void refreshForms();
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) setServerErrors(error.errors);
      setSaveError(errorMessage(error));
      message.error(t('saveFailed', { message: errorMessage(error) }));
    } finally {
      setSaving(false);
    }
  }, [design, forms, idValid, localProblems, message, refreshForms, t, titleValid, written]);

  const fromJson = useCallback(
    (schema: Record<string, unknown>, uiSchema: Record<string, unknown>) => {
      const read = readForm({ id: design.id, title: typeof schema.title === 'string' ? schema.title : design.title, schema, uiSchema });
      const selectedKey = selectedField?.key;
      change(read);
      const again = selectedKey ? read.fields.find((f) => f.key === selectedKey) : undefined;
      setSelected(again?.uid ?? null);
    },
    [change, design.id, design.title, selectedField],
  );

  const draggingKind = dragging?.startsWith(PALETTE_PREFIX) ? (dragging.slice(PALETTE_PREFIX.length) as FieldKind) : undefined;
  const draggingField = dragging && !draggingKind ? findField(design.fields, dragging) : undefined;

  return (
    <div data-testid="form-design-page">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          {savedVersion !== null && <Tag color="green">{t('versionN', { version: savedVersion })}</Tag>}
          {dirty && <Tag color="orange" data-testid="form-dirty">{t('unsaved')}</Tag>}
        </Space>
        <Space wrap>
          <Select
            showSearch
            style={{ minWidth: 220 }}
            placeholder={t('openPlaceholder')}
            data-testid="form-open"
            value={forms.some((f) => f.id === design.id) ? design.id : undefined}
            optionFilterProp="label"
            options={forms.map((f) => ({ value: f.id, label: `${f.title} (${f.id})` }))}
            onChange={(id: string) => confirmDiscard(() => void openForm(id))}
          />
          {versions.length > 1 && (
            <Select
              style={{ width: 120 }}
              value={savedVersion ?? undefined}
              aria-label={t('version')}
              options={versions.map((v) => ({ value: v, label: t('versionN', { version: v }) }))}
              onChange={(v: number) => confirmDiscard(() => void openForm(design.id, v))}
            />
          )}
          <Button
            icon={<FileAddOutlined />}
            data-testid="form-new"
            onClick={() =>
              confirmDiscard(() => {
                setDesign(blankDesign());
                setVersions([]);
                setSavedVersion(null);
                setDirty(false);
                setSelected(null);
                setServerErrors([]);
                setSaveError(null);
                setShowProblems(false);
                setPreviewData({});
              })
            }
          >
            {t('new')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="form-save">
            {saving ? t('saving') : t('save')}
          </Button>
        </Space>
      </Space>

      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical" size="small">
          <Space wrap align="start" style={{ width: '100%' }}>
            <Form.Item
              label={t('formId')}
              required
              extra={t('formIdHelp')}
              validateStatus={showProblems && !idValid ? 'error' : undefined}
              help={showProblems && !idValid ? t('formIdInvalid') : undefined}
              style={{ minWidth: 260 }}
            >
              <Input value={design.id} onChange={(e) => change({ ...design, id: e.target.value.trim() })} data-testid="form-id" />
            </Form.Item>
            <Form.Item
              label={t('formTitle')}
              required
              validateStatus={showProblems && !titleValid ? 'error' : undefined}
              help={showProblems && !titleValid ? t('formTitleRequired') : undefined}
              style={{ minWidth: 260 }}
            >
              <Input value={design.title} onChange={(e) => change({ ...design, title: e.target.value })} data-testid="form-title" />
            </Form.Item>
            <Form.Item label={t('formDescription')} style={{ minWidth: 320 }}>
              <Input value={design.description ?? ''} onChange={(e) => change({ ...design, description: e.target.value || undefined })} data-testid="form-description" />
            </Form.Item>
          </Space>
        </Form>
      </Card>

      {(saveError || unplacedServerErrors.length > 0) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="form-save-problems"
          message={saveError ?? t('serverProblems')}
          description={
            unplacedServerErrors.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {unplacedServerErrors.map((e, i) => (
                  <li key={i}>
                    <Typography.Text code>{e.field}</Typography.Text> {e.message}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}

      <DndContext sensors={sensors} collisionDetection={innermostFirst} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
        <div className="gz-form-design-grid">
          <Card size="small">
            <FieldPalette t={t} onAdd={(kind) => addField(kind)} />
          </Card>
          <Card size="small" title={t('canvas')} onClick={() => setSelected(null)}>
            <FormCanvas
              fields={design.fields}
              selected={selected}
              problems={showProblems || serverErrors.length > 0 ? problems : new Map()}
              t={t}
              onSelect={setSelected}
              onDelete={deleteField}
              onMove={nudge}
            />
          </Card>
          <Card size="small" title={t('properties')}>
            <FieldPropertyEditor field={selectedField} siblings={selectedSiblings} problems={selected ? (problems.get(selected) ?? []) : []} t={t} onChange={updateSelected} />
          </Card>
        </div>
        <DragOverlay>
          {draggingKind ? <div className="gz-palette-item">{kindLabel(t, draggingKind)}</div> : draggingField ? <div className="gz-field-card">{draggingField.label}</div> : null}
        </DragOverlay>
      </DndContext>

      <div className="gz-form-design-bottom">
        <Card size="small" title={t('preview')} data-testid="form-preview">
          <FormRenderer
            schema={written.schema}
            uiSchema={written.uiSchema}
            formData={previewData}
            onChange={setPreviewData}
            onSubmit={() => message.success(t('previewValid'))}
          >
            <Space>
              <Button htmlType="submit" data-testid="form-preview-check">
                {t('previewCheck')}
              </Button>
              <Button onClick={() => setPreviewData({})}>{t('previewReset')}</Button>
            </Space>
          </FormRenderer>
        </Card>
        <Card size="small" title={t('json')}>
          <FormJsonEditor schema={written.schema} uiSchema={written.uiSchema} t={t} onChange={fromJson} />
        </Card>
      </div>
    </div>
  );
}

import { useDraggable, useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { PALETTE_KINDS, hasChildren, type FieldKind, type FormField } from './form-field.js';
import { kindLabel, type FormDesignT } from './i18n.js';

/** The droppable id of a container's list: `container:root` or `container:<uid>`. */
export function containerId(container: string | null): string {
  return `container:${container ?? 'root'}`;
}

export function containerOf(id: string): string | null | undefined {
  if (!id.startsWith('container:')) return undefined;
  const rest = id.slice('container:'.length);
  return rest === 'root' ? null : rest;
}

export const PALETTE_PREFIX = 'palette:';

function PaletteItem({ kind, t, onAdd }: { kind: FieldKind; t: FormDesignT; onAdd(kind: FieldKind): void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `${PALETTE_PREFIX}${kind}`, data: { from: 'palette', kind } });
  return (
    <button
      type="button"
      ref={setNodeRef}
      className="gz-palette-item"
      style={{ opacity: isDragging ? 0.5 : 1 }}
      data-testid={`palette-${kind}`}
      onClick={() => onAdd(kind)}
      {...listeners}
      {...attributes}
    >
      {kindLabel(t, kind)}
    </button>
  );
}

/** The field types; each can be dragged onto the form or clicked to add after the selection. */
export function FieldPalette({ t, onAdd }: { t: FormDesignT; onAdd(kind: FieldKind): void }) {
  return (
    <div className="gz-form-palette" data-testid="form-palette">
      <Typography.Text strong>{t('palette')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 8px' }}>
        {t('paletteHint')}
      </Typography.Paragraph>
      <div className="gz-palette-grid">
        {PALETTE_KINDS.map((kind) => (
          <PaletteItem key={kind} kind={kind} t={t} onAdd={onAdd} />
        ))}
      </div>
    </div>
  );
}

interface CanvasProps {
  fields: FormField[];
  selected: string | null;
  problems: Map<string, string[]>;
  t: FormDesignT;
  onSelect(uid: string): void;
  onDelete(uid: string): void;
  onMove(uid: string, delta: -1 | 1): void;
}

function FieldCard({ field, index, count, container, ...props }: CanvasProps & { field: FormField; index: number; count: number; container: string | null }) {
  const { t, selected, problems, onSelect, onDelete, onMove } = props;
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: field.uid, data: { container } });
  const fieldProblems = problems.get(field.uid) ?? [];
  const classes = ['gz-field-card', selected === field.uid ? 'is-selected' : '', fieldProblems.length > 0 ? 'has-problem' : ''].join(' ');
  return (
    <div
      ref={setNodeRef}
      className={classes}
      style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.4 : 1 }}
      data-testid={`field-${field.key}`}
      data-field-uid={field.uid}
      onClick={(event) => {
        event.stopPropagation();
        onSelect(field.uid);
      }}
    >
      <div className="gz-field-card-head">
        <span className="gz-field-handle" {...listeners} {...attributes} aria-label="drag">
          <HolderOutlined />
        </span>
        <div className="gz-field-card-text">
          <Typography.Text strong>
            {field.label || field.key}
            {field.required && <span className="gz-required">*</span>}
          </Typography.Text>
          <Space size={4} wrap>
            <Tag>{kindLabel(t, field.kind)}</Tag>
            <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
              {field.key}
            </Typography.Text>
            {field.pii && <Tag color="purple">PII</Tag>}
            {field.shownWhen && <Tag color="blue">{`${field.shownWhen.field} = ${String(field.shownWhen.equals)}`}</Tag>}
          </Space>
          {fieldProblems.map((problem) => (
            <Typography.Text key={problem} type="danger" style={{ display: 'block', fontSize: 12 }}>
              {problem}
            </Typography.Text>
          ))}
        </div>
        <Space size={0} className="gz-field-actions">
          <Tooltip title={t('moveUp')}>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('moveUp')} onClick={(e) => { e.stopPropagation(); onMove(field.uid, -1); }} />
          </Tooltip>
          <Tooltip title={t('moveDown')}>
            <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === count - 1} aria-label={t('moveDown')} onClick={(e) => { e.stopPropagation(); onMove(field.uid, 1); }} />
          </Tooltip>
          <Tooltip title={t('delete')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('delete')} data-testid={`field-delete-${field.key}`} onClick={(e) => { e.stopPropagation(); onDelete(field.uid); }} />
          </Tooltip>
        </Space>
      </div>
      {hasChildren(field.kind) && <FieldList {...props} fields={field.children ?? []} container={field.uid} />}
    </div>
  );
}

/** One container's fields as a sortable list, itself a drop target (so an empty group accepts fields). */
function FieldList(props: CanvasProps & { container: string | null }) {
  const { fields, container, t } = props;
  const { setNodeRef, isOver } = useDroppable({ id: containerId(container), data: { container } });
  return (
    <SortableContext id={containerId(container)} items={fields.map((f) => f.uid)} strategy={verticalListSortingStrategy}>
      <div ref={setNodeRef} className={`gz-field-list${container ? ' is-nested' : ''}${isOver ? ' is-over' : ''}`} data-testid={`field-list-${container ?? 'root'}`}>
        {fields.map((field, index) => (
          <FieldCard key={field.uid} {...props} field={field} index={index} count={fields.length} container={container} />
        ))}
        {fields.length === 0 && <div className="gz-field-empty">{container ? t('dropHere') : t('canvasEmpty')}</div>}
      </div>
    </SortableContext>
  );
}

/** The form's fields as the designer arranges them. */
export function FormCanvas(props: CanvasProps) {
  return (
    <div className="gz-form-canvas" data-testid="form-canvas">
      <FieldList {...props} container={null} />
    </div>
  );
}

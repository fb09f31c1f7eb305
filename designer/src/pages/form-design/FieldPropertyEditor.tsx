import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { boundsOf, hasOptions, hasPattern, type FieldOption, type FormField, type ShownWhen } from './form-field.js';
import { kindLabel, type FormDesignT } from './i18n.js';

interface Props {
  field: FormField | undefined;
  /** The fields beside the selected one: a shown-when condition may name any of them. */
  siblings: FormField[];
  problems: string[];
  t: FormDesignT;
  onChange(patch: Partial<FormField>): void;
}

/** A JSON object typed by hand (custom fields); applied when it parses. */
function JsonObjectInput({ value, onChange, testId }: { value: Record<string, unknown> | undefined; onChange(v: Record<string, unknown>): void; testId: string }) {
  const [text, setText] = useState(() => JSON.stringify(value ?? {}, null, 2));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(JSON.stringify(value ?? {}, null, 2)), [value]);
  return (
    <>
      <Input.TextArea
        value={text}
        autoSize={{ minRows: 4, maxRows: 16 }}
        className="gz-json-text"
        data-testid={testId}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed = JSON.parse(event.target.value) as unknown;
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
            setError(null);
            onChange(parsed as Record<string, unknown>);
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </>
  );
}

function OptionsEditor({ options, t, onChange }: { options: FieldOption[]; t: FormDesignT; onChange(options: FieldOption[]): void }) {
  const set = (index: number, patch: Partial<FieldOption>) => onChange(options.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      {options.map((option, index) => (
        <Space.Compact key={index} style={{ width: '100%' }}>
          <Input placeholder={t('optionValue')} value={option.value} onChange={(e) => set(index, { value: e.target.value })} data-testid={`option-value-${index}`} style={{ width: '40%' }} />
          <Input placeholder={t('optionLabel')} value={option.label} onChange={(e) => set(index, { label: e.target.value })} data-testid={`option-label-${index}`} />
          <Button icon={<DeleteOutlined />} aria-label={t('delete')} onClick={() => onChange(options.filter((_, i) => i !== index))} />
        </Space.Compact>
      ))}
      <Button
        icon={<PlusOutlined />}
        size="small"
        data-testid="option-add"
        onClick={() => {
          const n = options.length + 1;
          onChange([...options, { value: `option${n}`, label: `选项${n}` }]);
        }}
      >
        {t('addOption')}
      </Button>
    </Space>
  );
}

/** The value a shown-when condition compares with, typed by the field it names. */
function ConditionValue({ target, value, t, onChange }: { target: FormField; value: ShownWhen['equals']; t: FormDesignT; onChange(v: ShownWhen['equals']): void }) {
  if (target.kind === 'checkbox') {
    return (
      <Select value={value} onChange={onChange} options={[{ value: true, label: t('yes') }, { value: false, label: t('no') }]} data-testid="shown-when-value" style={{ width: '100%' }} />
    );
  }
  if (target.kind === 'select' || target.kind === 'radio') {
    return <Select value={value} onChange={onChange} options={(target.options ?? []).map((o) => ({ value: o.value, label: o.label }))} data-testid="shown-when-value" style={{ width: '100%' }} />;
  }
  if (target.kind === 'number' || target.kind === 'integer') {
    return <InputNumber value={typeof value === 'number' ? value : undefined} onChange={(v) => onChange(v ?? 0)} data-testid="shown-when-value" style={{ width: '100%' }} />;
  }
  return <Input value={String(value)} onChange={(e) => onChange(e.target.value)} data-testid="shown-when-value" />;
}

/** The default value input, typed by the field's kind; kinds without a sensible default get none. */
function DefaultValue({ field, t, onChange }: { field: FormField; t: FormDesignT; onChange(v: unknown): void }) {
  const value = field.defaultValue;
  switch (field.kind) {
    case 'number':
    case 'integer':
      return <InputNumber value={typeof value === 'number' ? value : null} precision={field.kind === 'integer' ? 0 : undefined} onChange={(v) => onChange(v ?? undefined)} style={{ width: '100%' }} data-testid="prop-default" />;
    case 'checkbox':
      return (
        <Select allowClear value={typeof value === 'boolean' ? value : undefined} onChange={(v) => onChange(v)} options={[{ value: true, label: t('yes') }, { value: false, label: t('no') }]} data-testid="prop-default" />
      );
    case 'select':
    case 'radio':
      return <Select allowClear value={typeof value === 'string' ? value : undefined} onChange={(v) => onChange(v)} options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))} data-testid="prop-default" />;
    case 'multiselect':
      return (
        <Select mode="multiple" allowClear value={Array.isArray(value) ? (value as string[]) : []} onChange={(v: string[]) => onChange(v.length > 0 ? v : undefined)} options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))} data-testid="prop-default" />
      );
    case 'text':
    case 'textarea':
    case 'phone':
    case 'idcard':
    case 'date':
    case 'datetime':
      return (
        <Input
          value={typeof value === 'string' ? value : ''}
          placeholder={field.kind === 'date' ? 'YYYY-MM-DD' : field.kind === 'datetime' ? '2025-03-01T09:30:00+08:00' : undefined}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          data-testid="prop-default"
        />
      );
    default:
      return null;
  }
}

const BOUND_LABELS = { length: ['minLength', 'maxLength'], value: ['minimum', 'maximum'], items: ['minItems', 'maxItems'] } as const;

/** Label, key, required, default, options, bounds, pattern, help, PII and shown-when of the selected field. */
export function FieldPropertyEditor({ field, siblings, problems, t, onChange }: Props) {
  if (!field) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noSelection')} />;
  const bounds = boundsOf(field.kind);
  const others = siblings.filter((s) => s.uid !== field.uid && s.kind !== 'group' && s.kind !== 'section' && s.kind !== 'custom');
  const conditionTarget = field.shownWhen ? siblings.find((s) => s.key === field.shownWhen!.field) : undefined;
  const defaultInput = <DefaultValue field={field} t={t} onChange={(v) => onChange({ defaultValue: v })} />;
  return (
    <Form layout="vertical" size="small" data-testid="field-properties" key={field.uid}>
      <Typography.Text type="secondary">{kindLabel(t, field.kind)}</Typography.Text>
      {problems.length > 0 && <Alert type="error" showIcon style={{ margin: '8px 0' }} message={problems.map((p) => <div key={p}>{p}</div>)} />}
      <Form.Item label={t('label')} required>
        <Input value={field.label} onChange={(e) => onChange({ label: e.target.value })} data-testid="prop-label" />
      </Form.Item>
      <Form.Item label={t('key')} extra={t('keyHelp')} required>
        <Input value={field.key} onChange={(e) => onChange({ key: e.target.value.trim() })} data-testid="prop-key" />
      </Form.Item>
      {field.kind !== 'section' && field.kind !== 'custom' && (
        <Form.Item label={t('required')}>
          <Switch checked={field.required} onChange={(required) => onChange({ required })} data-testid="prop-required" />
        </Form.Item>
      )}
      {field.kind === 'custom' && (
        <>
          <Form.Item label={t('required')}>
            <Switch checked={field.required} onChange={(required) => onChange({ required })} data-testid="prop-required" />
          </Form.Item>
          <Form.Item label={t('rawSchema')}>
            <JsonObjectInput value={field.rawSchema} onChange={(rawSchema) => onChange({ rawSchema })} testId="prop-raw-schema" />
          </Form.Item>
          <Form.Item label={t('rawUiSchema')}>
            <JsonObjectInput value={field.rawUiSchema} onChange={(rawUiSchema) => onChange({ rawUiSchema })} testId="prop-raw-ui-schema" />
          </Form.Item>
        </>
      )}
      {hasOptions(field.kind) && (
        <Form.Item label={t('options')}>
          <OptionsEditor options={field.options ?? []} t={t} onChange={(options) => onChange({ options })} />
        </Form.Item>
      )}
      {defaultInput && field.kind !== 'custom' && <Form.Item label={t('defaultValue')}>{defaultInput}</Form.Item>}
      {bounds && (
        <Space.Compact block>
          <Form.Item label={t(BOUND_LABELS[bounds][0])} style={{ width: '50%' }}>
            <InputNumber value={field.min ?? null} min={bounds === 'value' ? undefined : 0} onChange={(v) => onChange({ min: v ?? undefined })} style={{ width: '100%' }} data-testid="prop-min" />
          </Form.Item>
          <Form.Item label={t(BOUND_LABELS[bounds][1])} style={{ width: '50%' }}>
            <InputNumber value={field.max ?? null} min={bounds === 'value' ? undefined : 0} onChange={(v) => onChange({ max: v ?? undefined })} style={{ width: '100%' }} data-testid="prop-max" />
          </Form.Item>
        </Space.Compact>
      )}
      {hasPattern(field.kind) && (
        <Form.Item label={t('pattern')}>
          <Input value={field.pattern ?? ''} placeholder="^[0-9]{6}$" onChange={(e) => onChange({ pattern: e.target.value || undefined })} data-testid="prop-pattern" className="gz-json-text" />
        </Form.Item>
      )}
      {field.kind !== 'custom' && (
        <>
          <Form.Item label={t('help')}>
            <Input.TextArea value={field.help ?? ''} autoSize={{ minRows: 1, maxRows: 4 }} onChange={(e) => onChange({ help: e.target.value || undefined })} data-testid="prop-help" />
          </Form.Item>
          <Form.Item label={t('pii')}>
            <Switch checked={field.pii === true} onChange={(pii) => onChange({ pii: pii || undefined })} data-testid="prop-pii" />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('shownWhen')}>
        <Space direction="vertical" style={{ width: '100%' }} size={4}>
          <Select
            allowClear
            placeholder={t('shownWhenNone')}
            value={field.shownWhen?.field}
            data-testid="shown-when-field"
            options={others.map((s) => ({ value: s.key, label: `${s.label} (${s.key})` }))}
            onChange={(key: string | undefined) => {
              if (!key) return onChange({ shownWhen: undefined });
              const target = others.find((s) => s.key === key)!;
              const equals: ShownWhen['equals'] =
                target.kind === 'checkbox' ? true : target.kind === 'number' || target.kind === 'integer' ? 0 : (target.options?.[0]?.value ?? '');
              onChange({ shownWhen: { field: key, equals } });
            }}
          />
          {field.shownWhen && conditionTarget && (
            <>
              <Typography.Text type="secondary">{t('shownWhenEquals')}</Typography.Text>
              <ConditionValue target={conditionTarget} value={field.shownWhen.equals} t={t} onChange={(equals) => onChange({ shownWhen: { field: field.shownWhen!.field, equals } })} />
            </>
          )}
        </Space>
      </Form.Item>
    </Form>
  );
}

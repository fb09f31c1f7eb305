import { useEffect, useRef, useState } from 'react';
import { Alert, Input, Tabs } from 'antd';
import type { FormDesignT } from './i18n.js';

interface Props {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  t: FormDesignT;
  /** Called with both objects whenever the text parses; throws (with a message) when they are no form. */
  onChange(schema: Record<string, unknown>, uiSchema: Record<string, unknown>): void;
}

function parseObject(text: string): Record<string, unknown> {
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  return value as Record<string, unknown>;
}

/**
 * The schema and uiSchema as JSON, editable: valid text updates the designer at once; while a text area has the focus
 * the designer's re-written JSON does not replace what is being typed.
 */
export function FormJsonEditor({ schema, uiSchema, t, onChange }: Props) {
  const [texts, setTexts] = useState({ schema: JSON.stringify(schema, null, 2), uiSchema: JSON.stringify(uiSchema, null, 2) });
  const [error, setError] = useState<string | null>(null);
  const editing = useRef(false);

  useEffect(() => {
    if (editing.current) return;
    setTexts({ schema: JSON.stringify(schema, null, 2), uiSchema: JSON.stringify(uiSchema, null, 2) });
    setError(null);
  }, [schema, uiSchema]);

  const edit = (part: 'schema' | 'uiSchema', text: string) => {
    const next = { ...texts, [part]: text };
    setTexts(next);
    let parsed: [Record<string, unknown>, Record<string, unknown>];
    try {
      parsed = [parseObject(next.schema), parseObject(next.uiSchema)];
    } catch (e) {
      setError(t('jsonInvalid', { message: (e as Error).message }));
      return;
    }
    try {
      onChange(...parsed);
      setError(null);
    } catch (e) {
      setError(t('jsonNotForm', { message: (e as Error).message }));
    }
  };

  const area = (part: 'schema' | 'uiSchema') => (
    <Input.TextArea
      value={texts[part]}
      className="gz-json-text"
      autoSize={{ minRows: 12, maxRows: 40 }}
      spellCheck={false}
      data-testid={`form-json-${part}`}
      onFocus={() => (editing.current = true)}
      onBlur={() => {
        editing.current = false;
        // Show the JSON as the designer now writes it (normalised order and layout).
        if (!error) setTexts({ schema: JSON.stringify(schema, null, 2), uiSchema: JSON.stringify(uiSchema, null, 2) });
      }}
      onChange={(e) => edit(part, e.target.value)}
    />
  );

  return (
    <>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} data-testid="form-json-error" />}
      <Tabs
        size="small"
        items={[
          { key: 'schema', label: t('schema'), children: area('schema') },
          { key: 'uiSchema', label: t('uiSchema'), children: area('uiSchema') },
        ]}
      />
    </>
  );
}

import { useT } from '../app/i18n/language.js';

/** A JSON value shown as indented text (variables, audit details); long values scroll. */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  const t = useT();
  if (value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)) {
    return <span className="ant-typography ant-typography-secondary">{t('json.empty')}</span>;
  }
  return (
    <pre className="gz-json" data-testid={testId}>
      {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}

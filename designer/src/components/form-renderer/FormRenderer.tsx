import { useEffect, useMemo, useState, type ReactNode } from 'react';
import Form from '@rjsf/antd';
import type { IChangeEvent } from '@rjsf/core';
import type { RegistryWidgetsType, RJSFSchema, UiSchema } from '@rjsf/utils';
import type { FieldError } from '../../app/api.js';
import { useLanguage } from '../../app/i18n/language.js';
import { validatorFor } from './schema-validator.js';
import { serverErrorSchema, valueAt } from './server-field-errors.js';
import { FileRefWidget } from './FileRefWidget.js';
import { localizedSchema } from './localized-schema.js';

/** Widgets our forms name in `ui:widget` beyond rjsf's own. */
export const formWidgets: RegistryWidgetsType = { 'file-ref': FileRefWidget };

export interface FormRendererProps {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  formData?: unknown;
  onChange?: (data: unknown) => void;
  /** Called with data that passed the browser's validation. */
  onSubmit?: (data: unknown) => void;
  /** Called when the browser's validation stops a submit. */
  onInvalid?: () => void;
  disabled?: boolean;
  readonly?: boolean;
  /** Field errors from the server (422); each is shown on its field until that field is changed. */
  serverErrors?: readonly FieldError[];
  /** The form's buttons (an antd Button with htmlType="submit" submits); without children there are none. */
  children?: ReactNode;
  id?: string;
}

/**
 * A form exactly as staff see it: @rjsf/core with the antd theme, the server's JSON Schema draft and formats,
 * messages in the user's language, the file-ref widget. The form designer's preview uses it too.
 */
export function FormRenderer(props: FormRendererProps) {
  const { schema, uiSchema, formData, onChange, onSubmit, onInvalid, disabled, readonly, serverErrors, children, id } = props;
  const { language } = useLanguage();
  const validator = useMemo(() => validatorFor(schema, language), [schema, language]);
  const shownSchema = useMemo(() => localizedSchema(schema, language), [schema, language]);
  const [attempted, setAttempted] = useState(false);
  const [shownServerErrors, setShownServerErrors] = useState<{ errors: readonly FieldError[]; data: unknown }>({ errors: [], data: undefined });

  useEffect(() => {
    setShownServerErrors({ errors: serverErrors ?? [], data: formData });
    // Only a new set of server errors resets what is shown (with the data they were about); typing must not.
  }, [serverErrors]); // formData left out on purpose

  const extraErrors = useMemo(() => (shownServerErrors.errors.length > 0 ? serverErrorSchema(shownServerErrors.errors) : undefined), [shownServerErrors]);

  const change = (event: IChangeEvent) => {
    const data = event.formData;
    if (shownServerErrors.errors.length > 0) {
      const still = shownServerErrors.errors.filter((e) => JSON.stringify(valueAt(data, e.field)) === JSON.stringify(valueAt(shownServerErrors.data, e.field)));
      if (still.length !== shownServerErrors.errors.length) setShownServerErrors({ errors: still, data: shownServerErrors.data });
    }
    onChange?.(data);
  };

  return (
    <div className="gz-form">
    <Form
      id={id}
      schema={shownSchema as RJSFSchema}
      uiSchema={{ 'ui:submitButtonOptions': { norender: true }, ...(uiSchema as UiSchema | undefined) }}
      formData={formData}
      validator={validator}
      widgets={formWidgets}
      extraErrors={extraErrors}
      // Quiet until the first submit, then every keystroke re-checks, so errors disappear as they are fixed.
      liveValidate={attempted ? 'onChange' : undefined}
      showErrorList={false}
      noHtml5Validate
      focusOnFirstError
      disabled={disabled}
      readonly={readonly}
      onChange={change}
      onError={() => {
        setAttempted(true);
        onInvalid?.();
      }}
      onSubmit={(event) => {
        setAttempted(true);
        onSubmit?.(event.formData);
      }}
    >
      {children ?? <></>}
    </Form>
    </div>
  );
}

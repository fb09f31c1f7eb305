import type { ErrorTransformer, RJSFValidationError } from '@rjsf/utils';
import { messagesOf, type Language } from '../../app/i18n/language.js';

/**
 * Plainer messages than ajv's for the mistakes clerks make most: a missing field, a phone or ID number that is not
 * one. Every other message is ajv-i18n's in the user's language. rjsf shows a message under its field, so the field's
 * name is not repeated in it.
 */
export function validationMessages(language: Language): ErrorTransformer {
  const m = messagesOf(language);
  return (errors: RJSFValidationError[]) =>
    errors.map((error) => {
      let message: string | undefined;
      if (error.name === 'required') message = m['form.required'];
      else if (error.name === 'format' && error.params?.format === 'phone') message = m['form.phone'];
      else if (error.name === 'format' && error.params?.format === 'cn-id-card') message = m['form.idCard'];
      return message ? { ...error, message, stack: `${error.property ?? ''} ${message}`.trim() } : error;
    });
}

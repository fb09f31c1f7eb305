import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import type { Localize } from 'ajv-i18n/localize/types.js';
import { compiledForms } from './compiled-form-cache.js';
import type { FormDefinition } from './form-definition.js';
import { assertFormLocale, defaultFormLocale, type FormLocale } from './form-locale.js';
import { submissionErrorOf, type SubmissionError } from './submission-error.js';

// ajv-i18n's typings declare an ES default export for a CommonJS function export; require reads it as it is.
const require = createRequire(import.meta.url);
const localizeZh = require('ajv-i18n/localize/zh') as Localize;

export interface SubmissionValidation {
  valid: boolean;
  errors: SubmissionError[];
}

/**
 * Validates data submitted for a form: every error, each pointing at its field, with a message in the locale.
 * The data is neither coerced, defaulted nor stripped — what is validated is exactly what will be stored.
 * Throws FormDefinitionError when the form itself is unusable.
 */
export function validateSubmission(form: FormDefinition, data: unknown, locale: FormLocale = defaultFormLocale): SubmissionValidation {
  assertFormLocale(locale);
  const compiled = compiledForms.get(form);
  if (compiled.validate(data)) return { valid: true, errors: [] };

  // Copies: ajv reuses its error objects, and the zh localiser rewrites messages in place.
  const ajvErrors: ErrorObject[] = (compiled.validate.errors ?? [])
    // A failed `if` only says that its then/else failed, whose own errors are reported.
    .filter((error) => error.keyword !== 'if')
    .map((error) => ({ ...error }));
  if (locale === 'zh') localizeZh(ajvErrors);

  const errors: SubmissionError[] = [];
  const seen = new Set<string>();
  for (const ajvError of ajvErrors) {
    const error = submissionErrorOf(ajvError, { navigator: compiled.navigator, data, locale });
    // anyOf/oneOf branches can repeat the same complaint about the same field.
    const identity = `${error.field}\u0000${error.keyword}\u0000${error.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    errors.push(error);
  }
  return { valid: false, errors };
}

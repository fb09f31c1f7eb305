import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { customizeValidator, type Localizer } from '@rjsf/validator-ajv8';
import type { ValidatorType } from '@rjsf/utils';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import localizeEn from 'ajv-i18n/localize/en/index.js';
import { isPhoneNumber } from '../../../../engine/src/forms/phone-number.js';
import { isResidentIdNumber } from '../../../../engine/src/forms/resident-id-number.js';
import type { Language } from '../../app/i18n/language.js';

/**
 * The browser's validator for a form: the same draft and the same custom formats as the server's (the phone and ID
 * card checks are the engine's own functions), so what passes here passes there; messages in the user's language.
 */
const customFormats = {
  phone: (value: string) => isPhoneNumber(value),
  'cn-id-card': (value: string) => isResidentIdNumber(value),
};

export type SchemaDraft = '2020-12' | 'draft-07';

/** As the server decides (engine/src/forms/schema-draft.ts): draft-07 only when `$schema` says so. */
export function schemaDraftOf(schema: Record<string, unknown>): SchemaDraft {
  const meta = schema.$schema;
  return typeof meta === 'string' && meta.includes('draft-07') ? 'draft-07' : '2020-12';
}

const localizers: Record<Language, Localizer> = { zh: localizeZh as Localizer, en: localizeEn as Localizer };
const cache = new Map<string, ValidatorType>();

export function validatorFor(schema: Record<string, unknown>, language: Language): ValidatorType {
  const draft = schemaDraftOf(schema);
  const key = `${draft}:${language}`;
  let validator = cache.get(key);
  if (!validator) {
    validator = customizeValidator(
      {
        AjvClass: (draft === 'draft-07' ? Ajv : Ajv2020) as typeof Ajv,
        customFormats,
        // Form schemas carry x-pii, x-file and friends; they annotate, they do not validate.
        ajvOptionsOverrides: { strict: false },
      },
      localizers[language],
    );
    cache.set(key, validator);
  }
  return validator;
}

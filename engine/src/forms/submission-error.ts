import type { ErrorObject } from 'ajv';
import { fieldLabel } from './field-label.js';
import { isJsonObject } from './form-definition.js';
import { formatDescription, isFormFormatName } from './form-formats.js';
import type { FormLocale } from './form-locale.js';
import { escapePointerSegment, segmentsOf } from './json-pointer.js';
import type { SchemaNavigator } from './schema-navigator.js';

/** One thing wrong with submitted form data: the field as a JSON pointer, a message for people, ajv's keyword. */
export interface SubmissionError {
  field: string;
  message: string;
  keyword: string;
}

export interface SubmissionContext {
  navigator: SchemaNavigator;
  data: unknown;
  locale: FormLocale;
}

const jsonTypeNames: Record<string, string> = {
  string: '文本', number: '数字', integer: '整数', boolean: '布尔值', object: '对象', array: '列表', null: '空值',
};

/**
 * Turns one ajv error (its message already localised by ajv-i18n for zh, ajv's own English otherwise) into a
 * submission error. Errors about a property that is missing or not allowed point at that property, not at the
 * object holding it, because that is the field the form shows; their messages are ours, in both languages.
 */
export function submissionErrorOf(error: ErrorObject, context: SubmissionContext): SubmissionError {
  const { locale } = context;
  const zh = locale === 'zh';
  const params = error.params as Record<string, unknown>;
  const label = (pointer: string, withFailingSchema = false): string =>
    fieldLabel(
      context.navigator,
      context.data,
      segmentsOf(pointer),
      locale,
      withFailingSchema && isJsonObject(error.parentSchema) ? error.parentSchema : undefined,
    );
  const child = (name: unknown): string => `${error.instancePath}/${escapePointerSegment(String(name))}`;
  const localised = error.message ?? error.keyword;

  switch (error.keyword) {
    case 'required': {
      const field = child(params.missingProperty);
      return { field, keyword: error.keyword, message: zh ? `${label(field)} 为必填项` : `${label(field)} is required` };
    }
    case 'dependentRequired':
    case 'dependencies': {
      const field = child(params.missingProperty);
      const because = label(child(params.property));
      return {
        field,
        keyword: error.keyword,
        message: zh ? `${label(field)} 为必填项（已填写 ${because}）` : `${label(field)} is required when ${because} is given`,
      };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const field = child(error.keyword === 'additionalProperties' ? params.additionalProperty : params.unevaluatedProperty);
      return { field, keyword: error.keyword, message: zh ? `${label(field)} 不是允许的字段` : `${label(field)} is not an allowed field` };
    }
    default:
      return { field: error.instancePath, keyword: error.keyword, message: `${label(error.instancePath, true)} ${detail(error, localised, locale)}` };
  }
}

/** The message after the label, where ajv's generic wording can say more. */
function detail(error: ErrorObject, localised: string, locale: FormLocale): string {
  const zh = locale === 'zh';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'format':
      if (isFormFormatName(params.format)) {
        const what = formatDescription(params.format, locale);
        return zh ? `不是有效的${what}` : `must be a valid ${what}`;
      }
      return localised;
    case 'enum':
      if (Array.isArray(params.allowedValues)) {
        const values = params.allowedValues.map(displayValue);
        return zh ? `应当是以下之一：${values.join('、')}` : `must be one of: ${values.join(', ')}`;
      }
      return localised;
    case 'const':
      return zh ? `应当等于 ${displayValue(params.allowedValue)}` : `must be equal to ${displayValue(params.allowedValue)}`;
    case 'type': {
      if (!zh) return localised;
      const types = String(params.type).split(',');
      return `应当是${types.map((type) => jsonTypeNames[type] ?? type).join('或')}`;
    }
    default:
      return localised;
  }
}

function displayValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

import type { OutputUnit } from '@cfworker/json-schema';
import { messagesOf, type Language } from '../../app/i18n/language.js';

/**
 * Messages for what a clerk typed wrong, in the user's language, by JSON Schema keyword. rjsf shows each under its
 * field, so they do not repeat the field's name. Numbers come from the validator's own message, which states them.
 */
const TYPE_NAMES: Record<Language, Record<string, string>> = {
  zh: { string: '文本', number: '数字', integer: '整数', boolean: '是或否', array: '列表', object: '一组字段', null: '空值' },
  en: { string: 'text', number: 'a number', integer: 'a whole number', boolean: 'yes or no', array: 'a list', object: 'a group of fields', null: 'empty' },
};

const FORMATS: Record<Language, Record<string, string>> = {
  zh: {
    date: '请输入有效的日期（YYYY-MM-DD）',
    'date-time': '请输入有效的日期时间',
    time: '请输入有效的时间',
    email: '请输入有效的电子邮箱地址',
    uri: '请输入有效的网址',
  },
  en: {
    date: 'Enter a valid date (YYYY-MM-DD)',
    'date-time': 'Enter a valid date and time',
    time: 'Enter a valid time',
    email: 'Enter a valid email address',
    uri: 'Enter a valid URI',
  },
};

type Template = (n: string) => string;
const BY_KEYWORD: Record<Language, Record<string, Template>> = {
  zh: {
    minLength: (n) => `至少填写 ${n} 个字符`,
    maxLength: (n) => `最多填写 ${n} 个字符`,
    minimum: (n) => `不能小于 ${n}`,
    maximum: (n) => `不能大于 ${n}`,
    exclusiveMinimum: (n) => `应大于 ${n}`,
    exclusiveMaximum: (n) => `应小于 ${n}`,
    multipleOf: (n) => `应为 ${n} 的整数倍`,
    minItems: (n) => `至少填写 ${n} 项`,
    maxItems: (n) => `最多填写 ${n} 项`,
    minProperties: (n) => `至少填写 ${n} 项`,
    maxProperties: (n) => `最多填写 ${n} 项`,
    pattern: () => '格式不正确',
    enum: () => '请从选项中选择',
    const: () => '填写的值不符合要求',
    uniqueItems: () => '不能有重复项',
    anyOf: () => '不符合任何一种允许的填写方式',
    oneOf: () => '应符合且只符合一种填写方式',
    not: () => '填写的值不被允许',
    additionalProperties: () => '不是允许的字段',
    unevaluatedProperties: () => '不是允许的字段',
    contains: () => '缺少符合要求的项',
  },
  en: {
    minLength: (n) => `Enter at least ${n} characters`,
    maxLength: (n) => `Enter at most ${n} characters`,
    minimum: (n) => `Must be at least ${n}`,
    maximum: (n) => `Must be at most ${n}`,
    exclusiveMinimum: (n) => `Must be greater than ${n}`,
    exclusiveMaximum: (n) => `Must be less than ${n}`,
    multipleOf: (n) => `Must be a multiple of ${n}`,
    minItems: (n) => `Add at least ${n} items`,
    maxItems: (n) => `Add at most ${n} items`,
    minProperties: (n) => `Fill in at least ${n} fields`,
    maxProperties: (n) => `Fill in at most ${n} fields`,
    pattern: () => 'Not in the expected format',
    enum: () => 'Choose one of the options',
    const: () => 'This value is not the one expected',
    uniqueItems: () => 'Items must not repeat',
    anyOf: () => 'Matches none of the allowed forms',
    oneOf: () => 'Must match exactly one of the allowed forms',
    not: () => 'This value is not allowed',
    additionalProperties: () => 'Not an allowed field',
    unevaluatedProperties: () => 'Not an allowed field',
    contains: () => 'No item meets the requirement',
  },
};

/** The limit a message states: "String is too short (1 < 2)." → "2"; "3 is less than 5." → "5". */
function limitIn(text: string): string {
  const comparison = /[<>] (-?[\d.e+]+)\)/.exec(text);
  if (comparison) return comparison[1];
  const numbers = text.match(/-?\d+(?:\.\d+)?/g);
  return numbers ? numbers[numbers.length - 1] : '';
}

export function validationMessage(unit: OutputUnit, language: Language): string {
  const app = messagesOf(language);
  switch (unit.keyword) {
    case 'required':
    case 'dependentRequired':
    case 'dependencies':
      return app['form.required'];
    case 'type': {
      const expected = /Expected "([^"]+)"/.exec(unit.error)?.[1]?.split('", "') ?? [];
      const names = expected.map((t) => TYPE_NAMES[language][t] ?? t).join(language === 'zh' ? '或' : ' or ');
      return language === 'zh' ? `应为${names}` : `Must be ${names}`;
    }
    case 'format': {
      const format = /format "([^"]+)"/.exec(unit.error)?.[1] ?? '';
      if (format === 'phone') return app['form.phone'];
      if (format === 'cn-id-card') return app['form.idCard'];
      return FORMATS[language][format] ?? (language === 'zh' ? `格式应为 ${format}` : `Must be a valid ${format}`);
    }
    default: {
      const template = BY_KEYWORD[language][unit.keyword];
      return template ? template(limitIn(unit.error)) : unit.error;
    }
  }
}

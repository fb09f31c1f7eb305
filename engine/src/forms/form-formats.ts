import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { Format } from 'ajv';
import { isPhoneNumber } from './phone-number.js';
import { isResidentIdNumber } from './resident-id-number.js';
import type { FormLocale } from './form-locale.js';

/**
 * The `format` values a form schema may use. Anything else is a definition error rather than ignored, so that
 * a typo never silently switches a check off. The standard ones are ajv-formats' full (not fast) checks, which
 * also reject impossible dates such as 2025-02-30; `time` is there because rjsf offers a time widget.
 */
const formats = {
  phone: {
    check: (value: string) => isPhoneNumber(value),
    description: { zh: '电话号码（手机号或带区号的固定电话，如 010-12345678）', en: 'phone number (mobile, or landline with area code such as 010-12345678)' },
  },
  'cn-id-card': {
    // Read the time per check: the validator is compiled once and lives for days.
    check: (value: string) => isResidentIdNumber(value),
    description: { zh: '居民身份证号码', en: 'resident ID card number' },
  },
  date: { check: fullFormats.date, description: { zh: '日期（YYYY-MM-DD）', en: 'date (YYYY-MM-DD)' } },
  'date-time': {
    check: fullFormats['date-time'],
    description: { zh: '日期时间（如 2025-03-01T09:30:00+08:00）', en: 'date-time (such as 2025-03-01T09:30:00+08:00)' },
  },
  time: { check: fullFormats.time, description: { zh: '时间（如 09:30:00+08:00）', en: 'time (such as 09:30:00+08:00)' } },
  email: { check: fullFormats.email, description: { zh: '电子邮箱地址', en: 'email address' } },
  uri: { check: fullFormats.uri, description: { zh: '网址（URI）', en: 'URI' } },
} satisfies Record<string, { check: Format; description: Record<FormLocale, string> }>;

export type FormFormatName = keyof typeof formats;

export const formFormatNames = Object.keys(formats) as FormFormatName[];

export function isFormFormatName(name: unknown): name is FormFormatName {
  return typeof name === 'string' && Object.hasOwn(formats, name);
}

/** What a value of the format is, for messages: "不是有效的居民身份证号码" / "must be a valid resident ID card number". */
export function formatDescription(name: FormFormatName, locale: FormLocale): string {
  return formats[name].description[locale];
}

export function formatCheck(name: FormFormatName): Format {
  return formats[name].check;
}

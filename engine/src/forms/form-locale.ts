import { FormError } from './form-error.js';

/** The languages validation messages come in. Chinese is the default: the staff who fill the forms read it. */
export type FormLocale = 'zh' | 'en';

export const defaultFormLocale: FormLocale = 'zh';

export function isFormLocale(value: unknown): value is FormLocale {
  return value === 'zh' || value === 'en';
}

export function assertFormLocale(value: unknown): FormLocale {
  if (!isFormLocale(value)) throw new FormError(`Locale ${JSON.stringify(value)} is not supported; use "zh" or "en"`);
  return value;
}

/**
 * The locale an Accept-Language header asks for (RFC 9110 §12.5.4): the zh or en range with the highest weight,
 * the earlier one on a tie; q=0 means "not this one". Chinese when the header is missing, malformed or names
 * neither language.
 */
export function localeFrom(acceptLanguage: string | null | undefined): FormLocale {
  if (!acceptLanguage) return defaultFormLocale;
  let best: { locale: FormLocale; weight: number } | undefined;
  for (const entry of acceptLanguage.split(',')) {
    const [range, ...parameters] = entry.trim().split(';');
    const locale = localeOfRange(range.trim().toLowerCase());
    if (!locale) continue;
    const weight = weightOf(parameters);
    if (weight > 0 && (!best || weight > best.weight)) best = { locale, weight };
  }
  return best?.locale ?? defaultFormLocale;
}

function localeOfRange(range: string): FormLocale | undefined {
  if (range === 'zh' || range.startsWith('zh-')) return 'zh';
  if (range === 'en' || range.startsWith('en-')) return 'en';
  return undefined;
}

function weightOf(parameters: string[]): number {
  for (const parameter of parameters) {
    const match = /^\s*q\s*=\s*(.*?)\s*$/i.exec(parameter);
    if (match) {
      // A weight that is not a number from 0 to 1 makes the range unusable rather than fully preferred.
      const weight = /^[01](\.\d{0,3})?$/.test(match[1]) ? Number(match[1]) : 0;
      return weight <= 1 ? weight : 0;
    }
  }
  return 1;
}

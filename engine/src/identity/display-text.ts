import { invalidArgument } from './identity-error.js';

/**
 * A human-readable name (organisation name, display name, API key name): a string, trimmed, not empty,
 * at most maxLength characters, without control characters (they break lists and logs).
 */
export function checkDisplayText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string') throw invalidArgument(`${field} must be a string, got ${describe(value)}`, field);
  const text = value.trim();
  if (text === '') throw invalidArgument(`${field} must not be empty`, field);
  if ([...text].length > maxLength) throw invalidArgument(`${field} must be at most ${maxLength} characters`, field);
  if (/\p{Cc}/u.test(text)) throw invalidArgument(`${field} must not contain control characters`, field);
  return text;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

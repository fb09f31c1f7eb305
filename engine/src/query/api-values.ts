import { QueryError } from './query-error.js';

/**
 * How the v2 REST API writes and reads the read model's values: keys travel as strings (Zeebe keys are
 * 64-bit and JSON numbers are not), instants as ISO-8601 date-times.
 */

/** Camunda's single tenant when multi-tenancy is off; this engine has no tenants. */
export const DEFAULT_TENANT = '<default>';

export function keyText(key: number): string {
  return String(key);
}

export function optionalKeyText(key: number | null | undefined): string | null {
  return key === null || key === undefined ? null : String(key);
}

export function isoDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function optionalIsoDateTime(epochMs: number | null | undefined): string | null {
  return epochMs === null || epochMs === undefined ? null : isoDateTime(epochMs);
}

const DIGITS = /^\d{1,16}$/;

/** A key given by a caller: a string of digits (as the API writes them) or a non-negative safe integer. */
export function parseKey(field: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && DIGITS.test(value)) {
    const key = Number(value);
    if (Number.isSafeInteger(key)) return key;
  }
  throw new QueryError(field, `must be a key: a string of digits such as "2251799813685249", but was ${describe(value)}`);
}

/** RFC 3339 date-time with an explicit zone: without one, the instant would depend on the server's time zone. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/** An ISO-8601 date-time given by a caller, as epoch milliseconds. */
export function parseDateTime(field: string, value: unknown): number {
  if (typeof value === 'string' && DATE_TIME.test(value)) {
    const epochMs = Date.parse(value);
    if (!Number.isNaN(epochMs)) return epochMs;
  }
  throw new QueryError(
    field,
    `must be an ISO-8601 date-time with a zone, such as "2026-10-09T17:00:00+08:00" or "2026-10-09T09:00:00Z", but was ${describe(value)}`,
  );
}

export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return `${typeof value} ${String(value)}`;
}

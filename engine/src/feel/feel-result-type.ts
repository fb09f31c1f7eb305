/**
 * The type names Zeebe uses in messages such as "Expected result of the expression 'x' to be
 * 'BOOLEAN', but was 'NULL'" (zeebe/feel ResultType).
 */
import { FeelDate, FeelDateTime, FeelDuration } from 'feelin';

export type FeelResultType =
  | 'NULL'
  | 'BOOLEAN'
  | 'NUMBER'
  | 'STRING'
  | 'ARRAY'
  | 'OBJECT'
  | 'DATE'
  | 'DATE_TIME'
  | 'DURATION'
  | 'PERIOD'
  | 'UNKNOWN';

export function feelResultType(value: unknown): FeelResultType {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isFinite(value) ? 'NUMBER' : 'NULL';
  if (typeof value === 'string') return 'STRING';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof FeelDate) return 'DATE';
  if (value instanceof FeelDateTime) return 'DATE_TIME';
  // Zeebe: a days-time duration is a DURATION, a years-months one a PERIOD.
  if (value instanceof FeelDuration) return value.yearsMonths ? 'PERIOD' : 'DURATION';
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return 'OBJECT';
  }
  return 'UNKNOWN';
}

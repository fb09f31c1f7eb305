import type { Batch } from '../../batch.js';
import type { ValueExpression } from '../../../../model/executable-process.js';
import { evaluateInScope } from './variable-behaviour.js';

/** The value of a static-or-FEEL attribute, evaluated in a scope. */
export async function valueOf(b: Batch, scopeKey: number, expression: ValueExpression): Promise<unknown> {
  return expression.type === 'static' ? expression.value : evaluateInScope(b, scopeKey, expression.source);
}

export async function stringOf(b: Batch, scopeKey: number, expression: ValueExpression, what: string): Promise<string> {
  const value = await valueOf(b, scopeKey, expression);
  if (typeof value === 'string') return value;
  throw new Error(`Expected ${what} to be a string, but was ${describe(value)}`);
}

/** Correlation keys may be strings or numbers (Zeebe converts numbers to their text). */
export async function correlationKeyOf(b: Batch, scopeKey: number, expression: ValueExpression, elementId: string): Promise<string> {
  const value = await valueOf(b, scopeKey, expression);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Error(
    `Failed to extract the correlation key for '${elementId}': The value must be either a string or a number, but was ${describe(value)}`,
  );
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  if (typeof value === 'object') return 'OBJECT';
  return typeof value === 'number' ? 'NUMBER' : typeof value === 'boolean' ? 'BOOLEAN' : 'STRING';
}

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './route.js';
import { badRequest } from './problem.js';

const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function fieldOf(error: ErrorObject, root: string): string {
  const base = `${root}${error.instancePath}`;
  if (error.keyword === 'required') return `${base}/${(error.params as { missingProperty: string }).missingProperty}`;
  if (error.keyword === 'additionalProperties') return `${base}/${(error.params as { additionalProperty: string }).additionalProperty}`;
  return base || root || '/';
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `unknown field '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  if (error.keyword === 'required') return `is required`;
  return error.message ?? 'is invalid';
}

/** Validates a request part against its schema; unknown or mistyped fields give 400 naming every one of them. */
export function validateRequestPart(schema: JsonSchema | undefined, value: unknown, part: 'body' | 'query' | 'path'): void {
  if (!schema) return;
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return;
  const errors = (validate.errors ?? []).map((e) => ({ field: fieldOf(e, part === 'body' ? '' : `/${part}`), message: messageOf(e) }));
  // "if" wrappers add noise without naming a field.
  const useful = errors.filter((e, i) => errors.findIndex((x) => x.field === e.field && x.message === e.message) === i);
  throw badRequest(`The request ${part} is invalid: ${useful.map((e) => `${e.field || '/'} ${e.message}`).join('; ')}`, useful);
}

/** Rejects objects carrying keys that poison prototypes, anywhere in a document. */
export function assertNoPrototypeKeys(value: unknown, path = ''): void {
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw badRequest(`The key '${key}' is not allowed (at ${path || '/'})`, [{ field: `${path}/${key}`, message: 'forbidden key' }]);
    }
    assertNoPrototypeKeys((value as Record<string, unknown>)[key], `${path}/${key}`);
  }
}

import { invalidRequest } from './gateway-status.js';

/**
 * Values as they travel on the wire: keys are int64 (decimal strings with proto-loader's
 * `longs: String`), variables and headers are JSON documents whose root is an object.
 */

/** The tenant every resource belongs to while multi-tenancy is off (Zeebe's default tenant). */
export const DEFAULT_TENANT = '<default>';

export function keyToWire(key: number | null | undefined): string {
  return key === null || key === undefined ? '-1' : String(key);
}

/** A key from the request; absent (0) or malformed keys are refused here with the field's name. */
export function keyFromWire(field: string, value: string | number | undefined): number {
  const text = String(value ?? '');
  if (!/^-?\d+$/.test(text)) throw invalidRequest(`Expected '${field}' to be a 64-bit key, but was '${text}'`);
  const key = Number(text);
  if (!Number.isSafeInteger(key)) throw invalidRequest(`Expected '${field}' to be a key the engine issued, but '${text}' is out of range`);
  return key;
}

/** A whole number from an int64 field (milliseconds, counts). */
export function numberFromWire(value: string | number | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function jsonType(value: unknown): string {
  if (value === null) return 'NIL';
  if (Array.isArray(value)) return 'ARRAY';
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isInteger(value) ? 'INTEGER' : 'FLOAT';
  return 'OBJECT';
}

/** A variables document: empty means none; otherwise JSON whose root is an object (Zeebe's wording). */
export function variablesFromWire(field: string, json: string | undefined): Record<string, unknown> {
  if (json === undefined || json.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw invalidRequest(`Property '${field}' is invalid: Expected document to be valid JSON, but it is not (${(error as Error).message})`);
  }
  if (jsonType(parsed) !== 'OBJECT') {
    throw invalidRequest(`Property '${field}' is invalid: Expected document to be a root level object, but was '${jsonType(parsed)}'`);
  }
  return parsed as Record<string, unknown>;
}

export function variablesToWire(variables: Record<string, unknown> | undefined): string {
  return JSON.stringify(variables ?? {});
}

/** Multi-tenancy is off: only the default tenant (or none) may be named, as Zeebe's gateway checks. */
export function checkTenant(rpc: string, tenantId: string | undefined): void {
  if (tenantId && tenantId !== DEFAULT_TENANT) {
    throw invalidRequest(
      `Expected to handle gRPC request ${rpc} with tenant identifier '${tenantId}', but multi-tenancy is disabled`,
    );
  }
}

/** Tenant ids in a list (ActivateJobs, StreamActivatedJobs). */
export function checkTenants(rpc: string, tenantIds: string[] | undefined): void {
  for (const tenantId of tenantIds ?? []) checkTenant(rpc, tenantId);
}

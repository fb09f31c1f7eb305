import type { ServerServices } from '../server-services.js';
import { maskPii, parseFormKey } from '../../forms/index.js';

/**
 * The properties of every form a process uses, merged into one schema: what tells which of a
 * case's variables are personal data (`"x-pii": true`).
 */
function processSchema(services: ServerServices, bpmnProcessId: string): Record<string, unknown> | undefined {
  const process = services.engine.definitions.latestProcess(bpmnProcessId);
  if (!process) return undefined;
  const properties: Record<string, unknown> = {};
  for (const element of process.graph.elements.values()) {
    const formKey = element.userTask?.formKey;
    if (!formKey) continue;
    let formId: string;
    try {
      formId = parseFormKey(formKey);
    } catch {
      continue;
    }
    const form = services.engine.definitions.latestForm(formId);
    const schema = form?.content.schema as { properties?: Record<string, unknown> } | undefined;
    Object.assign(properties, schema?.properties ?? {});
  }
  return { type: 'object', properties };
}

/** Masks a case's personal data for callers without `pii:read`. */
export function maskVariables(services: ServerServices, bpmnProcessId: string | undefined, variables: Record<string, unknown>): Record<string, unknown> {
  const schema = bpmnProcessId ? processSchema(services, bpmnProcessId) : undefined;
  return schema ? (maskPii(schema, variables) as Record<string, unknown>) : variables;
}

/** Masks data shaped by one form. */
export function maskFormData(schema: unknown, data: Record<string, unknown>): Record<string, unknown> {
  return maskPii(schema, data) as Record<string, unknown>;
}

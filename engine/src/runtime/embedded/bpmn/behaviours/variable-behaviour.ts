import type { Batch } from '../../batch.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { VariableMapping } from '../../../../model/executable-process.js';
import { evaluateFeel } from '../../../../feel/feel-expression.js';

/**
 * Variables as Zeebe scopes them: every element instance is a scope; a FEEL expression sees its
 * scope and all enclosing ones up to the process instance; propagation sets a variable in the
 * nearest scope that has it, else in the process instance.
 */

/** The chain of scopes from an element instance up to its process instance (nearest first). */
export async function scopeChain(b: Batch, scopeKey: number): Promise<ElementInstanceRow[]> {
  const chain: ElementInstanceRow[] = [];
  let key: number | null = scopeKey;
  while (key !== null) {
    const ei = await b.state.elementInstances.get(String(key));
    if (!ei) break;
    chain.push(ei);
    key = ei.flowScopeKey;
  }
  return chain;
}

/** All variables visible from a scope, as one object (nearer scopes shadow outer ones). */
export async function visibleVariables(b: Batch, scopeKey: number): Promise<Record<string, unknown>> {
  const chain = await scopeChain(b, scopeKey);
  const context: Record<string, unknown> = {};
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const [name, value] of await b.state.variables.scope(chain[i].key)) context[name] = value;
  }
  return context;
}

export async function evaluateInScope(b: Batch, scopeKey: number, source: string): Promise<unknown> {
  return evaluateFeel(source, await visibleVariables(b, scopeKey));
}

export async function setLocalVariable(b: Batch, scope: ElementInstanceRow, name: string, value: unknown): Promise<void> {
  const outcome = await b.state.variables.set(scope.key, scope.processInstanceKey, name, value);
  if (outcome === 'unchanged') return;
  b.records.append('VARIABLE', outcome === 'created' ? 'CREATED' : 'UPDATED', scope.key, scope.processInstanceKey, {
    name,
    value,
    scopeKey: scope.key,
    processInstanceKey: scope.processInstanceKey,
    processDefinitionKey: scope.data.processDefinitionKey,
    bpmnProcessId: scope.data.bpmnProcessId,
  });
}

export async function setLocalVariables(b: Batch, scope: ElementInstanceRow, variables: Record<string, unknown>): Promise<void> {
  for (const [name, value] of Object.entries(variables)) await setLocalVariable(b, scope, name, value);
}

/** Merges a document starting at a scope: each variable goes where it already exists, else to the process instance. */
export async function propagateVariables(b: Batch, fromScopeKey: number, variables: Record<string, unknown>): Promise<void> {
  const names = Object.keys(variables);
  if (names.length === 0) return;
  const chain = await scopeChain(b, fromScopeKey);
  if (chain.length === 0) return;
  for (const name of names) {
    let target = chain[chain.length - 1];
    for (const scope of chain) {
      if (await b.state.variables.has(scope.key, name)) {
        target = scope;
        break;
      }
    }
    await setLocalVariable(b, target, name, variables[name]);
  }
}

/** Evaluates zeebe:input / zeebe:output mappings into one document (targets may be paths `a.b.c`). */
export function evaluateMappings(mappings: VariableMapping[], context: Record<string, unknown>): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  // Later mappings see earlier results, as in Zeebe (they are evaluated as one FEEL context).
  const scope = { ...context };
  for (const mapping of mappings) {
    const value = evaluateFeel(mapping.source, scope);
    const path = mapping.target.split('.');
    assignPath(document, path, value);
    assignPath(scope, path, value);
  }
  return document;
}

function assignPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[path[i]] = {};
    else node[path[i]] = { ...(next as Record<string, unknown>) };
    node = node[path[i]] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Rejects variable documents that could poison objects downstream. */
export function assertSafeVariables(variables: unknown, what = 'variables'): Record<string, unknown> {
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) throw new TypeError(`${what} must be a JSON object`);
  const check = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        throw new TypeError(`${what} must not contain the key '${key}' (at ${path})`);
      }
      check((value as Record<string, unknown>)[key], `${path}.${key}`);
    }
  };
  check(variables, what);
  return variables as Record<string, unknown>;
}

import { CompiledQuery, type Transaction } from 'kysely';
import type { RowCache } from './row-cache.js';

type Scope = Map<string, unknown>;

/**
 * Variables per scope, as one batch sees them. A scope is read whole, once per batch; a scope
 * created in this batch is known to be empty and never read.
 *
 * The engine writes no variable rows of its own: every change is a VARIABLE record, and the read model's
 * variable_view, written from those records in the same transaction, holds each scope's current values. Scopes
 * that have ended keep their rows there as history; the engine never reads an ended scope again.
 */
export class VariableState {
  private readonly scopes = new Map<number, Scope>();
  private readonly processInstanceOf = new Map<number, number>();
  private readonly removedScopes = new Set<number>();

  constructor(
    private readonly trx: () => Transaction<any>,
    /** Committed scopes: name → value, and the scope's process instance. */
    private readonly cache?: RowCache<{ vars: Map<string, unknown>; pi?: number }>,
  ) {}

  /** A scope that cannot have variables in the database yet (its element instance is new). */
  createScope(scopeKey: number, processInstanceKey: number): void {
    this.scopes.set(scopeKey, new Map());
    this.processInstanceOf.set(scopeKey, processInstanceKey);
  }

  async scope(scopeKey: number): Promise<Scope> {
    let scope = this.scopes.get(scopeKey);
    if (scope) return scope;
    const cached = this.cache?.get(String(scopeKey));
    if (cached) {
      this.scopes.set(scopeKey, cached.vars);
      if (cached.pi !== undefined) this.processInstanceOf.set(scopeKey, cached.pi);
      return cached.vars;
    }
    const result = await this.trx().executeQuery<{ name: string; value: unknown; process_instance_key: number }>(
      CompiledQuery.raw('SELECT name, value, process_instance_key FROM variable_view WHERE scope_key = $1', [scopeKey]),
    );
    scope = new Map();
    for (const row of result.rows) {
      scope.set(row.name, row.value);
      this.processInstanceOf.set(scopeKey, row.process_instance_key);
    }
    this.scopes.set(scopeKey, scope);
    return scope;
  }

  async get(scopeKey: number, name: string): Promise<unknown> {
    return (await this.scope(scopeKey)).get(name);
  }

  async has(scopeKey: number, name: string): Promise<boolean> {
    return (await this.scope(scopeKey)).has(name);
  }

  /** Sets a variable; returns whether it was created (vs updated) and whether the value changed. */
  async set(scopeKey: number, processInstanceKey: number, name: string, value: unknown): Promise<'created' | 'updated' | 'unchanged'> {
    const scope = await this.scope(scopeKey);
    const existed = scope.has(name);
    if (existed && sameJson(scope.get(name), value)) return 'unchanged';
    scope.set(name, value);
    this.processInstanceOf.set(scopeKey, processInstanceKey);
    return existed ? 'updated' : 'created';
  }

  /** Forgets a finished scope's variables (the read model keeps them as history). */
  removeScope(scopeKey: number): void {
    this.scopes.set(scopeKey, new Map());
    this.removedScopes.add(scopeKey);
  }

  /** After commit: scopes this batch read or wrote are the committed state now. */
  committed(): void {
    if (!this.cache) return;
    for (const [scopeKey, vars] of this.scopes) {
      this.cache.set(String(scopeKey), this.removedScopes.has(scopeKey) ? null : { vars, pi: this.processInstanceOf.get(scopeKey) });
    }
  }
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

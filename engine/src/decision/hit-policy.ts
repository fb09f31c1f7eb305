/**
 * The hit policies of DMN decision tables as Camunda 8 (dmn-scala) applies them to the rules that
 * matched, in table order.
 */
import { feelValueToJson } from '../feel/feel-value-to-json.js';
import type { CompiledDecisionTable, CompiledRule } from './compiled-decision.js';
import { jsonEquals } from './json-equality.js';

/** A matched rule with its evaluated output entries (raw FEEL values, one per output). */
export interface RuleRow {
  rule: CompiledRule;
  values: unknown[];
}

/** The matched rules break the table's hit policy; the message says how. */
export class HitPolicyViolation extends Error {}

export interface HitPolicyOutcome {
  /** Raw FEEL value: a row value, a list of them, or an aggregate. */
  value: unknown;
  /** The rules the result is reported for (FIRST: the first; otherwise all that matched). */
  reported: RuleRow[];
}

/** Applies the hit policy to one or more matched rules. */
export function applyHitPolicy(table: CompiledDecisionTable, rows: RuleRow[]): HitPolicyOutcome {
  const rowValue = (row: RuleRow) => valueOfRow(table, row);
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (rows.length > 1) {
        throw new HitPolicyViolation(`hit policy UNIQUE allows one matching rule, but ${rows.length} matched: ${describeRules(rows)}`);
      }
      return { value: rowValue(rows[0]), reported: rows };
    case 'FIRST':
      return { value: rowValue(rows[0]), reported: [rows[0]] };
    case 'ANY': {
      const first = feelValueToJson(rowValue(rows[0]));
      for (const row of rows.slice(1)) {
        const other = feelValueToJson(rowValue(row));
        if (!jsonEquals(first, other)) {
          throw new HitPolicyViolation(
            `hit policy ANY needs all matching rules to give the same output, but rule ${describeRule(rows[0])} gave ` +
              `${JSON.stringify(first)} and rule ${describeRule(row)} gave ${JSON.stringify(other)}`,
          );
        }
      }
      return { value: rowValue(rows[0]), reported: rows };
    }
    case 'PRIORITY':
      return { value: rowValue(byPriority(table, rows)[0]), reported: rows };
    case 'OUTPUT ORDER':
      return { value: byPriority(table, rows).map(rowValue), reported: rows };
    case 'RULE ORDER':
      return { value: rows.map(rowValue), reported: rows };
    case 'COLLECT':
      return { value: collect(table, rows), reported: rows };
  }
}

/** What a multi-hit table gives when no rule matched: an empty list, or 0 for COLLECT COUNT; null for single-hit. */
export function noMatchValue(table: CompiledDecisionTable): unknown {
  switch (table.hitPolicy) {
    case 'COLLECT':
      if (table.aggregation === 'COUNT') return 0;
      return table.aggregation ? null : [];
    case 'RULE ORDER':
    case 'OUTPUT ORDER':
      return [];
    default:
      return null;
  }
}

/** One output: its value; several: a context keyed by output name. */
export function valueOfRow(table: CompiledDecisionTable, row: RuleRow): unknown {
  if (table.outputs.length === 1) return row.values[0];
  const context: Record<string, unknown> = {};
  table.outputs.forEach((output, index) => {
    context[output.name ?? output.id] = row.values[index];
  });
  return context;
}

function collect(table: CompiledDecisionTable, rows: RuleRow[]): unknown {
  if (!table.aggregation) return rows.map((row) => valueOfRow(table, row));
  if (table.aggregation === 'COUNT') return rows.length;
  const numbers = rows.map((row) => {
    const value = row.values[0];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new HitPolicyViolation(
        `hit policy COLLECT ${table.aggregation} needs numbers, but rule ${describeRule(row)} gave ${JSON.stringify(feelValueToJson(value))}`,
      );
    }
    return value;
  });
  switch (table.aggregation) {
    case 'SUM':
      return numbers.reduce((sum, value) => sum + value, 0);
    case 'MIN':
      return Math.min(...numbers);
    case 'MAX':
      return Math.max(...numbers);
  }
}

/**
 * Rows ordered by their output values' positions in the outputs' value lists, the first output
 * deciding first; values not in a list come after those that are. The sort is stable, so equal
 * priorities keep rule order.
 */
function byPriority(table: CompiledDecisionTable, rows: RuleRow[]): RuleRow[] {
  const ranked = table.outputs.flatMap((output, index) => (output.priorities ? [{ index, priorities: output.priorities.map(feelValueToJson) }] : []));
  const rankOf = (row: RuleRow) =>
    ranked.map(({ index, priorities }) => {
      const value = feelValueToJson(row.values[index]);
      const position = priorities.findIndex((priority) => jsonEquals(priority, value));
      return position < 0 ? priorities.length : position;
    });
  return rows
    .map((row) => ({ row, rank: rankOf(row) }))
    .sort((a, b) => {
      for (let i = 0; i < a.rank.length; i++) {
        if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
      }
      return 0;
    })
    .map(({ row }) => row);
}

function describeRule(row: RuleRow): string {
  return `'${row.rule.id}' (row ${row.rule.index})`;
}

function describeRules(rows: RuleRow[]): string {
  return rows.map(describeRule).join(', ');
}

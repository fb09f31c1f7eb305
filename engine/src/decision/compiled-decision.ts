/**
 * The evaluable form a DMN resource compiles to, once per deployed version: plain data whose FEEL
 * sources are checked at compile time (and parsed once, on first use, by the FEEL cache).
 */

export const HIT_POLICIES = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];

export const AGGREGATIONS = ['SUM', 'MIN', 'MAX', 'COUNT'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface CompiledInput {
  id: string;
  label?: string;
  /** FEEL expression giving the input value. */
  expression: string;
}

export interface CompiledOutput {
  id: string;
  /** The key of this output in a several-output result. */
  name?: string;
  label?: string;
  /** The output values in priority order (from outputValues), for PRIORITY and OUTPUT ORDER. */
  priorities?: unknown[];
  /** FEEL expression for the value when no rule matches. */
  defaultEntry?: string;
}

export interface CompiledRule {
  id: string;
  /** 1-based position in the table, as Zeebe reports it. */
  index: number;
  /** Unary tests, one per input ('' or '-' match anything). */
  inputEntries: string[];
  /** FEEL expressions, one per output; undefined for an empty cell (null). */
  outputEntries: Array<string | undefined>;
}

export interface CompiledDecisionTable {
  kind: 'decisionTable';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: CompiledInput[];
  outputs: CompiledOutput[];
  rules: CompiledRule[];
}

export interface CompiledLiteralExpression {
  kind: 'literalExpression';
  expression: string;
}

export interface CompiledDecision {
  decisionId: string;
  name?: string;
  /** The name dependent decisions see this result under: the decision's variable name, else its id. */
  resultName: string;
  /** Ids of the decisions whose results this one reads (informationRequirement). */
  requiredDecisions: string[];
  logic: CompiledDecisionTable | CompiledLiteralExpression;
}

export interface CompiledDecisionRequirements {
  /** The id of the DMN definitions (the decision requirements graph). */
  id: string;
  name?: string;
  resourceName: string;
  decisions: CompiledDecision[];
}

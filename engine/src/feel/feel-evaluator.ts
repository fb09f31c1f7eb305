/**
 * FEEL evaluation on raw FEEL values (dates stay FEEL dates), null-friendly as in Zeebe: a missing
 * variable or a failed operation gives null plus warnings. Only a source that does not parse, or an
 * evaluation feelin aborts, throws. The decision engine works on this level; feel-expression.ts
 * adds JSON conversion and the engine's error rule on top.
 */
import { evaluate, unaryTest } from 'feelin';
import { NOT_ON_FAST_PATH } from './fast-path-compiler.js';
import { ZEEBE_FEEL_DIALECT } from './feel-dialect.js';
import { FeelEvaluationError, type FeelWarning } from './feel-evaluation-error.js';
import { parsedFeelExpression, parsedFeelUnaryTests } from './parsed-feel-cache.js';

export interface FeelOutcome {
  /** The raw FEEL value (null for nothing). */
  value: unknown;
  warnings: FeelWarning[];
}

export function evaluateFeelValue(source: string, context: Record<string, unknown>): FeelOutcome {
  const parsed = parsedFeelExpression(source);
  if (parsed.fast) {
    const value = parsed.fast(context);
    if (value !== NOT_ON_FAST_PATH) return { value, warnings: [] };
  }
  if (parsed.syntaxError) {
    throw new FeelEvaluationError(`failed to parse expression '${source}': ${parsed.syntaxError}`, source);
  }
  let result;
  try {
    result = evaluate(source, context, ZEEBE_FEEL_DIALECT);
  } catch (error) {
    throw new FeelEvaluationError(`failed to evaluate expression '${source}': ${describe(error)}`, source);
  }
  return { value: result.value ?? null, warnings: result.warnings.map(({ type, message }) => ({ type, message })) };
}

/** Whether `input` passes the unary tests (`?` is the input); null and non-boolean outcomes do not pass. */
export function testUnaryTests(source: string, input: unknown, context: Record<string, unknown>): boolean {
  const parsed = parsedFeelUnaryTests(source);
  if (parsed.fast) {
    const matched = parsed.fast(input);
    if (matched !== NOT_ON_FAST_PATH) return matched;
  }
  if (parsed.syntaxError) {
    throw new FeelEvaluationError(`failed to parse unary tests '${source}': ${parsed.syntaxError}`, source);
  }
  let result;
  try {
    result = unaryTest(source, { ...context, '?': input === undefined ? null : input }, ZEEBE_FEEL_DIALECT);
  } catch (error) {
    throw new FeelEvaluationError(`failed to evaluate unary tests '${source}': ${describe(error)}`, source);
  }
  return result.value === true;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const position = (error as { position?: { from: number } }).position;
  return position ? `${error.message} at position ${position.from + 1}` : error.message;
}

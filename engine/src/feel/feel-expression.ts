/**
 * FEEL for the engine: JSON values in, JSON values out (FEEL dates, times and durations come back as
 * the ISO strings Zeebe stores), each distinct source parsed once.
 *
 * Sources are FEEL without Zeebe's leading `=`. Inputs are JSON: an ISO date string stays a string
 * until the expression converts it (`date(x)`).
 */
import { formatWarnings, FeelEvaluationError, type FeelWarning } from './feel-evaluation-error.js';
import { evaluateFeelValue, testUnaryTests } from './feel-evaluator.js';
import { feelResultType } from './feel-result-type.js';
import { feelValueToJson } from './feel-value-to-json.js';
import { parsedFeelExpression, parsedFeelUnaryTests } from './parsed-feel-cache.js';

export { FeelEvaluationError, type FeelWarning } from './feel-evaluation-error.js';

/**
 * Warnings that only say a name was not there: the result is null, as Zeebe has it ("a missing
 * variable is null"). Any other warning on a null result means the evaluation failed.
 */
const MISSING_NAME_WARNINGS = new Set(['NO_VARIABLE_FOUND', 'NO_CONTEXT_ENTRY_FOUND']);

/** Parse error message, or undefined when the expression parses. Cached. */
export function checkFeelExpression(source: string): string | undefined {
  return parsedFeelExpression(source).syntaxError;
}

/** Parse error message for DMN-style unary tests (`-`, `"a","b"`, `> 3`, `[1..5]`, `not(…)`); empty means any. Cached. */
export function checkFeelUnaryTests(source: string): string | undefined {
  return parsedFeelUnaryTests(source).syntaxError;
}

/**
 * Evaluates to plain JSON. A missing variable is null. Throws FeelEvaluationError when the source
 * does not parse, when feelin aborts, or when the result is null because something failed (a path
 * into nothing, a type error, an unknown function, an invalid argument).
 */
export function evaluateFeel(source: string, context: Record<string, unknown>): unknown {
  const { value, warnings } = evaluateFeelValue(source, context);
  if (value === null && warnings.some((warning) => !MISSING_NAME_WARNINGS.has(warning.type))) {
    throw new FeelEvaluationError(
      `failed to evaluate expression '${source}': ${warnings.map((warning) => warning.message).join('; ')}`,
      source,
      warnings,
    );
  }
  return feelValueToJson(value);
}

/**
 * Zeebe's null-friendly evaluation without the error rule: the JSON value (null when something went
 * wrong) and feelin's warnings. Throws only for a source that does not parse or an aborted evaluation.
 */
export function evaluateFeelWithWarnings(
  source: string,
  context: Record<string, unknown>,
): { value: unknown; warnings: FeelWarning[] } {
  const { value, warnings } = evaluateFeelValue(source, context);
  return { value: feelValueToJson(value), warnings };
}

/**
 * Evaluates a condition. Anything but a boolean throws FeelEvaluationError with Zeebe's incident
 * message: "Expected result of the expression '…' to be 'BOOLEAN', but was '…'." plus the warnings.
 */
export function evaluateFeelBoolean(source: string, context: Record<string, unknown>): boolean {
  const { value, warnings } = evaluateFeelValue(source, context);
  if (typeof value === 'boolean') return value;
  throw new FeelEvaluationError(
    `Expected result of the expression '${source}' to be 'BOOLEAN', but was '${feelResultType(value)}'.${formatWarnings(warnings)}`,
    source,
    warnings,
  );
}

/** Whether the JSON `input` passes the unary tests; `?` names the input inside them. */
export function evaluateUnaryTests(source: string, input: unknown, context: Record<string, unknown>): boolean {
  return testUnaryTests(source, input === undefined ? null : input, context);
}

/**
 * Deployment-time FEEL syntax check with feelin's parser: a parse tree containing error nodes
 * means the expression would fail on every evaluation, so Zeebe rejects it at deployment.
 */
import { parseExpression } from 'feelin';

/** Zeebe's FEEL (feel-scala) accepts `backtick names`; feelin's 'camunda' dialect does too. */
export const ZEEBE_FEEL_DIALECT = 'camunda';

/** Why `source` (without the leading `=`) is not a FEEL expression, or undefined if it parses. */
export function findFeelSyntaxError(source: string): string | undefined {
  if (source.trim() === '') return 'the expression is empty';
  let errorAt: number | undefined;
  try {
    const tree = parseExpression(source, {}, ZEEBE_FEEL_DIALECT);
    tree.iterate({
      enter(node) {
        if (errorAt !== undefined) return false;
        if (node.type.isError) {
          errorAt = node.from;
          return false;
        }
        return undefined;
      },
    });
  } catch (error) {
    return `the parser failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (errorAt === undefined) return undefined;
  if (errorAt >= source.trimEnd().length) return 'syntax error: the expression ends too early';
  const near = source.slice(errorAt, errorAt + 15);
  return `syntax error at position ${errorAt + 1} near '${near}'`;
}

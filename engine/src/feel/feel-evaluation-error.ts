/** One warning feelin reported while evaluating (Zeebe shows these as `[TYPE] message`). */
export interface FeelWarning {
  type: string;
  message: string;
}

/** A FEEL expression could not be parsed or evaluated; the message names the expression and the cause. */
export class FeelEvaluationError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    readonly warnings: readonly FeelWarning[] = [],
  ) {
    super(message);
    this.name = 'FeelEvaluationError';
  }
}

/** Zeebe's incident suffix: " The evaluation reported the following warnings:\n[TYPE] message…" (empty when none). */
export function formatWarnings(warnings: readonly FeelWarning[]): string {
  if (warnings.length === 0) return '';
  return ` The evaluation reported the following warnings:\n${warnings.map((w) => `[${w.type}] ${w.message}`).join('\n')}`;
}

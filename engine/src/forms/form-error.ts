import type { FormProblem } from './form-definition.js';

/** Bad input to the forms module (a malformed form key, locale or schema); the message says what. */
export class FormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormError';
  }
}

/** A form definition that cannot be used: every problem is listed with its JSON pointer into the form JSON. */
export class FormDefinitionError extends FormError {
  constructor(
    readonly formId: string | undefined,
    readonly problems: readonly FormProblem[],
  ) {
    super(
      `Form ${formId === undefined ? '(without an id)' : `"${formId}"`} is invalid: ` +
        problems.map((problem) => `${problem.path || '/'}: ${problem.message}`).join('; '),
    );
    this.name = 'FormDefinitionError';
  }
}

/**
 * Raised when the tally cannot be computed because its input is malformed. `field` is the path of the offending value
 * in the input (e.g. `owners[3].area`), so a form or a job failure message can point at it.
 */
export class TallyInputError extends Error {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'TallyInputError';
    this.field = field;
  }
}

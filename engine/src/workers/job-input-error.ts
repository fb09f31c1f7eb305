/**
 * A job whose input is wrong: a modelling error (a missing header, a variable of the wrong shape) that no retry
 * can mend. `retries` is 0 so the job runner fails the job straight into an incident whose message names the
 * problem, instead of retrying the same bad input.
 */
export class JobInputError extends Error {
  readonly retries = 0;

  constructor(
    /** The task type of the worker that refused the job, e.g. `gongzhi.deadline`. */
    readonly taskType: string,
    /** What is wrong, e.g. `variable amount` or `header prefix`. */
    readonly field: string,
    problem: string,
  ) {
    super(`${taskType}: ${field} ${problem}`);
    this.name = 'JobInputError';
  }
}

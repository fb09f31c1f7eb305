import type { ActivatedJob } from '../runtime/runtime-port.js';
import { JobInputError } from './job-input-error.js';

// A FEEL name (so `=deadline.dueAt` can read the result): letters (any script), digits, _ and $, not starting with a digit.
const FEEL_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/**
 * A job's input as a built-in worker reads it: variables (which processes pass with zeebe:input mappings) and
 * static task headers. Every refusal is a JobInputError naming the variable or header.
 */
export class JobInput {
  constructor(
    readonly taskType: string,
    readonly job: ActivatedJob,
  ) {}

  /** A header's value; a blank header counts as absent. */
  header(name: string): string | undefined {
    const value = this.job.customHeaders?.[name];
    if (value === undefined || value === null) return undefined;
    const text = String(value).trim();
    return text === '' ? undefined : text;
  }

  requiredHeader(name: string, example: string): string {
    const value = this.header(name);
    if (value === undefined) throw this.headerError(name, `is missing: add the task header ${name} (e.g. ${example})`);
    return value;
  }

  /** A variable's value; null counts as absent, as it does for FEEL. */
  variable(name: string): unknown {
    const value = this.job.variables?.[name];
    return value === null ? undefined : value;
  }

  /** The variable the result goes to: header `resultVariable`, else `fallback`. */
  resultVariable(fallback: string): string {
    const name = this.header('resultVariable') ?? fallback;
    if (!FEEL_NAME.test(name)) {
      throw this.headerError('resultVariable', `'${name}' is not a variable name a FEEL expression can read (letters, digits, _ and $, not starting with a digit)`);
    }
    return name;
  }

  variableError(name: string, problem: string): JobInputError {
    return new JobInputError(this.taskType, `variable ${name}`, problem);
  }

  headerError(name: string, problem: string): JobInputError {
    return new JobInputError(this.taskType, `header ${name}`, problem);
  }
}

/** A short rendering of a bad value for error messages. */
export function describeInput(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

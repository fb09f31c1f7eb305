/**
 * A management call (organisations, users, API keys) refused; the REST layer maps the code to
 * 404 / 400 / 409. The message names what is wrong and, through `field`, where.
 */
export type IdentityErrorCode = 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'ALREADY_EXISTS';

export class IdentityError extends Error {
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
    /** The input field at fault, when there is one (e.g. 'username', 'parentId'). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

export function notFound(message: string, field?: string): IdentityError {
  return new IdentityError('NOT_FOUND', message, field);
}

export function invalidArgument(message: string, field?: string): IdentityError {
  return new IdentityError('INVALID_ARGUMENT', message, field);
}

export function alreadyExists(message: string, field?: string): IdentityError {
  return new IdentityError('ALREADY_EXISTS', message, field);
}

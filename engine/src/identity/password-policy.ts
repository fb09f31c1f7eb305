import { describe } from './display-text.js';
import { invalidArgument } from './identity-error.js';

export const PASSWORD_MIN_LENGTH = 8;
/** Long enough for passphrases, short enough that hashing one is not a denial of service. */
export const PASSWORD_MAX_LENGTH = 128;

/** At least 8 characters with at least one letter and one digit; the error says which rule failed. */
export function checkPasswordPolicy(password: unknown, field = 'password'): string {
  if (typeof password !== 'string') throw invalidArgument(`${field} must be a string, got ${describe(password)}`, field);
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw invalidArgument(`${field} must be at least ${PASSWORD_MIN_LENGTH} characters long`, field);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw invalidArgument(`${field} must be at most ${PASSWORD_MAX_LENGTH} characters long`, field);
  }
  if (!/\p{L}/u.test(password)) throw invalidArgument(`${field} must contain at least one letter`, field);
  if (!/\p{Nd}/u.test(password)) throw invalidArgument(`${field} must contain at least one digit`, field);
  return password;
}

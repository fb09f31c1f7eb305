import { TallyInputError } from './tally-input-error.js';

/** One exclusive part (专有部分) from the owner register. */
export interface OwnerUnit {
  unitId: string;
  /** Groups the units of one owner (同一买受人拥有多个专有部分按一人计算). */
  ownerGroupId: string;
  /** Exclusive area in m², a number or a decimal string with at most 4 decimals. */
  area: number | string;
  /** The developer's unsold units together count as one owner, whatever their ownerGroupId. */
  developerUnsold?: boolean;
}

/** A returned ballot; it speaks for its owner group's whole exclusive area. */
export interface Ballot {
  ownerGroupId: string;
  /** Candidate ids chosen; at most `seats` distinct ones. */
  choices: string[];
}

export interface Candidate {
  id: string;
  isPartyMember: boolean;
}

export interface TallyInput {
  owners: OwnerUnit[];
  ballots: Ballot[];
  candidates: Candidate[];
  /** Committee seats to fill in this election. */
  seats: number;
}

/** The input arrives as process variables (JSON), so its shape is checked at run time, not trusted from the type. */
export function readTallyInputObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TallyInputError('input', 'must be an object with owners, ballots, candidates and seats');
  }
  return input as Record<string, unknown>;
}

export function readSeats(seats: unknown): number {
  if (typeof seats !== 'number' || !Number.isSafeInteger(seats) || seats < 1) {
    throw new TallyInputError('seats', `must be a whole number of at least 1, got ${describeValue(seats)}`);
  }
  return seats;
}

/** An id is missing when it is absent, not a string, or only blanks. */
export function readId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TallyInputError(field, `must be a non-empty string, got ${describeValue(value)}`);
  }
  return value;
}

export function readArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new TallyInputError(field, `must be an array, got ${describeValue(value)}`);
  return value;
}

export function readRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TallyInputError(field, `must be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A short rendering of a bad value for error messages (JSON.stringify alone hides NaN and undefined). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value;
}

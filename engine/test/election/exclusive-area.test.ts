import { describe, it, expect } from 'vitest';
import { formatArea, parseExclusiveArea } from '../../src/election/exclusive-area.js';
import { TallyInputError } from '../../src/election/tally-input-error.js';

describe('parseExclusiveArea', () => {
  it('reads numbers and decimal strings as exact ten-thousandths of a m²', () => {
    expect(parseExclusiveArea(0.1, 'a')).toBe(1000n);
    expect(parseExclusiveArea('0.1', 'a')).toBe(1000n);
    expect(parseExclusiveArea(120.35, 'a')).toBe(1_203_500n);
    expect(parseExclusiveArea('80.0625', 'a')).toBe(800_625n);
    expect(parseExclusiveArea(' 89.5 ', 'a')).toBe(895_000n);
    expect(parseExclusiveArea('0.0001', 'a')).toBe(1n);
    expect(parseExclusiveArea(12, 'a')).toBe(120_000n);
    expect(parseExclusiveArea('123456789012345678.9999', 'a')).toBe(1_234_567_890_123_456_789_999n);
  });

  it.each([
    [-1, 'must not be negative'],
    ['-0.5', 'must not be negative'],
    [Number.NaN, 'finite'],
    [Number.POSITIVE_INFINITY, 'finite'],
    [0, 'greater than 0'],
    ['0.0000', 'greater than 0'],
    ['1.23456', 'more than 4 decimal places'],
    [1e-7, 'more than 4 decimal places'],
    [1e21, 'too large'],
    ['abc', 'decimal number'],
    ['1,5', 'decimal number'],
    ['', 'decimal number'],
    ['.5', 'decimal number'],
    [null, 'number or a decimal string'],
    [undefined, 'number or a decimal string'],
  ])('refuses %s naming the field', (value, problem) => {
    let caught: unknown;
    try {
      parseExclusiveArea(value, 'owners[7].area');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TallyInputError);
    expect((caught as TallyInputError).field).toBe('owners[7].area');
    expect((caught as TallyInputError).message).toContain('owners[7].area');
    expect((caught as TallyInputError).message).toContain(problem);
  });
});

describe('formatArea', () => {
  it('writes plain decimals without trailing zeros', () => {
    expect(formatArea(3000n)).toBe('0.3');
    expect(formatArea(6_500_000n)).toBe('650');
    expect(formatArea(800_625n)).toBe('80.0625');
    expect(formatArea(1n)).toBe('0.0001');
    expect(formatArea(0n)).toBe('0');
  });

  it('round-trips through parseExclusiveArea', () => {
    for (const units of [1n, 9n, 10n, 12_345n, 10_000n, 99_999_999n, 1_000_000_000_000_001n]) {
      expect(parseExclusiveArea(formatArea(units), 'a')).toBe(units);
    }
  });
});

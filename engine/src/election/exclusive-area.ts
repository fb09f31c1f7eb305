import { TallyInputError } from './tally-input-error.js';
import { describeValue } from './tally-input.js';

/**
 * Exclusive areas are counted exactly: a register records at most 4 decimals (0.0001 m²), so every area is held as a
 * BigInt number of ten-thousandths of a square metre. Sums and the 2/3 and 1/2 comparisons are then integer
 * arithmetic with no float drift (0.1 + 0.2 is 0.3).
 */
export const AREA_DECIMALS = 4;
const TEN_THOUSANDTHS_PER_M2 = 10n ** BigInt(AREA_DECIMALS);
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses one unit's exclusive area into ten-thousandths of a m²; anything not a positive decimal is refused. */
export function parseExclusiveArea(value: unknown, field: string): bigint {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TallyInputError(field, `exclusive area must be a finite number, got ${value}`);
    }
    // A JS number prints as the shortest decimal that reads back as the same number: 120.35 prints "120.35", the
    // figure the register holds, not the binary approximation.
    text = String(value);
    if (/e/i.test(text)) {
      throw new TallyInputError(
        field,
        Math.abs(value) < 1
          ? `exclusive area ${text} has more than ${AREA_DECIMALS} decimal places`
          : `exclusive area ${text} is too large to be a real area`,
      );
    }
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    throw new TallyInputError(field, `exclusive area must be a number or a decimal string, got ${describeValue(value)}`);
  }

  const match = DECIMAL_TEXT.exec(text);
  if (!match) {
    throw new TallyInputError(field, `exclusive area must be a decimal number of m² such as "89.5", got ${describeValue(value)}`);
  }
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > AREA_DECIMALS) {
    throw new TallyInputError(field, `exclusive area ${text} has more than ${AREA_DECIMALS} decimal places`);
  }
  const tenThousandths = BigInt(whole) * TEN_THOUSANDTHS_PER_M2 + BigInt(fraction.padEnd(AREA_DECIMALS, '0'));
  if (sign === '-' && tenThousandths !== 0n) {
    throw new TallyInputError(field, `exclusive area must not be negative, got ${text}`);
  }
  // A 专有部分 is a space that can be registered to an owner; one with no area is a register error, and an
  // all-zero estate would make the 2/3 area quorum meaningless.
  if (tenThousandths === 0n) {
    throw new TallyInputError(field, `exclusive area must be greater than 0, got ${text}`);
  }
  return tenThousandths;
}

/** Renders ten-thousandths of a m² as a plain decimal string without trailing zeros ("650", "0.3", "80.0625"). */
export function formatArea(tenThousandths: bigint): string {
  const negative = tenThousandths < 0n;
  const magnitude = negative ? -tenThousandths : tenThousandths;
  const whole = magnitude / TEN_THOUSANDTHS_PER_M2;
  const fraction = (magnitude % TEN_THOUSANDTHS_PER_M2).toString().padStart(AREA_DECIMALS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

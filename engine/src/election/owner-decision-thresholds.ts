/**
 * The thresholds of a joint owners' decision under 民法典 art. 278, compared exactly in integers (areas in
 * ten-thousandths of a m², owners as counts) so that a boundary case is decided by the law, not by rounding.
 */

/** Quorum: the participating share is at least two thirds of the whole (part / whole ≥ 2/3 ⇔ 3·part ≥ 2·whole). */
export function reachesTwoThirds(part: bigint, whole: bigint): boolean {
  return 3n * part >= 2n * whole;
}

/** Approval: strictly more than half (part / whole > 1/2 ⇔ 2·part > whole); exactly half is not enough. */
export function exceedsHalf(part: bigint, whole: bigint): boolean {
  return 2n * part > whole;
}

/** A share as a number for display only; decisions never use it. 0 when the whole is empty. */
export function displayRatio(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Number(part) / Number(whole);
}

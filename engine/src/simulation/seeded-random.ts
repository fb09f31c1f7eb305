/**
 * A small deterministic random number generator (mulberry32): what-if runs with the same seed draw the same
 * numbers in the same order on every machine, so their reports can be compared and tested.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new Error(`a random seed must be a whole number, not ${seed}`);
    // Fold the seed into 32 bits; a zero state is fine for mulberry32.
    this.state = (seed ^ Math.floor(seed / 2 ** 32)) >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

import { SeededRandom } from '../simulation/seeded-random.js';

/** The demo's chance: seeded, so the same seed gives the same district history on every machine. */
export class DemoDice {
  private readonly random: SeededRandom;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  /** A number in [0, 1). */
  next(): number {
    return this.random.next();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.random.next() < p;
  }

  /** A whole number in [min, max]. */
  integer(min: number, max: number): number {
    return this.random.integer(min, max);
  }

  /** A number in [min, max). */
  between(min: number, max: number): number {
    return min + this.random.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(this.random.next() * items.length)];
  }

  /** A key drawn by its weight (weights need not add up to 1). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    if (!(total > 0)) throw new Error('weights must add up to more than 0');
    let roll = this.random.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** `count` different items, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.random.next() * pool.length), 1)[0]);
    return out;
  }
}

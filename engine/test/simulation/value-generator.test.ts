import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeededRandom } from '../../src/simulation/seeded-random.js';
import { checkGenerated, generate } from '../../src/simulation/value-generator.js';
import { fixedDurationMs, formatDuration } from '../../src/simulation/fixed-duration.js';
import { percentile } from '../../src/simulation/what-if-summary.js';

function draws(template: unknown, n: number, seed = 1): unknown[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: n }, () => generate(template, random));
}

describe('seeded random', () => {
  it('gives the same numbers for the same seed and others for another', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const first = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws whole numbers within the bounds, both included', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 50 }), (seed, min, span) => {
        const random = new SeededRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = random.integer(min, min + span);
          if (!Number.isInteger(x) || x < min || x > min + span) return false;
        }
        return true;
      }),
    );
  });

  it('refuses a seed that is not a whole number', () => {
    expect(() => new SeededRandom(1.5)).toThrow(/whole number/);
  });
});

describe('value generators', () => {
  it('draws weighted enums in proportion to their weights', () => {
    const values = draws({ $enum: { 受理: 9, 不予受理: 1 } }, 5000);
    const refused = values.filter((v) => v === '不予受理').length / values.length;
    expect(new Set(values)).toEqual(new Set(['受理', '不予受理']));
    expect(refused).toBeGreaterThan(0.08);
    expect(refused).toBeLessThan(0.12);
  });

  it('draws from lists of values, weighted or not, including non-text values', () => {
    expect(new Set(draws({ $enum: [true, false] }, 200))).toEqual(new Set([true, false]));
    const weighted = draws({ $enum: [{ value: { a: 1 }, weight: 1 }, { value: 7, weight: 3 }] }, 4000);
    const sevens = weighted.filter((v) => v === 7).length / weighted.length;
    expect(sevens).toBeGreaterThan(0.7);
    expect(sevens).toBeLessThan(0.8);
    expect(weighted.find((v) => v !== 7)).toEqual({ a: 1 });
  });

  it('draws ranges: whole numbers for whole bounds, fractions otherwise, durations in whole seconds', () => {
    const whole = draws({ $range: [1, 4] }, 500) as number[];
    expect(new Set(whole)).toEqual(new Set([1, 2, 3, 4]));
    const fractions = draws({ $range: [0.5, 1] }, 500) as number[];
    expect(fractions.every((x) => x >= 0.5 && x <= 1)).toBe(true);
    expect(fractions.some((x) => !Number.isInteger(x))).toBe(true);
    const durations = draws({ $range: ['PT10M', 'PT2H'] }, 500) as string[];
    for (const d of durations) {
      const ms = fixedDurationMs(d);
      expect(ms).toBeGreaterThanOrEqual(600_000);
      expect(ms).toBeLessThanOrEqual(7_200_000);
      expect(ms % 1000).toBe(0);
    }
  });

  it('draws triangular values around the most likely one', () => {
    const values = draws({ $triangular: [0, 10, 100] }, 4000) as number[];
    expect(values.every((x) => x >= 0 && x <= 100)).toBe(true);
    const sorted = [...values].sort((a, b) => a - b);
    // The median of triangular(0, 10, 100) is 100 − √(100·90/2) ≈ 32.9.
    expect(percentile(sorted, 50)).toBeGreaterThan(28);
    expect(percentile(sorted, 50)).toBeLessThan(38);
    const durations = draws({ $triangular: ['PT1H', 'PT2H', 'PT3H'] }, 200) as string[];
    expect(durations.every((d) => fixedDurationMs(d) >= 3_600_000 && fixedDurationMs(d) <= 10_800_000)).toBe(true);
  });

  it('draws generators nested in objects and lists, and copies everything else', () => {
    const [value] = draws({ applicant: { name: '张三', age: { $range: [18, 18] } }, tags: ['a', { $enum: ['b'] }], n: null }, 1);
    expect(value).toEqual({ applicant: { name: '张三', age: 18 }, tags: ['a', 'b'], n: null });
  });

  it('reports what is wrong with a generator, with its path', () => {
    const problems: string[] = [];
    const sink = (path: string, message: string) => problems.push(`${path}: ${message}`);
    checkGenerated({ a: { $enum: [] }, b: { $range: [1] }, c: { $range: [1, 'PT1H'] }, d: { $triangular: [1, 3, 2] }, e: { $enum: ['x'], extra: 1 }, f: { $oops: 1 } }, 'v', sink);
    expect(problems).toEqual([
      'v.a.$enum: has no choices',
      'v.b.$range: expected [min, max]: numbers or ISO durations',
      'v.c.$range: expected [min, max], all numbers or all ISO durations (like PT30M), not [1,"PT1H"]',
      'v.d.$triangular: the bounds [1,3,2] are out of order: expected [min, most likely, max]',
      "v.e: a generator object holds only its '$enum' key, but it also has extra",
      "v.f: unknown generator '$oops': use one of $enum, $range, $triangular",
    ]);
  });
});

describe('fixed durations', () => {
  it('counts days as 24 hours and refuses months', () => {
    expect(fixedDurationMs('P1DT2H3M4.5S')).toBe(93_784_500);
    expect(fixedDurationMs('P2W')).toBe(14 * 86_400_000);
    expect(() => fixedDurationMs('P1M')).toThrow(/months or years/);
    expect(() => fixedDurationMs('soon')).toThrow(/invalid duration/);
  });

  it('writes milliseconds back as ISO durations', () => {
    expect(formatDuration(0)).toBe('PT0S');
    expect(formatDuration(93_784_000)).toBe('P1DT2H3M4S');
    expect(formatDuration(3 * 86_400_000)).toBe('P3D');
    expect(formatDuration(1500)).toBe('PT1.5S');
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (ms) => fixedDurationMs(formatDuration(ms)) === ms));
  });
});

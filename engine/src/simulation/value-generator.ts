import { fixedDurationMs, formatDuration } from './fixed-duration.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Values of what-if runs: any JSON value, in which an object with one `$` key is a generator drawn afresh for
 * every case —
 *   { $enum: { 受理: 9, 不予受理: 1 } }         weighted choice (keys are the values, numbers the weights)
 *   { $enum: [a, b, c] }                        equal weights; [{ value: …, weight: 3 }, …] for other values
 *   { $range: [1, 5] }                          uniform; whole numbers when both bounds are whole
 *   { $range: [PT10M, PT2H] }                   uniform duration, as an ISO duration in whole seconds
 *   { $triangular: [PT1H, PT4H, P2D] }          triangular (min, most likely, max), numbers or durations
 * Generators may nest inside objects, lists and the values of an $enum.
 */
export type ProblemSink = (path: string, message: string) => void;

const generatorNames = ['$enum', '$range', '$triangular'] as const;

type Bounds = { kind: 'number'; values: number[]; integer: boolean } | { kind: 'duration'; values: number[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function generatorKey(value: Record<string, unknown>): string | undefined {
  return Object.keys(value).find((key) => key.startsWith('$'));
}

/** Whether a value is a generator object (one with a `$` key). */
export function isGenerator(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && generatorKey(value) !== undefined;
}

/** Reports everything wrong with the generators in a value; plain JSON values are always fine. */
export function checkGenerated(value: unknown, path: string, report: ProblemSink): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkGenerated(item, `${path}[${i}]`, report));
    return;
  }
  if (!isPlainObject(value)) return;
  const key = generatorKey(value);
  if (key === undefined) {
    for (const [name, item] of Object.entries(value)) checkGenerated(item, `${path}.${name}`, report);
    return;
  }
  if (!(generatorNames as readonly string[]).includes(key)) {
    report(path, `unknown generator '${key}': use one of ${generatorNames.join(', ')}`);
    return;
  }
  if (Object.keys(value).length !== 1) {
    report(path, `a generator object holds only its '${key}' key, but it also has ${Object.keys(value).filter((k) => k !== key).join(', ')}`);
    return;
  }
  const argument = value[key];
  const at = `${path}.${key}`;
  if (key === '$enum') {
    const options = enumOptions(argument, at, report);
    options?.forEach((option, i) => checkGenerated(option.value, `${at}[${i}]`, report));
    return;
  }
  bounds(argument, key === '$range' ? 2 : 3, at, report);
}

/** Draws a value: generators are replaced by a draw, everything else is copied as it is. */
export function generate(value: unknown, random: SeededRandom): unknown {
  if (Array.isArray(value)) return value.map((item) => generate(item, random));
  if (!isPlainObject(value)) return value;
  const key = generatorKey(value);
  if (key === undefined) {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = generate(item, random);
    return out;
  }
  const fail: ProblemSink = (path, message) => {
    throw new Error(`${path}: ${message}`);
  };
  const argument = value[key];
  if (key === '$enum') {
    const options = enumOptions(argument, key, fail)!;
    const total = options.reduce((sum, o) => sum + o.weight, 0);
    let draw = random.next() * total;
    for (const option of options) {
      draw -= option.weight;
      if (draw < 0) return generate(option.value, random);
    }
    return generate(options[options.length - 1].value, random);
  }
  const b = bounds(argument, key === '$range' ? 2 : 3, key, fail)!;
  const drawn = key === '$range' ? uniform(b, random) : triangular(b, random);
  if (b.kind === 'duration') return formatDuration(Math.round(drawn / 1000) * 1000);
  return drawn;
}

function uniform(b: Bounds, random: SeededRandom): number {
  const [min, max] = b.values;
  if (b.kind === 'number' && b.integer) return random.integer(min, max);
  return min + random.next() * (max - min);
}

function triangular(b: Bounds, random: SeededRandom): number {
  const [min, mode, max] = b.values;
  const u = random.next();
  const span = max - min;
  let x: number;
  if (span === 0) x = min;
  else if (u < (mode - min) / span) x = min + Math.sqrt(u * span * (mode - min));
  else x = max - Math.sqrt((1 - u) * span * (max - mode));
  return b.kind === 'number' && b.integer ? Math.round(x) : x;
}

function enumOptions(argument: unknown, path: string, report: ProblemSink): Array<{ value: unknown; weight: number }> | undefined {
  let options: Array<{ value: unknown; weight: unknown }>;
  if (isPlainObject(argument)) {
    options = Object.entries(argument).map(([value, weight]) => ({ value, weight }));
  } else if (Array.isArray(argument)) {
    const weighted = argument.length > 0 && argument.every((o) => isPlainObject(o) && Object.keys(o).sort().join() === 'value,weight');
    options = weighted ? (argument as Array<{ value: unknown; weight: unknown }>) : argument.map((value) => ({ value, weight: 1 }));
  } else {
    report(path, 'expected the choices: a map of value → weight, or a list of values');
    return undefined;
  }
  if (options.length === 0) {
    report(path, 'has no choices');
    return undefined;
  }
  let ok = true;
  options.forEach((o, i) => {
    if (typeof o.weight !== 'number' || !Number.isFinite(o.weight) || o.weight <= 0) {
      report(`${path}[${i}]`, `a weight must be a number above 0, not ${JSON.stringify(o.weight)}`);
      ok = false;
    }
  });
  return ok ? (options as Array<{ value: unknown; weight: number }>) : undefined;
}

function bounds(argument: unknown, count: number, path: string, report: ProblemSink): Bounds | undefined {
  const what = count === 2 ? '[min, max]' : '[min, most likely, max]';
  if (!Array.isArray(argument) || argument.length !== count) {
    report(path, `expected ${what}: numbers or ISO durations`);
    return undefined;
  }
  let result: Bounds;
  if (argument.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    result = { kind: 'number', values: argument as number[], integer: argument.every((v) => Number.isInteger(v)) };
  } else if (argument.every((v) => typeof v === 'string')) {
    const values: number[] = [];
    for (const text of argument as string[]) {
      try {
        values.push(fixedDurationMs(text));
      } catch (error) {
        report(path, (error as Error).message);
        return undefined;
      }
    }
    result = { kind: 'duration', values };
  } else {
    report(path, `expected ${what}, all numbers or all ISO durations (like PT30M), not ${JSON.stringify(argument)}`);
    return undefined;
  }
  for (let i = 1; i < count; i++) {
    if (result.values[i] < result.values[i - 1]) {
      report(path, `the bounds ${JSON.stringify(argument)} are out of order: expected ${what}`);
      return undefined;
    }
  }
  return result;
}

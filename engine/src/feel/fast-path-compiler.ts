/**
 * Compiles the commonest FEEL shapes — literals, variables, paths, comparisons, and/or, lists of
 * those; unary tests made of literals, comparisons with a literal and literal intervals — into
 * closures, once per source.
 *
 * Why: feelin has no parse-once API; every `evaluate` re-parses and rebuilds its interpreter
 * (~100 µs for `a > 1`), and gateway conditions, mappings and decision-table cells are the engine's
 * hot path. The closures cover only the happy path: whenever a value is missing, has another type
 * than its partner, is not plain JSON, or the context holds a name that could make feelin parse the
 * source differently, they answer NOT_ON_FAST_PATH and the caller asks feelin. So a fast answer is
 * always the value feelin gives, with no warnings (the tests check this against feelin).
 */
import { meaningfulChildren, type FeelParseNode, type FeelParseTree } from './feel-parse-tree.js';

export const NOT_ON_FAST_PATH: unique symbol = Symbol('not on the fast path');
export type NotOnFastPath = typeof NOT_ON_FAST_PATH;

/** Returns the value, or NOT_ON_FAST_PATH. */
export type FastExpression = (context: Record<string, unknown>) => unknown;
/** Returns whether the input matches, or NOT_ON_FAST_PATH. */
export type FastUnaryTests = (input: unknown) => boolean | NotOnFastPath;

type Evaluator = (context: Record<string, unknown>) => unknown;
type LiteralTest = (input: string | number | boolean | null) => boolean | NotOnFastPath;
type Scalar = string | number | boolean;

export function compileFastExpression(tree: FeelParseTree, source: string): FastExpression | undefined {
  const top = tree.topNode;
  if (top.name !== 'Expression') return undefined;
  const children = meaningfulChildren(top);
  if (children.length !== 1) return undefined;
  const names = new Set<string>();
  const hazards: NameHazards = { words: wordsOf(source), keywords: [] };
  const body = compileNode(children[0], source, hazards, names);
  if (!body) return undefined;
  // Words that are not names here (true, and, null …) must not be context keys either.
  hazards.keywords.push(...hazards.words.filter((word) => !names.has(word)));
  return (context) => (hasNameHazard(context, hazards) ? NOT_ON_FAST_PATH : body(context));
}

export function compileFastUnaryTests(tree: FeelParseTree, source: string): FastUnaryTests | undefined {
  const top = tree.topNode;
  if (top.name !== 'UnaryTests') return undefined;
  const children = meaningfulChildren(top);
  if (children.length === 1 && children[0].name === 'Wildcard') return () => true;
  let negate = false;
  let testsNode: FeelParseNode;
  if (children.length === 1 && children[0].name === 'PositiveUnaryTests') {
    testsNode = children[0];
  } else if (children.length === 4 && children[0].name === 'not' && children[2].name === 'PositiveUnaryTests') {
    negate = true;
    testsNode = children[2];
  } else {
    return undefined;
  }
  const tests: LiteralTest[] = [];
  for (const testNode of meaningfulChildren(testsNode)) {
    const test = compileLiteralTest(testNode, source);
    if (!test) return undefined;
    tests.push(test);
  }
  return (rawInput) => {
    const input = rawInput === undefined ? null : rawInput;
    // feelin compares a one-element list like its element; leave lists and objects to it.
    if (input !== null && !isScalar(input)) return NOT_ON_FAST_PATH;
    let matched = false;
    for (const test of tests) {
      const result = test(input);
      if (result === NOT_ON_FAST_PATH) return NOT_ON_FAST_PATH;
      if (result) matched = true;
    }
    return negate ? !matched : matched;
  };
}

function compileNode(node: FeelParseNode, source: string, hazards: NameHazards, names: Set<string>): Evaluator | undefined {
  const children = meaningfulChildren(node);
  switch (node.name) {
    case 'NumericLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
    case 'null': {
      const literal = literalValue(node, source);
      if (literal === undefined) return undefined;
      const value = literal.value;
      return () => value;
    }
    case 'ParenthesizedExpression':
      return children.length === 3 ? compileNode(children[1], source, hazards, names) : undefined;
    case 'List': {
      const items: Evaluator[] = [];
      for (const child of children.slice(1, -1)) {
        const item = compileNode(child, source, hazards, names);
        if (!item) return undefined;
        items.push(item);
      }
      return (context) => {
        const list: unknown[] = [];
        for (const item of items) {
          const value = item(context);
          if (value === NOT_ON_FAST_PATH) return NOT_ON_FAST_PATH;
          list.push(value);
        }
        return list;
      };
    }
    case 'VariableName': {
      const name = singleIdentifier(node, source);
      if (name === undefined) return undefined;
      names.add(name);
      return (context) => ownJsonEntry(context, name);
    }
    case 'PathExpression': {
      if (children.length !== 3 || children[2].name !== 'PathName') return undefined;
      const target = compileNode(children[0], source, hazards, names);
      const name = singleIdentifier(children[2], source);
      if (!target || name === undefined) return undefined;
      names.add(name);
      return (context) => {
        const value = target(context);
        // feelin maps a path over lists; plain objects only here.
        if (value === NOT_ON_FAST_PATH || !isPlainObject(value)) return NOT_ON_FAST_PATH;
        if (hasNameHazard(value, hazards)) return NOT_ON_FAST_PATH;
        return ownJsonEntry(value, name);
      };
    }
    case 'Comparison':
      return compileComparison(children, source, hazards, names);
    case 'Conjunction':
    case 'Disjunction': {
      if (children.length !== 3) return undefined;
      const left = compileNode(children[0], source, hazards, names);
      const right = compileNode(children[2], source, hazards, names);
      if (!left || !right) return undefined;
      const isAnd = node.name === 'Conjunction';
      return (context) => {
        const l = left(context);
        if (l === NOT_ON_FAST_PATH) return NOT_ON_FAST_PATH;
        const r = right(context);
        if (r === NOT_ON_FAST_PATH) return NOT_ON_FAST_PATH;
        // FEEL's three-valued logic: anything but a boolean counts as null.
        const a = typeof l === 'boolean' ? l : null;
        const b = typeof r === 'boolean' ? r : null;
        if (isAnd) {
          if (a === false || b === false) return false;
          return a === true && b === true ? true : null;
        }
        if (a === true || b === true) return true;
        return a === false && b === false ? false : null;
      };
    }
    default:
      return undefined;
  }
}

function compileComparison(
  children: FeelParseNode[],
  source: string,
  hazards: NameHazards,
  names: Set<string>,
): Evaluator | undefined {
  if (children.length !== 3 || children[1].name !== 'CompareOp') return undefined;
  const op = source.slice(children[1].from, children[1].to);
  const left = compileNode(children[0], source, hazards, names);
  const right = compileNode(children[2], source, hazards, names);
  if (!left || !right) return undefined;
  if (op === '=' || op === '!=') {
    const negate = op === '!=';
    return (context) => {
      const l = left(context);
      if (l === NOT_ON_FAST_PATH) return NOT_ON_FAST_PATH;
      const r = right(context);
      if (r === NOT_ON_FAST_PATH) return NOT_ON_FAST_PATH;
      let equal: boolean;
      if (l === null || r === null) equal = l === null && r === null;
      else if (isScalar(l) && typeof l === typeof r) equal = l === r;
      else return NOT_ON_FAST_PATH;
      return negate ? !equal : equal;
    };
  }
  const order = orderingOf(op);
  if (!order) return undefined;
  return (context) => {
    const l = left(context);
    if (l === NOT_ON_FAST_PATH) return NOT_ON_FAST_PATH;
    const r = right(context);
    if (r === NOT_ON_FAST_PATH) return NOT_ON_FAST_PATH;
    // feelin lets JavaScript coerce mixed types ('5' < 10); leave those to it.
    if (!((typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string'))) {
      return NOT_ON_FAST_PATH;
    }
    return order(l, r);
  };
}

function compileLiteralTest(node: FeelParseNode, source: string): LiteralTest | undefined {
  if (node.name !== 'PositiveUnaryTest') return undefined;
  const children = meaningfulChildren(node);
  if (children.length !== 1) return undefined;
  const child = children[0];
  const literal = literalValue(child, source);
  if (literal !== undefined) {
    const expected = literal.value;
    return (input) => (typeMismatch(input, expected) ? NOT_ON_FAST_PATH : input === expected);
  }
  if (child.name !== 'SimplePositiveUnaryTest') return undefined;
  const parts = meaningfulChildren(child);
  if (parts.length === 1 && parts[0].name === 'Interval') return compileIntervalTest(parts[0], source);
  if (parts.length !== 2 || parts[0].name !== 'CompareOp') return undefined;
  const op = source.slice(parts[0].from, parts[0].to);
  const operand = literalValue(parts[1], source);
  if (operand === undefined) return undefined;
  const expected = operand.value;
  if (op === '=') return (input) => (typeMismatch(input, expected) ? NOT_ON_FAST_PATH : input === expected);
  if (op === '!=') return (input) => (typeMismatch(input, expected) ? NOT_ON_FAST_PATH : input !== expected);
  const order = orderingOf(op);
  if (!order || (typeof expected !== 'number' && typeof expected !== 'string')) return undefined;
  return (input) => {
    // An open range never includes null: no match, and feelin reports nothing.
    if (input === null) return false;
    if (typeof input !== typeof expected) return NOT_ON_FAST_PATH;
    return order(input as number | string, expected);
  };
}

function compileIntervalTest(interval: FeelParseNode, source: string): LiteralTest | undefined {
  const parts = meaningfulChildren(interval);
  if (parts.length !== 5) return undefined;
  const startBound = literalValue(parts[1], source);
  const endBound = literalValue(parts[3], source);
  if (startBound === undefined || endBound === undefined) return undefined;
  let start = startBound.value;
  let end = endBound.value;
  if (!((typeof start === 'number' && typeof end === 'number') || (typeof start === 'string' && typeof end === 'string'))) {
    return undefined;
  }
  let startIncluded = source.slice(parts[0].from, parts[0].to) === '[';
  let endIncluded = source.slice(parts[4].from, parts[4].to) === ']';
  // feelin reads a descending interval ([10..1]) with its bounds swapped.
  if (start > end) {
    [start, end] = [end, start];
    [startIncluded, endIncluded] = [endIncluded, startIncluded];
  }
  const low = start;
  const high = end;
  return (input) => {
    if (input === null) return false;
    if (typeof input !== typeof low) return NOT_ON_FAST_PATH;
    const value = input as number | string;
    const afterStart = startIncluded ? value >= low : value > low;
    const beforeEnd = endIncluded ? value <= high : value < high;
    return afterStart && beforeEnd;
  };
}

/** The literal's value as feelin reads it, or undefined for anything else (escapes, exponents …). */
function literalValue(node: FeelParseNode, source: string): { value: Scalar | null } | undefined {
  const text = source.slice(node.from, node.to);
  switch (node.name) {
    case 'null':
      return { value: null };
    case 'BooleanLiteral':
      return { value: text === 'true' };
    case 'StringLiteral':
      if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"') || text.includes('\\')) return undefined;
      return { value: text.slice(1, -1) };
    case 'NumericLiteral': {
      if (!/^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(text)) return undefined;
      const value = text.includes('.') ? Number.parseFloat(text) : Number.parseInt(text, 10);
      return Number.isFinite(value) ? { value } : undefined;
    }
    default:
      return undefined;
  }
}

function singleIdentifier(node: FeelParseNode, source: string): string | undefined {
  const children = meaningfulChildren(node);
  if (children.length !== 1 || children[0].name !== 'Identifier') return undefined;
  return source.slice(children[0].from, children[0].to);
}

function orderingOf(op: string): ((a: number | string, b: number | string) => boolean) | undefined {
  switch (op) {
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
    case '>':
      return (a, b) => a > b;
    case '>=':
      return (a, b) => a >= b;
    default:
      return undefined;
  }
}

function typeMismatch(input: Scalar | null, expected: Scalar | null): boolean {
  return input !== null && expected !== null && typeof input !== typeof expected;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Plain JSON all the way down: what feelin would pass through unchanged. */
function isJsonValue(value: unknown): boolean {
  if (value === null || isScalar(value)) return true;
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (isPlainObject(value)) {
    for (const key in value) {
      if (!isJsonValue(value[key])) return false;
    }
    return true;
  }
  return false;
}

function ownJsonEntry(object: Record<string, unknown>, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(object, name)) return NOT_ON_FAST_PATH;
  const value = object[name];
  return isJsonValue(value) ? value : NOT_ON_FAST_PATH;
}

/** Every word of the source (identifiers and keywords alike). */
function wordsOf(source: string): string[] {
  return [...new Set(source.match(/[\p{L}_$][\p{L}\p{N}_$]*/gu) ?? [])];
}

const NAME_JOINER = /[\s./\-'+*]/;

interface NameHazards {
  /** Every word of the source. */
  words: string[];
  /** The words that are keywords or literals here, not names. */
  keywords: string[];
}

/**
 * feelin's parser reads names with spaces and operators (`x and b`, `a.b`) and even `true` or
 * `null` as variables when the context holds such a key; then the same source means something
 * else. Such keys send the evaluation to feelin.
 */
function hasNameHazard(object: Record<string, unknown>, hazards: NameHazards): boolean {
  for (const key in object) {
    if (hazards.keywords.includes(key)) return true;
    if (!NAME_JOINER.test(key)) continue;
    for (const word of hazards.words) {
      if (key.length > word.length && key.startsWith(word) && NAME_JOINER.test(key[word.length])) return true;
    }
  }
  return false;
}

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { evaluate, unaryTest } from 'feelin';
import { NOT_ON_FAST_PATH } from '../../src/feel/fast-path-compiler.js';
import { evaluateFeelValue } from '../../src/feel/feel-evaluator.js';
import { parsedFeelExpression, parsedFeelUnaryTests } from '../../src/feel/parsed-feel-cache.js';

const DIALECT = 'camunda';
const simpleNames = ['a', 'b', 'c', 'x', '名称'];
// Keys that make feelin read some sources as other names (`x and b`, `a.b`); the fast path must step aside.
const trickyKeys = ['a b', 'a.b', 'x and b', 'b-c', 'true story', 'c or a'];

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0.5, -1.25, 2.5),
  fc.constantFrom('abc', 'abd', '5', '', '2024-01-01', '共治'),
  fc.boolean(),
  fc.constant(null),
);

const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...simpleNames, ...trickyKeys), tie('value'), { maxKeys: 3 }),
  ),
})).value;

// Mostly JSON; sometimes a Date, which feelin turns into a FEEL date-time.
const contextValue = fc.oneof({ weight: 12, arbitrary: jsonValue }, { weight: 1, arbitrary: fc.constant(new Date(Date.UTC(2024, 0, 1))) });
const context = fc.dictionary(fc.constantFrom(...simpleNames, ...trickyKeys), contextValue, { maxKeys: 6 });

const literal = fc.constantFrom('1', '-2', '0.5', '.5', '-1.25', '3', '"abc"', '"5"', '""', '"共治"', 'true', 'false', 'null');
const path = fc.tuple(fc.constantFrom(...simpleNames), fc.constantFrom(...simpleNames)).map(([a, b]) => `${a}.${b}`);
const operand = fc.oneof(literal, fc.constantFrom(...simpleNames), path);

const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    operand,
    fc.tuple(operand, fc.constantFrom('=', '!=', '<', '<=', '>', '>='), operand).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(tie('expr'), fc.constantFrom('and', 'or'), tie('expr')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(operand, fc.constantFrom('and', 'or'), operand).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.array(operand, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
  ),
})).expr;

const testLiteral = fc.constantFrom('1', '-2', '2.5', '"abc"', '"5"', '"共治"', 'true', 'false', 'null');
const orderedLiteral = fc.constantFrom('1', '-2', '2.5', '10', '"abc"', '"b"');
const positiveTest = fc.oneof(
  testLiteral,
  fc.tuple(fc.constantFrom('<', '<=', '>', '>='), orderedLiteral).map(([op, v]) => `${op} ${v}`),
  fc.tuple(fc.constantFrom('=', '!='), testLiteral).map(([op, v]) => `${op} ${v}`),
  fc
    .tuple(fc.constantFrom('[', '(', ']'), fc.constantFrom(['1', '5'], ['5', '1'], ['-2', '2.5'], ['"a"', '"m"']), fc.constantFrom(']', ')', '['))
    .map(([open, [low, high], close]) => `${open}${low}..${high}${close}`),
);
const unaryTests = fc.oneof(
  fc.constant('-'),
  fc.array(positiveTest, { minLength: 1, maxLength: 3 }).map((tests) => tests.join(', ')),
  fc.array(positiveTest, { minLength: 1, maxLength: 3 }).map((tests) => `not(${tests.join(', ')})`),
);
const testInput = fc.oneof(scalar, fc.constantFrom(3, 5, 'm', 'z'), fc.array(scalar, { maxLength: 2 }));

describe('fast path against feelin', () => {
  it('answers only what feelin answers, without warnings, for expressions', () => {
    let answered = 0;
    fc.assert(
      fc.property(expression, context, (source, ctx) => {
        const fast = parsedFeelExpression(source).fast;
        if (!fast) return;
        const value = fast(ctx);
        if (value === NOT_ON_FAST_PATH) return;
        answered++;
        const expected = evaluate(source, ctx, DIALECT);
        expect(expected.warnings).toEqual([]);
        expect(value).toEqual(expected.value ?? null);
      }),
      { numRuns: 3000 },
    );
    // The property is only worth something if the fast path answered often.
    expect(answered).toBeGreaterThan(300);
  });

  it('answers only what feelin answers when the context holds the source itself as a name', () => {
    let answered = 0;
    fc.assert(
      fc.property(expression, context, jsonValue, (source, ctx, value) => {
        const fast = parsedFeelExpression(source).fast;
        if (!fast) return;
        const withName = { ...ctx, [source]: value };
        const result = fast(withName);
        if (result === NOT_ON_FAST_PATH) return;
        answered++;
        const expected = evaluate(source, withName, DIALECT);
        expect(expected.warnings).toEqual([]);
        expect(result).toEqual(expected.value ?? null);
      }),
      { numRuns: 2000 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('answers only what feelin answers for literal unary tests', () => {
    let answered = 0;
    fc.assert(
      fc.property(unaryTests, testInput, (source, input) => {
        const fast = parsedFeelUnaryTests(source).fast;
        expect(fast).toBeDefined();
        const matched = fast!(input);
        if (matched === NOT_ON_FAST_PATH) return;
        answered++;
        expect(matched).toBe(unaryTest(source, { '?': input }, DIALECT).value === true);
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(900);
  });

  it('compiles the common shapes and leaves the rest to feelin', () => {
    for (const source of ['a > 1', 'order.state = "open" and amount <= 5000', '(a) or not_there', '["身份证", "户口簿"]', 'x != null']) {
      expect(parsedFeelExpression(source).fast, source).toBeDefined();
    }
    for (const source of ['a + 1', 'count(list)', 'items[x > 1]', 'a between 1 and 3', 'x in [1..3]', '"a\\"b"', '`a b` > 1', 'a b > 1']) {
      expect(parsedFeelExpression(source).fast, source).toBeUndefined();
    }
    for (const source of ['-', '"a","b"', '> 3', '[1..5]', 'not("x")', '= null']) {
      expect(parsedFeelUnaryTests(source).fast, source).toBeDefined();
    }
    for (const source of ['> x', '? > 3', 'contains(?, "a")', '[1..x]', '> null']) {
      expect(parsedFeelUnaryTests(source).fast, source).toBeUndefined();
    }
  });

  it('steps aside when the context holds names that change how feelin reads the source', () => {
    expect(evaluateFeelValue('x and b', { x: true, b: true, 'x and b': false }).value).toBe(false);
    expect(evaluateFeelValue('a.b > 1', { a: { b: 0 }, 'a.b': 5 }).value).toBe(true);
    expect(evaluateFeelValue('a.b and c', { a: { b: true, 'b and c': false }, c: true }).value).toBe(false);
    expect(evaluateFeelValue('x and b', { x: true, b: true }).value).toBe(true);
  });
});

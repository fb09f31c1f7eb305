import { describe, it, expect } from 'vitest';
import {
  checkFeelExpression,
  checkFeelUnaryTests,
  evaluateFeel,
  evaluateFeelBoolean,
  evaluateFeelWithWarnings,
  evaluateUnaryTests,
  FeelEvaluationError,
} from '../../src/feel/feel-expression.js';
import { clearFeelParseCache, feelParseStatistics } from '../../src/feel/parsed-feel-cache.js';

const order = {
  applicant: { name: '张三', age: 67, district: '东城街道' },
  items: [
    { name: '身份证', copies: 2 },
    { name: '户口簿', copies: 1 },
    { name: '低保证明', copies: 3 },
  ],
  amount: 1200,
  submittedOn: '2024-03-15',
};

function failureOf(run: () => unknown): FeelEvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeelEvaluationError) return error;
    throw error;
  }
  throw new Error('expected a FeelEvaluationError');
}

describe('evaluateFeel: values', () => {
  it('does arithmetic with the FEEL precedence and on variables', () => {
    expect(evaluateFeel('1 + 2 * 3', {})).toBe(7);
    expect(evaluateFeel('10 / 4', {})).toBe(2.5);
    expect(evaluateFeel('2 ** 10', {})).toBe(1024);
    expect(evaluateFeel('amount * 0.1 - 20', order)).toBe(100);
    expect(evaluateFeel('decimal(1 / 3, 2)', {})).toBe(0.33);
  });

  it('runs string functions on Chinese text', () => {
    expect(evaluateFeel('substring("共治平台", 1, 2)', {})).toBe('共治');
    expect(evaluateFeel('string length(applicant.name)', order)).toBe(2);
    expect(evaluateFeel('contains(applicant.district, "街道")', order)).toBe(true);
    expect(evaluateFeel('upper case("abc") + "-" + lower case("DEF")', {})).toBe('ABC-def');
    expect(evaluateFeel('string join(items.name, "、")', order)).toBe('身份证、户口簿、低保证明');
    expect(evaluateFeel('matches("110101199001011234", "^\\\\d{17}[0-9X]$")', {})).toBe(true);
  });

  it('reads lists and contexts', () => {
    expect(evaluateFeel('items[1].name', order)).toBe('身份证');
    expect(evaluateFeel('items[-1].name', order)).toBe('低保证明');
    expect(evaluateFeel('items.copies', order)).toEqual([2, 1, 3]);
    expect(evaluateFeel('sum(items.copies)', order)).toBe(6);
    expect(evaluateFeel('{ base: 10, total: base * 2 }.total', {})).toBe(20);
    expect(evaluateFeel('applicant', order)).toEqual(order.applicant);
    expect(evaluateFeel('{ who: applicant.name, n: count(items) }', order)).toEqual({ who: '张三', n: 3 });
  });

  it('filters lists', () => {
    expect(evaluateFeel('items[copies > 1]', order)).toEqual([order.items[0], order.items[2]]);
    expect(evaluateFeel('items[copies > 1].name', order)).toEqual(['身份证', '低保证明']);
    expect(evaluateFeel('[1, 5, 2, 8][item > 2]', {})).toEqual([5, 8]);
    expect(evaluateFeel('items[copies > 5]', order)).toEqual([]);
  });

  it('quantifies with some and every', () => {
    expect(evaluateFeel('some item in items satisfies item.copies > 2', order)).toBe(true);
    expect(evaluateFeel('every item in items satisfies item.copies > 2', order)).toBe(false);
    expect(evaluateFeel('every n in [2, 4] satisfies modulo(n, 2) = 0', {})).toBe(true);
  });

  it('branches with if then else', () => {
    expect(evaluateFeel('if applicant.age >= 60 then "老年人" else "一般"', order)).toBe('老年人');
    expect(evaluateFeel('if amount > 5000 then "街道审批" else "社区审批"', order)).toBe('社区审批');
    expect(evaluateFeel('for i in 1..3 return i * 2', {})).toEqual([2, 4, 6]);
  });

  it('treats a missing variable as null', () => {
    expect(evaluateFeel('nobody', {})).toBeNull();
    expect(evaluateFeel('nobody = null', {})).toBe(true);
    expect(evaluateFeel('nobody != null and nobody.age > 3', {})).toBe(false);
    expect(evaluateFeel('{ a: 1 }.b', {})).toBeNull();
    expect(evaluateFeel('applicant.phone', order)).toBeNull();
    expect(evaluateFeel('if nobody = null then "空" else nobody', {})).toBe('空');
  });

  it('keeps ISO date strings as strings until date() converts them', () => {
    expect(evaluateFeel('submittedOn', order)).toBe('2024-03-15');
    expect(evaluateFeel('submittedOn instance of string', order)).toBe(true);
    expect(evaluateFeel('date(submittedOn) < date("2024-04-01")', order)).toBe(true);
    expect(evaluateFeel('date(submittedOn) + duration("P30D")', order)).toBe('2024-04-14');
  });

  it('returns dates, times and durations as Zeebe serialises them', () => {
    expect(evaluateFeel('date("2024-01-31") + duration("P1M")', {})).toBe('2024-02-29');
    expect(evaluateFeel('date and time("2024-01-01T10:00:00+08:00")', {})).toBe('2024-01-01T10:00:00+08:00');
    expect(evaluateFeel('date and time("2024-01-01T10:00:00.120Z")', {})).toBe('2024-01-01T10:00:00.12Z');
    // a zone id becomes its offset on that day
    expect(evaluateFeel('date and time("2024-07-01T10:00:00@Europe/London")', {})).toBe('2024-07-01T10:00:00+01:00');
    expect(evaluateFeel('date and time("2024-01-01T10:00:00") + duration("PT1H")', {})).toBe('2024-01-01T11:00:00');
    expect(evaluateFeel('time("10:00:00")', {})).toBe('10:00');
    expect(evaluateFeel('time("10:00:05.5")', {})).toBe('10:00:05.500');
    expect(evaluateFeel('time("10:00:00+08:00")', {})).toBe('10:00:00+08:00');
    expect(evaluateFeel('duration("PT26H")', {})).toBe('P1DT2H');
    expect(evaluateFeel('duration("-PT90M")', {})).toBe('-PT1H30M');
    expect(evaluateFeel('duration("PT0S")', {})).toBe('P0D');
    expect(evaluateFeel('date("2024-03-01") - date("2024-02-01")', {})).toBe('P29D');
    expect(evaluateFeel('years and months duration(date("2020-01-01"), date("2021-03-01"))', {})).toBe('P1Y2M');
    expect(evaluateFeel('duration("P0Y")', {})).toBe('P0Y');
    expect(evaluateFeel('{ due: date("2024-05-01"), list: [duration("P2D")] }', {})).toEqual({ due: '2024-05-01', list: ['P2D'] });
  });

  it('gives null for values with no JSON form', () => {
    expect(evaluateFeel('[1..3]', {})).toBeNull();
    expect(evaluateFeel('function(a) a + 1', {})).toBeNull();
  });

  it('hands back JSON that the caller may change without touching its variables', () => {
    const variables = { tags: ['a'] };
    const result = evaluateFeel('tags', variables) as string[];
    result.push('b');
    expect(variables.tags).toEqual(['a']);
  });
});

describe('evaluateFeel: errors', () => {
  it('names the expression and the cause when a path leads into nothing', () => {
    const error = failureOf(() => evaluateFeel('x.y', {}));
    expect(error.message).toBe("failed to evaluate expression 'x.y': Variable 'x' not found; Property 'y' not found in 'null'");
    expect(error.expression).toBe('x.y');
    expect(error.warnings.map((w) => w.type)).toEqual(['NO_VARIABLE_FOUND', 'NO_PROPERTY_FOUND']);
  });

  it('fails on type errors, unknown functions and invalid arguments', () => {
    expect(failureOf(() => evaluateFeel('"a" + 1', {})).message).toBe(`failed to evaluate expression '"a" + 1': Can't add '1' to '"a"'`);
    expect(failureOf(() => evaluateFeel('lenght("abc")', {})).message).toContain("Variable 'lenght' not found");
    expect(failureOf(() => evaluateFeel('date("not a date")', {})).message).toContain('is not a valid date');
    expect(failureOf(() => evaluateFeel('amount + missing', order)).message).toContain("Variable 'missing' not found");
  });

  it('rejects sources that do not parse, with the position', () => {
    expect(failureOf(() => evaluateFeel('1 +', {})).message).toBe(
      "failed to parse expression '1 +': syntax error: the expression ends too early, after '1 +'",
    );
    expect(failureOf(() => evaluateFeel('a = "open', {})).message).toMatch(/syntax error at position 5/);
    expect(failureOf(() => evaluateFeel('', {})).message).toContain('the expression is empty');
  });

  it('wraps errors feelin throws while evaluating', () => {
    const error = failureOf(() => evaluateFeel('x >> 2', { x: 1 }));
    expect(error.message).toMatch(/^failed to evaluate expression 'x >> 2': /);
  });

  it('reports warnings without failing in the null-friendly evaluation', () => {
    expect(evaluateFeelWithWarnings('x.y', {})).toEqual({
      value: null,
      warnings: [
        { type: 'NO_VARIABLE_FOUND', message: "Variable 'x' not found" },
        { type: 'NO_PROPERTY_FOUND', message: "Property 'y' not found in 'null'" },
      ],
    });
    expect(evaluateFeelWithWarnings('a + 1', { a: 1 })).toEqual({ value: 2, warnings: [] });
  });
});

describe('evaluateFeelBoolean', () => {
  it('returns booleans', () => {
    expect(evaluateFeelBoolean('amount > 1000', order)).toBe(true);
    expect(evaluateFeelBoolean('applicant.age < 60', order)).toBe(false);
  });

  it('fails like a Zeebe incident when the result is not a boolean', () => {
    expect(failureOf(() => evaluateFeelBoolean('x > 1', {})).message).toBe(
      "Expected result of the expression 'x > 1' to be 'BOOLEAN', but was 'NULL'. The evaluation reported the following warnings:\n" +
        "[NO_VARIABLE_FOUND] Variable 'x' not found",
    );
    expect(failureOf(() => evaluateFeelBoolean('amount', order)).message).toBe(
      "Expected result of the expression 'amount' to be 'BOOLEAN', but was 'NUMBER'.",
    );
    expect(failureOf(() => evaluateFeelBoolean('date("2024-01-01")', {})).message).toContain("but was 'DATE'");
    expect(failureOf(() => evaluateFeelBoolean('items', order)).message).toContain("but was 'ARRAY'");
  });
});

describe('unary tests', () => {
  it('matches the DMN input entry forms', () => {
    expect(evaluateUnaryTests('-', 'anything', {})).toBe(true);
    expect(evaluateUnaryTests('', null, {})).toBe(true);
    expect(evaluateUnaryTests('"低保","特困"', '特困', {})).toBe(true);
    expect(evaluateUnaryTests('"低保","特困"', '残疾', {})).toBe(false);
    expect(evaluateUnaryTests('> 3', 5, {})).toBe(true);
    expect(evaluateUnaryTests('> 3', 3, {})).toBe(false);
    expect(evaluateUnaryTests('[1..5]', 5, {})).toBe(true);
    expect(evaluateUnaryTests(']1..5[', 5, {})).toBe(false);
    expect(evaluateUnaryTests('not("x")', 'y', {})).toBe(true);
    expect(evaluateUnaryTests('not("x")', 'x', {})).toBe(false);
    expect(evaluateUnaryTests('true', true, {})).toBe(true);
    expect(evaluateUnaryTests('null', null, {})).toBe(true);
    expect(evaluateUnaryTests('> 3', null, {})).toBe(false);
  });

  it('sees the context and the input as ?', () => {
    expect(evaluateUnaryTests('> limit', 5, { limit: 3 })).toBe(true);
    expect(evaluateUnaryTests('< limit', 5, { limit: 3 })).toBe(false);
    expect(evaluateUnaryTests('? > 3', 5, {})).toBe(true);
    expect(evaluateUnaryTests('contains(?, "街道")', '东城街道', {})).toBe(true);
    expect(evaluateUnaryTests('< date("2024-01-01")', null, {})).toBe(false);
  });

  it('rejects unary tests that do not parse', () => {
    expect(checkFeelUnaryTests('> ')).toMatch(/ends too early/);
    expect(() => evaluateUnaryTests('[1..', 1, {})).toThrow(FeelEvaluationError);
  });
});

describe('syntax checks', () => {
  it('accepts valid sources and explains invalid ones', () => {
    expect(checkFeelExpression('a > 1 and b = "x"')).toBeUndefined();
    expect(checkFeelExpression('`order total` > 100')).toBeUndefined();
    expect(checkFeelExpression('if a then b')).toMatch(/ends too early/);
    expect(checkFeelExpression('a ) b')).toBe("syntax error at position 3: unexpected ') b'");
    expect(checkFeelUnaryTests('"a" "b"')).toBe(`syntax error at position 5: unexpected '"b"'`);
    expect(checkFeelUnaryTests('1..5')).toMatch(/syntax error at position 2/);
    expect(checkFeelUnaryTests('"a", "b"')).toBeUndefined();
    expect(checkFeelUnaryTests('not("a", "b")')).toBeUndefined();
  });
});

describe('the parse cache', () => {
  it('parses each distinct source once', () => {
    clearFeelParseCache();
    const before = feelParseStatistics().parses;
    for (let i = 0; i < 100; i++) {
      expect(evaluateFeel('amount > 1000', { amount: i * 20 })).toBe(i * 20 > 1000);
      expect(evaluateFeel('sum(items.copies) + 1', order)).toBe(7);
      expect(evaluateUnaryTests('[10..20]', i, {})).toBe(i >= 10 && i <= 20);
    }
    expect(feelParseStatistics().parses - before).toBe(3);
    expect(feelParseStatistics().cachedExpressions).toBe(2);
    expect(feelParseStatistics().cachedUnaryTests).toBe(1);
  });

});

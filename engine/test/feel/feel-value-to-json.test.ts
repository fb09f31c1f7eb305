import { describe, it, expect } from 'vitest';
import { evaluate } from 'feelin';
import { feelValueToJson } from '../../src/feel/feel-value-to-json.js';
import { feelResultType } from '../../src/feel/feel-result-type.js';

const feel = (source: string) => evaluate(source, {}, 'camunda').value;

describe('feelValueToJson', () => {
  it('keeps JSON scalars and turns non-finite numbers into null', () => {
    expect(feelValueToJson('共治')).toBe('共治');
    expect(feelValueToJson(3.5)).toBe(3.5);
    expect(feelValueToJson(false)).toBe(false);
    expect(feelValueToJson(undefined)).toBeNull();
    expect(feelValueToJson(Number.NaN)).toBeNull();
    expect(feelValueToJson(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('converts temporals inside lists and contexts', () => {
    expect(feelValueToJson(feel('{ 办结日期: date("2024-05-06"), 时限: [duration("P3D"), duration("P1Y")] }'))).toEqual({
      办结日期: '2024-05-06',
      时限: ['P3D', 'P1Y'],
    });
  });

  it('writes zoned date-times with their offset and local ones without', () => {
    expect(feelValueToJson(feel('date and time("2024-02-01T08:30:00@Asia/Shanghai")'))).toBe('2024-02-01T08:30:00+08:00');
    expect(feelValueToJson(feel('date and time("2024-02-01T08:30:00Z")'))).toBe('2024-02-01T08:30:00Z');
    expect(feelValueToJson(feel('date and time("2024-02-01T08:30:00")'))).toBe('2024-02-01T08:30:00');
    expect(feelValueToJson(feel('time("08:30:00@Asia/Shanghai")'))).toBe('08:30:00@Asia/Shanghai');
  });

  it('copies a "__proto__" key as data, never as a prototype', () => {
    const json = feelValueToJson(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.keys(json)).toEqual(['__proto__', 'a']);
    expect((json as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('drops values with no JSON form and foreign objects', () => {
    expect(feelValueToJson(feel('[1..10]'))).toBeNull();
    expect(feelValueToJson(feel('function(x) x'))).toBeNull();
    expect(feelValueToJson(new Map())).toBeNull();
  });
});

describe('feelResultType', () => {
  it('names results as Zeebe does', () => {
    expect(feelResultType(null)).toBe('NULL');
    expect(feelResultType(true)).toBe('BOOLEAN');
    expect(feelResultType(1)).toBe('NUMBER');
    expect(feelResultType('x')).toBe('STRING');
    expect(feelResultType([1])).toBe('ARRAY');
    expect(feelResultType({ a: 1 })).toBe('OBJECT');
    expect(feelResultType(feel('date("2024-01-01")'))).toBe('DATE');
    expect(feelResultType(feel('date and time("2024-01-01T00:00:00Z")'))).toBe('DATE_TIME');
    expect(feelResultType(feel('duration("PT1H")'))).toBe('DURATION');
    expect(feelResultType(feel('duration("P1M")'))).toBe('PERIOD');
    expect(feelResultType(feel('[1..2]'))).toBe('UNKNOWN');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/canonical-json.js';

describe('canonical JSON', () => {
  it('sorts keys at every level, keeps array order, drops undefined members, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: '网格' }, u: undefined })).toBe(
      '{"a":{"c":"网格","d":[3,1,{"y":null,"z":true}]},"b":1}',
    );
    expect(canonicalJson({ B: 1, a: 2, _: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"B":1,"_":3,"a":2}');
    expect(canonicalJson('x"\n')).toBe('"x\\"\\n"');
    expect(canonicalJson([])).toBe('[]');
  });

  it('refuses what JSON cannot hold, saying where', () => {
    expect(() => canonicalJson({ a: [1, NaN] })).toThrow('$.a[1] is NaN, which JSON cannot hold');
    expect(() => canonicalJson({ when: new Date(0) })).toThrow('$.when is a Date, not a plain JSON object');
    expect(() => canonicalJson({ a: [undefined] })).toThrow('$.a[0] is a undefined');
    expect(() => canonicalJson({ n: 1n })).toThrow('$.n is a bigint');
    expect(() => canonicalJson({ s: 'a\u0000b' })).toThrow('$.s contains a NUL character');
    expect(() => canonicalJson({ s: 'half \ud800' })).toThrow('$.s contains an unpaired UTF-16 surrogate');
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow('nested more than 32 levels deep');
  });

  it('gives one text per value, whatever the key order, and survives a round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(canonicalJson(reverseKeys(value))).toBe(text);
      }),
    );
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

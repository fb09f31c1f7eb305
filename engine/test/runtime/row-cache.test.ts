import { describe, it, expect } from 'vitest';
import { RowCache } from '../../src/runtime/embedded/state/row-cache.js';

describe('RowCache', () => {
  it('hands out copies, so a batch mutating what it read leaves the committed row alone', () => {
    const cache = new RowCache<{ n: number }>(10);
    cache.set('a', { n: 1 });
    cache.get('a')!.n = 2;
    expect(cache.get('a')).toEqual({ n: 1 });
  });

  it('tells known-absent (null) from not cached (undefined)', () => {
    const cache = new RowCache<{ n: number }>(10);
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
    expect(cache.get('never')).toBeUndefined();
  });

  it('stays within its capacity and keeps the rows read recently', () => {
    const cache = new RowCache<{ n: number }>(100);
    cache.set('hot', { n: -1 });
    for (let i = 0; i < 1000; i++) {
      cache.set(`k${i}`, { n: i });
      if (i % 10 === 0) expect(cache.get('hot')).toEqual({ n: -1 });
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.get('k999')).toEqual({ n: 999 });
    expect(cache.get('k0')).toBeUndefined();
  });

  it('a newer write wins over the copy still in the old generation', () => {
    const cache = new RowCache<{ n: number }>(4);
    cache.set('a', { n: 1 });
    cache.set('b', { n: 0 }); // a and b rotate into the old generation
    cache.set('a', { n: 2 });
    expect(cache.get('a')).toEqual({ n: 2 });
    cache.set('c', { n: 0 }); // young (a=2, c) rotates; the old a=1 is dropped
    expect(cache.get('a')).toEqual({ n: 2 });
  });
});

describe('RowCache copies', () => {
  it('are deep: nested objects, arrays and Maps of a row are the batch’s own', () => {
    const cache = new RowCache<{ data: { list: number[]; nested: { a: string } }; vars: Map<string, { v: number }> }>(10);
    cache.set('r', { data: { list: [1, 2], nested: { a: 'x' } }, vars: new Map([['n', { v: 1 }]]) });
    const copy = cache.get('r')!;
    copy.data.list.push(3);
    copy.data.nested.a = 'y';
    copy.vars.get('n')!.v = 2;
    copy.vars.set('m', { v: 0 });
    expect(cache.get('r')).toEqual({ data: { list: [1, 2], nested: { a: 'x' } }, vars: new Map([['n', { v: 1 }]]) });
  });
});

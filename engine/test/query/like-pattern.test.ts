import { describe, expect, it } from 'vitest';
import { likePattern } from '../../src/query/like-pattern.js';

describe("Camunda's $like wildcards as SQL LIKE patterns", () => {
  it('turns * into % and ? into _', () => {
    expect(likePattern('C-*')).toBe('C-%');
    expect(likePattern('M-00?')).toBe('M-00_');
    expect(likePattern('*调解*')).toBe('%调解%');
  });

  it("escapes SQL's own wildcards and backslashes, which are literal in Camunda's syntax", () => {
    expect(likePattern('100%_done')).toBe('100\\%\\_done');
    expect(likePattern('a\\b')).toBe('ab');
  });

  it('keeps an escaped * or ? literal, and a trailing backslash literal', () => {
    expect(likePattern('rate\\*2')).toBe('rate*2');
    expect(likePattern('why\\?')).toBe('why?');
    expect(likePattern('end\\')).toBe('end\\\\');
    expect(likePattern('\\\\*')).toBe('\\\\%');
  });
});

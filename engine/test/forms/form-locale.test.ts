import { describe, it, expect } from 'vitest';
import { localeFrom } from '../../src/forms/index.js';

describe('localeFrom', () => {
  it.each([
    [undefined, 'zh'],
    [null, 'zh'],
    ['', 'zh'],
    ['zh-CN,zh;q=0.9', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['EN-gb', 'en'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['zh-CN;q=0.5, en;q=0.8', 'en'],
    ['en;q=0.8, zh-TW;q=0.9', 'zh'],
    ['fr-FR, de', 'zh'],
    ['fr, en;q=0.3', 'en'],
    ['*', 'zh'],
    ['zh;q=0, en', 'en'],
    ['en;q=0', 'zh'],
    ['en;q=0.7, zh;q=0.7', 'en'],
    ['english', 'zh'],
    ['en;q=abc, zh;q=0.1', 'zh'],
  ] as const)('%j → %s', (header, locale) => {
    expect(localeFrom(header)).toBe(locale);
  });
});

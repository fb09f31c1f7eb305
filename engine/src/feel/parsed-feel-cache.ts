/**
 * Each distinct FEEL source is parsed once: the syntax check and the fast-path closure are kept in
 * a bounded cache keyed by the source text (processes and decision tables repeat a small set of
 * expressions millions of times).
 */
import { parseExpression, parseUnaryTests } from 'feelin';
import { compileFastExpression, compileFastUnaryTests, type FastExpression, type FastUnaryTests } from './fast-path-compiler.js';
import { ZEEBE_FEEL_DIALECT } from './feel-dialect.js';
import { findSyntaxError } from './feel-parse-tree.js';
import { LruCache } from './lru-cache.js';

export interface ParsedFeelExpression {
  readonly source: string;
  /** Why the source is not a FEEL expression; undefined when it parses. */
  readonly syntaxError?: string;
  /** Direct evaluation for the common shapes; undefined when feelin has to do it. */
  readonly fast?: FastExpression;
}

export interface ParsedFeelUnaryTests {
  readonly source: string;
  readonly syntaxError?: string;
  readonly fast?: FastUnaryTests;
}

const CAPACITY = 10_000;
const expressions = new LruCache<string, ParsedFeelExpression>(CAPACITY);
const unaryTests = new LruCache<string, ParsedFeelUnaryTests>(CAPACITY);
let parses = 0;

export function parsedFeelExpression(source: string): ParsedFeelExpression {
  const cached = expressions.get(source);
  if (cached) return cached;
  const parsed = parseExpressionSource(source);
  expressions.set(source, parsed);
  return parsed;
}

export function parsedFeelUnaryTests(source: string): ParsedFeelUnaryTests {
  const cached = unaryTests.get(source);
  if (cached) return cached;
  const parsed = parseUnaryTestsSource(source);
  unaryTests.set(source, parsed);
  return parsed;
}

/** How often a source was actually parsed, and how many are cached (the cache's own measurements). */
export function feelParseStatistics(): { parses: number; cachedExpressions: number; cachedUnaryTests: number } {
  return { parses, cachedExpressions: expressions.size, cachedUnaryTests: unaryTests.size };
}

export function clearFeelParseCache(): void {
  expressions.clear();
  unaryTests.clear();
}

function parseExpressionSource(source: string): ParsedFeelExpression {
  if (source.trim() === '') return { source, syntaxError: 'the expression is empty' };
  parses++;
  let tree;
  try {
    tree = parseExpression(source, {}, ZEEBE_FEEL_DIALECT);
  } catch (error) {
    return { source, syntaxError: `the parser failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const syntaxError = findSyntaxError(tree, source);
  if (syntaxError) return { source, syntaxError };
  return { source, fast: compileFastExpression(tree, source) };
}

function parseUnaryTestsSource(source: string): ParsedFeelUnaryTests {
  // DMN: an empty input entry matches anything, like `-`.
  if (source.trim() === '') return { source, fast: () => true };
  parses++;
  let tree;
  try {
    tree = parseUnaryTests(source, {}, ZEEBE_FEEL_DIALECT);
  } catch (error) {
    return { source, syntaxError: `the parser failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const syntaxError = findSyntaxError(tree, source);
  if (syntaxError) return { source, syntaxError };
  return { source, fast: compileFastUnaryTests(tree, source) };
}

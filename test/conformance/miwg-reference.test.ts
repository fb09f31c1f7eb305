import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStores } from '../../engine/test/support/test-stores.js';
import { TestEngine } from '../../engine/test/support/test-engine.js';
import { EngineRejection } from '../../engine/src/runtime/engine-rejection.js';

/** The OMG MIWG reference models (../shared/corpora): each deploys, or is rejected naming an element or a line; none throws anything else. */
const corpus = new URL('../../../shared/corpora/miwg-reference/', import.meta.url);
const files = readdirSync(corpus).filter((f) => f.endsWith('.bpmn'));

describe('MIWG reference models through the engine', () => {
  let t: TestEngine;
  beforeAll(async () => (t = await TestEngine.start(testStores[0])));
  afterAll(async () => t.close());

  it('has the 21 models', () => expect(files).toHaveLength(21));

  it.each(files)('%s deploys or is rejected with element-level problems', async (file) => {
    try {
      const result = await t.engine.deploy([{ name: file, content: readFileSync(new URL(file, corpus)) }]);
      expect(result.processes.length).toBeGreaterThan(0);
    } catch (error) {
      expect(error).toBeInstanceOf(EngineRejection);
      const rejection = error as EngineRejection;
      expect(rejection.type).toBe('INVALID_ARGUMENT');
      const problems = rejection.details as Array<{ resourceName: string; elementId?: string; line?: number; message: string }>;
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problem.resourceName).toBe(file);
        expect(problem.elementId !== undefined || problem.line !== undefined, problem.message).toBe(true);
        expect(problem.message.length).toBeGreaterThan(5);
      }
    }
  });
});

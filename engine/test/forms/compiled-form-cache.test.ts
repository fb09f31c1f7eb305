import { describe, it, expect, beforeEach } from 'vitest';
import { CompiledFormCache, compiledForms, FormDefinitionError, validateSubmission } from '../../src/forms/index.js';
import { intakeForm, validIntake } from './intake-form.js';

describe('CompiledFormCache', () => {
  let cache: CompiledFormCache;
  beforeEach(() => {
    cache = new CompiledFormCache();
  });

  it('compiles a form version once, whichever copy of it comes in', () => {
    const first = cache.get(intakeForm(1));
    // As the server reads it: a fresh object from the store for every task completion.
    const second = cache.get(structuredClone(intakeForm(1)));
    expect(second).toBe(first);
    expect(second.validate).toBe(first.validate);
    expect(cache.compilations).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('compiles each version of a form separately', () => {
    const version1 = cache.get(intakeForm(1));
    const version2 = cache.get(intakeForm(2));
    expect(version2).not.toBe(version1);
    expect(cache.compilations).toBe(2);
    expect(cache.size).toBe(2);
  });

  it('keys a form without a version by the object, so an edited copy is compiled afresh', () => {
    const draft = intakeForm(null);
    expect(cache.get(draft)).toBe(cache.get(draft));
    expect(cache.compilations).toBe(1);
    const edited = intakeForm(null);
    (edited.schema.properties as Record<string, Record<string, unknown>>).age.minimum = 16;
    const compiled = cache.get(edited);
    expect(cache.compilations).toBe(2);
    expect(compiled.validate({ ...validIntake(), age: 16 })).toBe(true);
    expect(cache.size).toBe(0);
  });

  it('does not keep a broken form, and says what is wrong each time', () => {
    const broken = { ...intakeForm(1), schema: { type: 'object', properties: { a: { type: 'strin' } } } };
    expect(() => cache.get(broken)).toThrow(FormDefinitionError);
    expect(() => cache.get(broken)).toThrow('/schema/properties/a/type');
    expect(cache.size).toBe(0);
    expect(cache.compilations).toBe(0);
  });

  it('starts over when cleared', () => {
    const before = cache.get(intakeForm(1));
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get(intakeForm(1))).not.toBe(before);
    expect(cache.compilations).toBe(1);
  });
});

describe('validateSubmission and the shared cache', () => {
  it('reuses the compiled form across submissions', () => {
    compiledForms.clear();
    expect(validateSubmission(intakeForm(7), validIntake(), 'zh').valid).toBe(true);
    expect(validateSubmission(intakeForm(7), { ...validIntake(), age: 3 }, 'en').valid).toBe(false);
    expect(validateSubmission(structuredClone(intakeForm(7)), validIntake(), 'zh').valid).toBe(true);
    expect(compiledForms.compilations).toBe(1);
  });

  it('gives each call its own errors although the validator is shared', () => {
    const first = validateSubmission(intakeForm(8), { ...validIntake(), age: 3 }, 'zh');
    const second = validateSubmission(intakeForm(8), { ...validIntake(), age: 200 }, 'en');
    expect(first.errors).toEqual([{ field: '/age', keyword: 'minimum', message: '年龄 应当为 >= 18' }]);
    expect(second.errors).toEqual([{ field: '/age', keyword: 'maximum', message: 'Age must be <= 120' }]);
  });
});

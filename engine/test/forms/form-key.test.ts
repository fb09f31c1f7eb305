import { describe, it, expect } from 'vitest';
import { FormError, formKeyOf, parseFormKey } from '../../src/forms/index.js';

describe('parseFormKey', () => {
  it('reads the id from a gongzhi form key', () => {
    expect(parseFormKey('gongzhi:form:intake')).toBe('intake');
    expect(parseFormKey('gongzhi:form:whistle-2')).toBe('whistle-2');
  });

  it('accepts a bare id', () => {
    expect(parseFormKey('mediation-record')).toBe('mediation-record');
  });

  it.each([
    ['gongzhi:form:', 'an empty id'],
    ['camunda-forms:bpmn:intake', 'another prefix'],
    ['gongzhi:form:Intake', 'upper case'],
    ['gongzhi:form:in take', 'a space'],
    ['gongzhi:form:a:b', 'a colon in the id'],
    ['', 'nothing'],
  ])('rejects %j (%s) naming the key', (key) => {
    expect(() => parseFormKey(key)).toThrow(FormError);
    expect(() => parseFormKey(key)).toThrow(`"${key}"`);
  });

  it('rejects a value that is no string', () => {
    expect(() => parseFormKey(42 as unknown as string)).toThrow('must be a string, not number');
  });

  it('builds the key a user task uses', () => {
    expect(formKeyOf('intake')).toBe('gongzhi:form:intake');
    expect(() => formKeyOf('Not A Slug')).toThrow(FormError);
  });
});

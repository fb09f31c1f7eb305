/** The task form's machinery without a browser: the eval-free validator, server errors on fields, file references. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SchemaValidator, schemaDraftOf } from '../../../designer/src/components/form-renderer/schema-validator.js';
import { serverErrorSchema, fieldPath, valueAt } from '../../../designer/src/components/form-renderer/server-field-errors.js';
import { fileReferenceText, readFileFieldValue } from '../../../designer/src/components/form-renderer/file-reference.js';
import { sha256 } from '../../../designer/src/components/form-renderer/sha256.js';
import { localizedSchema } from '../../../designer/src/components/form-renderer/localized-schema.js';
import { validateSubmission, type FormDefinition } from '../../../engine/src/forms/index.js';
import { REPORT_FORM, VALID_ID_NUMBER } from '../fixtures/grid-report.js';

const zh = new SchemaValidator('2020-12', 'zh');
const en = new SchemaValidator('2020-12', 'en');

describe('the browser validator', () => {
  it('puts one message in the user’s language on each wrong field, required ones on the missing field', () => {
    const result = zh.validateFormData({ reporter: '张', phone: '12345', idNumber: '110105194912310021' }, REPORT_FORM.schema as never);
    expect(result.errorSchema).toEqual({
      reporter: { __errors: ['至少填写 2 个字符'] },
      phone: { __errors: [expect.stringContaining('请输入有效的电话号码')] },
      idNumber: { __errors: ['请输入有效的居民身份证号码'] },
      summary: { __errors: ['此项为必填项'] },
    });
    const english = en.validateFormData({ items: [{ n: 1 }, {}] }, {
      type: 'object',
      properties: { items: { type: 'array', minItems: 3, items: { type: 'object', required: ['n'], properties: { n: { type: 'integer', maximum: 0 } } } } },
    } as never);
    expect(english.errorSchema).toEqual({ items: { __errors: ['Add at least 3 items'], 0: { n: { __errors: ['Must be at most 0'] } }, 1: { n: { __errors: ['This field is required'] } } } });
  });

  it('agrees with the server on what is valid, for the same form and data', () => {
    const form = REPORT_FORM as unknown as FormDefinition;
    const samples: Array<Record<string, unknown>> = [
      { reporter: '张伟', phone: '13800138000', summary: '楼道堆放杂物' },
      { reporter: '张伟', phone: '010-12345678', summary: '楼道堆放杂物', idNumber: VALID_ID_NUMBER },
      { reporter: '张伟', phone: '1380013800', summary: '楼道堆放杂物' },
      { reporter: '张伟', phone: '13800138000', summary: '短' },
      { reporter: '张伟', phone: '13800138000', summary: '楼道堆放杂物', idNumber: '110105194912310021' },
      { phone: '13800138000', summary: '楼道堆放杂物' },
      { reporter: 7, phone: '13800138000', summary: '楼道堆放杂物' },
    ];
    for (const data of samples) {
      const server = validateSubmission(form, data, 'zh');
      const browser = zh.validateFormData(data, REPORT_FORM.schema as never);
      expect({ data, valid: browser.errors.length === 0 }).toEqual({ data, valid: server.valid });
      expect(browser.errors.map((e) => e.property).sort()).toEqual(server.errors.map((e) => `.${fieldPath(e.field).join('.')}`).sort());
    }
  });

  it('evaluates if/then and $ref against the root schema, as rjsf asks for shown-when fields', () => {
    const root = { type: 'object', properties: { a: { type: 'string' } }, $defs: { long: { type: 'string', minLength: 3 } } };
    const condition = { properties: { a: { const: 'yes' } }, required: ['a'] };
    expect(zh.isValid(condition as never, { a: 'yes' }, root as never)).toBe(true);
    expect(zh.isValid(condition as never, { a: 'no' }, root as never)).toBe(false);
    expect(zh.isValid({ $ref: '#/$defs/long' } as never, 'ab', root as never)).toBe(false);
    expect(zh.isValid({ $ref: '#/$defs/long' } as never, 'abcd', root as never)).toBe(true);
    const conditional = { type: 'object', properties: { a: { type: 'string' } }, allOf: [{ if: condition, then: { required: ['b'] } }] };
    expect(zh.validateFormData({ a: 'yes' }, conditional as never).errorSchema).toEqual({ b: { __errors: ['此项为必填项'] } });
    expect(zh.validateFormData({ a: 'no' }, conditional as never).errors).toEqual([]);
  });

  it('does not change the schemas it is given, and reads the draft from $schema as the server does', () => {
    const schema = structuredClone(REPORT_FORM.schema);
    zh.validateFormData({}, schema as never);
    zh.isValid(schema as never, {}, schema as never);
    expect(schema).toEqual(REPORT_FORM.schema);
    expect(schemaDraftOf({ $schema: 'http://json-schema.org/draft-07/schema#' })).toBe('7');
    expect(schemaDraftOf({})).toBe('2020-12');
  });
});

describe('server errors on fields', () => {
  it('turns 422 field pointers into rjsf error schemas, root errors on the form', () => {
    expect(
      serverErrorSchema([
        { field: '/phone', message: '联系电话 不是有效的电话号码' },
        { field: '/items/1/name', message: 'a' },
        { field: '/items/1/name', message: 'a' },
        { field: '/a~1b', message: 'slash' },
        { field: '', message: 'whole' },
        { field: 'x.y', message: 'dotted' },
      ]),
    ).toEqual({
      phone: { __errors: ['联系电话 不是有效的电话号码'] },
      items: { 1: { name: { __errors: ['a'] } } },
      'a/b': { __errors: ['slash'] },
      x: { y: { __errors: ['dotted'] } },
      __errors: ['whole'],
    });
    expect(valueAt({ items: [{ name: 'n' }] }, '/items/0/name')).toBe('n');
    expect(valueAt({ items: null }, '/items/0/name')).toBeUndefined();
  });
});

describe('file references', () => {
  it('hashes like node:crypto, and reads back what it writes, links and nonsense', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), '现场照片'.repeat(100)]) {
      const bytes = new TextEncoder().encode(text);
      expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const file = { name: 'a.jpg', size: 3, sha256: 'ab'.repeat(32) };
    expect(readFileFieldValue(fileReferenceText(file))).toEqual({ kind: 'file', file });
    expect(readFileFieldValue('https://files.example/a.jpg')).toEqual({ kind: 'url', url: 'https://files.example/a.jpg' });
    expect(readFileFieldValue('')).toEqual({ kind: 'empty' });
    expect(readFileFieldValue('{"name":"a"}').kind).toBe('invalid');
    expect(readFileFieldValue('ftp://x/y').kind).toBe('invalid');
  });
});

describe('titles by language', () => {
  it('uses x-title-en in English and keeps the schema otherwise', () => {
    const english = localizedSchema(REPORT_FORM.schema, 'en') as { properties: Record<string, { title: string }> };
    expect(english.properties.reporter.title).toBe('Reporter');
    const chinese = localizedSchema(REPORT_FORM.schema, 'zh') as { properties: Record<string, { title: string }> };
    expect(chinese.properties.reporter.title).toBe('上报人');
    expect(REPORT_FORM.schema.properties.reporter.title).toBe('上报人');
  });
});

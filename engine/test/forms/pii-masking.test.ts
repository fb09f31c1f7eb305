import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FormError, maskPii, maskPiiValue, piiPaths, type PiiKind } from '../../src/forms/index.js';
import { intakeForm, validIntake } from './intake-form.js';

const caseSchema = {
  type: 'object',
  $defs: {
    phone: { type: 'string', title: '联系电话', format: 'phone', 'x-pii': true },
  },
  properties: {
    caseNo: { type: 'string', title: '案件编号' },
    applicant: {
      type: 'object',
      title: '申请人',
      properties: {
        name: { type: 'string', title: '姓名', 'x-pii': true },
        idCard: { type: 'string', format: 'cn-id-card', 'x-pii': true },
        address: { type: 'string', title: '住址', 'x-pii': true },
        age: { type: 'integer', 'x-pii': true },
        phone: { $ref: '#/$defs/phone' },
      },
    },
    parties: {
      type: 'array',
      title: '当事人',
      items: {
        type: 'object',
        properties: {
          partyName: { type: 'string', 'x-pii': true },
          phone: { $ref: '#/$defs/phone' },
          role: { type: 'string' },
        },
      },
    },
    contact: { anyOf: [{ type: 'string', format: 'phone', 'x-pii': true }, { type: 'string', format: 'email' }] },
    household: { type: 'object', 'x-pii': true },
    extraIds: { type: 'object', additionalProperties: { type: 'string', format: 'cn-id-card', 'x-pii': true } },
  },
};

describe('maskPii', () => {
  it('masks the marked fields of a form as the examples say', () => {
    const masked = maskPii(intakeForm().schema, validIntake()) as Record<string, unknown>;
    expect(masked).toEqual({
      ...validIntake(),
      applicantName: '张**',
      idCard: '110***********002X',
      phone: '138****0000',
    });
  });

  it('masks nested objects, sub-table rows, references, anyOf branches and additional properties', () => {
    const data = {
      caseNo: 'JD-2025-0001',
      applicant: {
        name: '王小明',
        idCard: '320106199003071234',
        address: '北京市东城区和平里街道1号',
        age: 42,
        phone: '0571-8888888',
      },
      parties: [
        { partyName: '李四', phone: '13912345678', role: '被申请人' },
        { partyName: '欧阳娜娜', role: '第三人' },
      ],
      contact: '13800000000',
      household: { members: 3 },
      extraIds: { spouse: '310115198511204566' },
    };
    expect(maskPii(caseSchema, data)).toEqual({
      caseNo: 'JD-2025-0001',
      applicant: {
        name: '王**',
        idCard: '320***********1234',
        address: '***********1号',
        age: '***',
        phone: '057*****8888',
      },
      parties: [
        { partyName: '李*', phone: '139****5678', role: '被申请人' },
        { partyName: '欧***', role: '第三人' },
      ],
      contact: '138****0000',
      household: '***',
      extraIds: { spouse: '310***********4566' },
    });
  });

  it('returns a copy and leaves the data as it was', () => {
    const data = validIntake();
    const before = structuredClone(data);
    const masked = maskPii(intakeForm().schema, data) as Record<string, unknown>;
    expect(data).toEqual(before);
    expect(masked.materials).not.toBe(data.materials);
    expect((masked.materials as unknown[])[0]).not.toBe((data.materials as unknown[])[0]);
  });

  it('keeps absent fields absent and null as null, and masks non-strings entirely', () => {
    const schema = { type: 'object', properties: { name: { 'x-pii': true }, flags: { 'x-pii': true }, income: { 'x-pii': true } } };
    expect(maskPii(schema, { name: null, flags: [true, false], income: 5000.5 })).toEqual({ name: null, flags: '***', income: '***' });
    expect(maskPii(schema, {})).toEqual({});
  });

  it('masks short strings entirely and counts characters, not UTF-16 units', () => {
    expect(maskPiiValue('张', 'name')).toBe('*');
    expect(maskPiiValue('𠮷野家', 'name')).toBe('𠮷**');
    expect(maskPiiValue('号', 'other')).toBe('*');
    expect(maskPiiValue('1号', 'other')).toBe('**');
    expect(maskPiiValue('123456', 'phone')).toBe('******');
    expect(maskPiiValue('', 'other')).toBe('');
  });

  it('keeps length and shows no more than the head and tail of any string', () => {
    const shown: Record<PiiKind, [number, number]> = { 'id-card': [3, 4], phone: [3, 4], name: [1, 0], other: [0, 2] };
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom(...(Object.keys(shown) as PiiKind[])), (value, kind) => {
        const masked = maskPiiValue(value, kind) as string;
        const original = Array.from(value);
        const characters = Array.from(masked);
        expect(characters).toHaveLength(original.length);
        const [head, tail] = shown[kind];
        const hidden = original.length <= head + tail ? characters : characters.slice(head, characters.length - tail);
        expect(hidden.every((character) => character === '*')).toBe(true);
      }),
    );
  });

  it('keeps a "__proto__" key as data', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "name": "张三"}');
    const masked = maskPii({ type: 'object', properties: { name: { 'x-pii': true } } }, data) as Record<string, unknown>;
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.hasOwn(masked, '__proto__')).toBe(true);
    expect(masked.name).toBe('张*');
  });

  it('follows recursive schemas as deep as the data goes', () => {
    const schema = {
      $defs: { member: { type: 'object', properties: { name: { type: 'string', 'x-pii': true }, children: { type: 'array', items: { $ref: '#/$defs/member' } } } } },
      $ref: '#/$defs/member',
    };
    const data = { name: '赵一', children: [{ name: '赵二', children: [{ name: '赵三三', children: [] }] }] };
    expect(maskPii(schema, data)).toEqual({ name: '赵*', children: [{ name: '赵*', children: [{ name: '赵**', children: [] }] }] });
    expect(piiPaths(schema)).toEqual(['/name', '/children/*/name']);
  });

  it('rejects a schema that is no schema', () => {
    expect(() => maskPii([], {})).toThrow(FormError);
    expect(() => piiPaths('schema')).toThrow('A form schema must be a JSON Schema object');
  });
});

describe('piiPaths', () => {
  it('lists the pointers of every marked field', () => {
    expect(piiPaths(intakeForm().schema)).toEqual(['/applicantName', '/idCard', '/phone']);
    expect(piiPaths(caseSchema)).toEqual([
      '/applicant/name',
      '/applicant/idCard',
      '/applicant/address',
      '/applicant/age',
      '/applicant/phone',
      '/parties/*/partyName',
      '/parties/*/phone',
      '/contact',
      '/household',
      '/extraIds/*',
    ]);
  });

  it('is empty for a schema without personal data', () => {
    expect(piiPaths({ type: 'object', properties: { caseNo: { type: 'string' } } })).toEqual([]);
    expect(piiPaths(true)).toEqual([]);
  });
});

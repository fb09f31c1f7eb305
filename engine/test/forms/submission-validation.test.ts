import { describe, it, expect } from 'vitest';
import { FormDefinitionError, FormError, validateSubmission, type FormDefinition, type SubmissionError } from '../../src/forms/index.js';
import { intakeForm, validIntake } from './intake-form.js';

function errorsOf(data: Record<string, unknown>, locale: 'zh' | 'en', form: FormDefinition = intakeForm()): SubmissionError[] {
  const result = validateSubmission(form, data, locale);
  expect(result.valid).toBe(false);
  return result.errors;
}

function withChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const data = { ...validIntake(), ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete data[key];
  return data;
}

describe('validateSubmission', () => {
  it('accepts valid data', () => {
    expect(validateSubmission(intakeForm(), validIntake(), 'zh')).toEqual({ valid: true, errors: [] });
    expect(validateSubmission(intakeForm(), validIntake(), 'en')).toEqual({ valid: true, errors: [] });
  });

  it('points a missing required field at the field itself, titled in the locale', () => {
    const data = withChanges({ applicantName: undefined });
    expect(errorsOf(data, 'zh')).toEqual([{ field: '/applicantName', keyword: 'required', message: '申请人姓名 为必填项' }]);
    expect(errorsOf(data, 'en')).toEqual([{ field: '/applicantName', keyword: 'required', message: 'Applicant name is required' }]);
  });

  it('makes the reason required only when the application is refused (if/then)', () => {
    expect(validateSubmission(intakeForm(), withChanges({ acceptDecision: '受理' }), 'zh').valid).toBe(true);
    expect(errorsOf(withChanges({ acceptDecision: '不予受理' }), 'zh')).toEqual([
      { field: '/reason', keyword: 'required', message: '不予受理理由 为必填项' },
    ]);
    expect(errorsOf(withChanges({ acceptDecision: '不予受理' }), 'en')).toEqual([
      { field: '/reason', keyword: 'required', message: 'Reason for refusal is required' },
    ]);
    expect(validateSubmission(intakeForm(), withChanges({ acceptDecision: '不予受理', reason: '材料不齐全，需补正' }), 'zh').valid).toBe(true);
  });

  it('names the allowed values of an enum', () => {
    const data = withChanges({ acceptDecision: '同意' });
    expect(errorsOf(data, 'zh')).toEqual([{ field: '/acceptDecision', keyword: 'enum', message: '受理意见 应当是以下之一：受理、不予受理' }]);
    expect(errorsOf(data, 'en')).toEqual([{ field: '/acceptDecision', keyword: 'enum', message: 'Decision must be one of: 受理, 不予受理' }]);
  });

  it('reports a pattern mismatch with the pattern', () => {
    const data = withChanges({ postcode: '1000' });
    expect(errorsOf(data, 'zh')).toEqual([{ field: '/postcode', keyword: 'pattern', message: '邮政编码 应当匹配模式 "^\\d{6}$"' }]);
    expect(errorsOf(data, 'en')).toEqual([{ field: '/postcode', keyword: 'pattern', message: 'Postcode must match pattern "^\\d{6}$"' }]);
  });

  it('reports minimum, maximum, minLength and maxLength in both languages', () => {
    expect(errorsOf(withChanges({ age: 17 }), 'zh')).toEqual([{ field: '/age', keyword: 'minimum', message: '年龄 应当为 >= 18' }]);
    expect(errorsOf(withChanges({ age: 17 }), 'en')).toEqual([{ field: '/age', keyword: 'minimum', message: 'Age must be >= 18' }]);
    expect(errorsOf(withChanges({ age: 121 }), 'zh')).toEqual([{ field: '/age', keyword: 'maximum', message: '年龄 应当为 <= 120' }]);
    expect(errorsOf(withChanges({ applicantName: '张' }), 'zh')).toEqual([
      { field: '/applicantName', keyword: 'minLength', message: '申请人姓名 不应少于 2 个字符' },
    ]);
    expect(errorsOf(withChanges({ applicantName: '张'.repeat(21) }), 'en')).toEqual([
      { field: '/applicantName', keyword: 'maxLength', message: 'Applicant name must NOT have more than 20 characters' },
    ]);
  });

  it('coerces nothing: a number sent as text is a type error', () => {
    expect(errorsOf(withChanges({ age: '75' }), 'zh')).toEqual([{ field: '/age', keyword: 'type', message: '年龄 应当是整数' }]);
    expect(errorsOf(withChanges({ age: '75' }), 'en')).toEqual([{ field: '/age', keyword: 'type', message: 'Age must be integer' }]);
    expect(errorsOf(withChanges({ age: 75.5 }), 'en')).toEqual([{ field: '/age', keyword: 'type', message: 'Age must be integer' }]);
  });

  it('leaves the data untouched: no defaults filled in, nothing removed', () => {
    const form: FormDefinition = {
      id: 'defaults',
      version: 1,
      title: '默认值',
      schema: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', default: '待办' }, count: { type: 'number' } } },
    };
    const data = { count: 1, extra: 'kept' };
    const errors = errorsOf(data, 'zh', form);
    expect(errors).toEqual([{ field: '/extra', keyword: 'additionalProperties', message: 'extra 不是允许的字段' }]);
    expect(data).toEqual({ count: 1, extra: 'kept' });
  });

  it('reports properties the schema does not allow at their own pointer', () => {
    expect(errorsOf(withChanges({ remark: 'x', 'a/b': 1 }), 'en')).toEqual([
      { field: '/remark', keyword: 'additionalProperties', message: 'remark is not an allowed field' },
      { field: '/a~1b', keyword: 'additionalProperties', message: 'a/b is not an allowed field' },
    ]);
  });

  it('points into sub-tables with the row number in the message', () => {
    const data = withChanges({ materials: [{ name: '身份证复印件', file: 'files/1' }, { name: '户口簿' }, { file: 3 }] });
    expect(errorsOf(data, 'zh')).toEqual([
      { field: '/materials/1/file', keyword: 'required', message: '材料清单 第2项 › 文件 为必填项' },
      { field: '/materials/2/name', keyword: 'required', message: '材料清单 第3项 › 材料名称 为必填项' },
      { field: '/materials/2/file', keyword: 'type', message: '材料清单 第3项 › 文件 应当是文本' },
    ]);
    expect(errorsOf(data, 'en').map((error) => error.message)).toEqual([
      'Materials item 2 › File is required',
      'Materials item 3 › Name is required',
      'Materials item 3 › File must be string',
    ]);
  });

  it('reports errors about a whole sub-table or row at its pointer', () => {
    const tooMany = Array.from({ length: 6 }, (_, index) => ({ name: `材料${index}`, file: `files/${index}` }));
    expect(errorsOf(withChanges({ materials: tooMany }), 'zh')).toEqual([{ field: '/materials', keyword: 'maxItems', message: '材料清单 不应多于 5 个项' }]);
    expect(errorsOf(withChanges({ materials: ['户口簿'] }), 'zh')).toEqual([{ field: '/materials/0', keyword: 'type', message: '材料清单 第1项 应当是对象' }]);
  });

  it('reports every error at once', () => {
    const errors = errorsOf({ idCard: '110105194912310021', age: 3, acceptDecision: '不予受理', postcode: 'abc' }, 'zh');
    expect(errors.map((error) => [error.field, error.keyword])).toEqual([
      ['/reason', 'required'],
      ['/applicantName', 'required'],
      ['/idCard', 'format'],
      ['/age', 'minimum'],
      ['/postcode', 'pattern'],
    ]);
  });

  it('names parent sections that have titles, and falls back to title, then property name', () => {
    const form: FormDefinition = {
      id: 'mediation',
      version: 1,
      title: '调解',
      schema: {
        type: 'object',
        properties: {
          applicant: { type: 'object', title: '申请人', required: ['name'], properties: { name: { type: 'string', title: '姓名' } } },
          respondent: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: '姓名', 'x-title-en': 'Name' } } },
          note: { type: 'string', maxLength: 3 },
        },
      },
    };
    const data = { applicant: {}, respondent: {}, note: 'toolong' };
    expect(errorsOf(data, 'zh', form).map((error) => error.message)).toEqual(['申请人 › 姓名 为必填项', '姓名 为必填项', 'note 不应多于 3 个字符']);
    expect(errorsOf(data, 'en', form).map((error) => error.message)).toEqual([
      '申请人 › 姓名 is required',
      'Name is required',
      'note must NOT have more than 3 characters',
    ]);
  });

  it('finds titles through $ref and in then/else branches', () => {
    const form: FormDefinition = {
      id: 'refs',
      version: 1,
      title: '引用',
      schema: {
        type: 'object',
        $defs: { phone: { type: 'string', title: '联系电话', format: 'phone' } },
        properties: { kind: { type: 'string' }, phone: { $ref: '#/$defs/phone' } },
        if: { properties: { kind: { const: '企业' } }, required: ['kind'] },
        then: { required: ['creditCode'], properties: { creditCode: { type: 'string', title: '统一社会信用代码' } } },
      },
    };
    expect(errorsOf({ kind: '企业', phone: '123' }, 'zh', form)).toEqual([
      { field: '/creditCode', keyword: 'required', message: '统一社会信用代码 为必填项' },
      { field: '/phone', keyword: 'format', message: '联系电话 不是有效的电话号码（手机号或带区号的固定电话，如 010-12345678）' },
    ]);
  });

  it('reports a dependent field as required at its own pointer', () => {
    const form: FormDefinition = {
      id: 'dependent',
      version: 1,
      title: '依赖',
      schema: {
        type: 'object',
        properties: { agentName: { type: 'string', title: '代理人姓名' }, agentLetter: { type: 'string', title: '授权委托书' } },
        dependentRequired: { agentName: ['agentLetter'] },
      },
    };
    expect(errorsOf({ agentName: '李四' }, 'zh', form)).toEqual([
      { field: '/agentLetter', keyword: 'dependentRequired', message: '授权委托书 为必填项（已填写 代理人姓名）' },
    ]);
    expect(errorsOf({ agentName: '李四' }, 'en', form)[0].message).toBe('授权委托书 is required when 代理人姓名 is given');
  });

  it('validates draft-07 forms by their own rules', () => {
    const form: FormDefinition = {
      id: 'draft-seven',
      version: 1,
      title: 'draft-07',
      schema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { pair: { type: 'array', title: '坐标', items: [{ type: 'number' }, { type: 'number' }], additionalItems: false } },
      },
    };
    expect(validateSubmission(form, { pair: [1, 2] }, 'zh').valid).toBe(true);
    expect(errorsOf({ pair: [1, 'x', 3] }, 'zh', form).map((error) => [error.field, error.keyword])).toEqual([
      ['/pair', 'additionalItems'],
      ['/pair/1', 'type'],
    ]);
  });

  it('labels errors about the whole submission', () => {
    expect(validateSubmission(intakeForm(), null, 'zh').errors).toEqual([{ field: '', keyword: 'type', message: '提交的数据 应当是对象' }]);
    expect(validateSubmission(intakeForm(), [], 'en').errors).toEqual([{ field: '', keyword: 'type', message: 'The submission must be object' }]);
  });

  it('defaults to Chinese and rejects other locales', () => {
    expect(validateSubmission(intakeForm(), withChanges({ applicantName: undefined })).errors[0].message).toBe('申请人姓名 为必填项');
    expect(() => validateSubmission(intakeForm(), validIntake(), 'fr' as 'zh')).toThrow(FormError);
    expect(() => validateSubmission(intakeForm(), validIntake(), 'fr' as 'zh')).toThrow('"fr"');
  });

  it('throws the problems of an unusable form', () => {
    const broken = { ...intakeForm(), id: 'broken', schema: { type: 'object', properties: { a: { type: 'string', format: 'mobile' } } } };
    let thrown: unknown;
    try {
      validateSubmission(broken, {}, 'zh');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FormDefinitionError);
    expect((thrown as FormDefinitionError).problems).toEqual([{ path: '/schema/properties/a/format', message: expect.stringContaining('"mobile"') }]);
    expect((thrown as Error).message).toContain('Form "broken" is invalid');
  });
});

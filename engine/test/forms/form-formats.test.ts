import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isPhoneNumber, isResidentIdNumber, residentIdCheckCharacter, validateSubmission, type FormDefinition } from '../../src/forms/index.js';

const noon20250601 = Date.UTC(2025, 5, 1, 4);

describe('居民身份证 numbers (cn-id-card)', () => {
  it.each([
    ['11010519491231002X', 'check character X (the GB 11643 example)'],
    ['320106199003071234', 'digit check'],
    ['110105200002290013', '29 February of a leap year'],
    ['310115198511204566', 'another digit check'],
    ['110105491231002', '15 digits, born 1949'],
  ])('accepts %s (%s)', (number) => {
    expect(isResidentIdNumber(number, noon20250601)).toBe(true);
  });

  it.each([
    ['11010519491231002x', 'lower-case x'],
    ['110105194912310021', 'wrong check digit'],
    ['320106199003071235', 'wrong check digit'],
    ['110105200102290010', '29 February 2001 (right check digit)'],
    ['110105199013010018', 'month 13 (right check digit)'],
    ['110105189912310015', 'born before 1900 (right check digit)'],
    ['110105209901010012', 'born in 2099 (right check digit)'],
    ['010105199001010017', 'address code starting with 0'],
    ['11010519491231002', '17 characters'],
    ['1101051949123100211', '19 characters'],
    ['110105491331002', '15 digits, month 13'],
    ['11010549123100X', '15 characters with X'],
    ['11010519491231002X ', 'trailing space'],
  ])('rejects %s (%s)', (number) => {
    expect(isResidentIdNumber(number, noon20250601)).toBe(false);
  });

  it('takes today in China time for the latest birth date', () => {
    // Born 2025-06-01: already today in Beijing at 2025-05-31T16:00Z, still tomorrow at 15:59Z.
    expect(isResidentIdNumber('110105202506010010', Date.UTC(2025, 4, 31, 16))).toBe(true);
    expect(isResidentIdNumber('110105202506010010', Date.UTC(2025, 4, 31, 15, 59))).toBe(false);
  });

  it('catches every single changed character of a valid number', () => {
    const valid = '320106199003071234';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'), (position, replacement) => {
        fc.pre(valid[position] !== replacement);
        const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
        expect(isResidentIdNumber(changed, noon20250601)).toBe(false);
      }),
    );
  });

  it('computes the check character from the first 17 digits', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4');
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow('not 17 digits');
  });
});

describe('phone numbers (phone)', () => {
  it.each(['13800000000', '19912345678', '15012345678', '010-12345678', '01012345678', '021-87654321', '0571-8888888', '0571-88888888', '0755-2345678'])(
    'accepts %s',
    (number) => {
      expect(isPhoneNumber(number)).toBe(true);
    },
  );

  it.each([
    ['12345678901', 'mobile starting 12'],
    ['1380000000', '10 digits'],
    ['138000000000', '12 digits'],
    ['+8613800000000', 'country code'],
    ['138 0000 0000', 'spaces'],
    ['12345678', 'no area code'],
    ['010-1234567', 'Beijing number of 7 digits'],
    ['0571-888888', '6-digit local number'],
    ['0571-08888888', 'local number starting with 0'],
    ['010-12345678-123', 'extension'],
    ['1571-8888888', 'area code without 0'],
  ])('rejects %s (%s)', (number) => {
    expect(isPhoneNumber(number)).toBe(false);
  });
});

describe('formats inside a form', () => {
  const form: FormDefinition = {
    id: 'formats',
    version: 1,
    title: '格式',
    schema: {
      type: 'object',
      properties: {
        idCard: { type: 'string', format: 'cn-id-card' },
        phone: { type: 'string', format: 'phone' },
        birthday: { type: 'string', format: 'date' },
        visitedAt: { type: 'string', format: 'date-time' },
        openAt: { type: 'string', format: 'time' },
        email: { type: 'string', format: 'email' },
        site: { type: 'string', format: 'uri' },
      },
    },
  };

  it('accepts valid values of every format', () => {
    const result = validateSubmission(form, {
      idCard: '11010519491231002X',
      phone: '0571-8888888',
      birthday: '2024-02-29',
      visitedAt: '2025-03-01T09:30:00+08:00',
      openAt: '09:30:00+08:00',
      email: 'wangge@example.org',
      site: 'https://example.org/notice?id=1',
    }, 'zh');
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('reports an invalid value of every format at its field', () => {
    const result = validateSubmission(form, {
      idCard: '110105194912310021',
      phone: '12345',
      birthday: '2025-02-30',
      visitedAt: '2025-03-01 09:30',
      openAt: '25:00:00Z',
      email: 'wangge@',
      site: 'not a uri',
    }, 'en');
    expect(result.valid).toBe(false);
    expect(result.errors.map((error) => [error.field, error.keyword])).toEqual([
      ['/idCard', 'format'],
      ['/phone', 'format'],
      ['/birthday', 'format'],
      ['/visitedAt', 'format'],
      ['/openAt', 'format'],
      ['/email', 'format'],
      ['/site', 'format'],
    ]);
    expect(result.errors[0].message).toBe('idCard must be a valid resident ID card number');
    expect(result.errors[2].message).toBe('birthday must be a valid date (YYYY-MM-DD)');
  });

  it('gives format messages in Chinese', () => {
    const result = validateSubmission(form, { idCard: '110105200102290010', phone: '010-1234567' }, 'zh');
    expect(result.errors.map((error) => error.message)).toEqual([
      'idCard 不是有效的居民身份证号码',
      'phone 不是有效的电话号码（手机号或带区号的固定电话，如 010-12345678）',
    ]);
  });
});

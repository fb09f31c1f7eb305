import type { FormDefinition } from '../../src/forms/index.js';

/** A 受理登记 form shaped like the service-item processes use: PII, a conditional reason and a materials sub-table. */
/** `null` makes a form without a version, as a designer's draft is. */
export function intakeForm(version: number | null = 1): FormDefinition {
  return {
    id: 'intake',
    ...(version === null ? {} : { version }),
    title: '受理登记',
    schema: {
      type: 'object',
      required: ['applicantName', 'idCard', 'acceptDecision'],
      additionalProperties: false,
      properties: {
        applicantName: { type: 'string', title: '申请人姓名', 'x-title-en': 'Applicant name', 'x-pii': true, minLength: 2, maxLength: 20 },
        idCard: { type: 'string', title: '身份证号', 'x-title-en': 'ID card number', format: 'cn-id-card', 'x-pii': true },
        phone: { type: 'string', title: '联系电话', 'x-title-en': 'Phone', format: 'phone', 'x-pii': true },
        age: { type: 'integer', title: '年龄', 'x-title-en': 'Age', minimum: 18, maximum: 120 },
        postcode: { type: 'string', title: '邮政编码', 'x-title-en': 'Postcode', pattern: '^\\d{6}$' },
        acceptDecision: { type: 'string', title: '受理意见', 'x-title-en': 'Decision', enum: ['受理', '不予受理'] },
        reason: { type: 'string', title: '不予受理理由', 'x-title-en': 'Reason for refusal', minLength: 5 },
        materials: {
          type: 'array',
          title: '材料清单',
          'x-title-en': 'Materials',
          maxItems: 5,
          items: {
            type: 'object',
            required: ['name', 'file'],
            properties: {
              name: { type: 'string', title: '材料名称', 'x-title-en': 'Name' },
              file: { type: 'string', title: '文件', 'x-title-en': 'File', 'x-widget-hint': 'upload' },
            },
          },
        },
      },
      if: { properties: { acceptDecision: { const: '不予受理' } }, required: ['acceptDecision'] },
      then: { required: ['reason'] },
    },
    uiSchema: { 'ui:order': ['applicantName', 'idCard', '*'], reason: { 'ui:widget': 'textarea' } },
  };
}

/** Submitted data that satisfies intakeForm. */
export function validIntake(): Record<string, unknown> {
  return {
    applicantName: '张三丰',
    idCard: '11010519491231002X',
    phone: '13800000000',
    age: 75,
    postcode: '100010',
    acceptDecision: '受理',
    materials: [
      { name: '身份证复印件', file: 'files/1' },
      { name: '户口簿', file: 'files/2' },
    ],
  };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, E2eApi, logIn, openBrowser, screenshot, startE2eServer, type BrowserSession, type E2eServer } from './harness/index.js';
import { checkFormDefinition } from '../../engine/src/forms/index.js';
import { newField, PALETTE_KINDS, designProblems, type FormDesign } from '../../designer/src/pages/form-design/form-field.js';
import { writeForm, fieldAtPointer } from '../../designer/src/pages/form-design/form-schema-writer.js';
import { readForm } from '../../designer/src/pages/form-design/form-schema-reader.js';

/** Drops the designer's uids, which are new on every read. */
function withoutUids(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'uid' ? undefined : v)));
}

function everyKind(): FormDesign {
  const fields = PALETTE_KINDS.map((kind) => newField(kind, `字段 ${kind}`, []));
  fields.forEach((field, index) => (field.key = `${field.kind}_${index}`));
  const group = fields.find((f) => f.kind === 'group')!;
  group.children = [newField('text', '姓名', []), newField('integer', '年龄', [])];
  group.children[1].key = 'age';
  group.children[1].min = 0;
  const section = fields.find((f) => f.kind === 'section')!;
  section.children = [newField('date', '日期', []), newField('radio', '结果', [])];
  section.children[1].key = 'result';
  const text = fields.find((f) => f.kind === 'text')!;
  Object.assign(text, { required: true, min: 2, max: 20, pattern: '^[\\u4e00-\\u9fa5]+$', help: '中文姓名', defaultValue: '张三', pii: true });
  const select = fields.find((f) => f.kind === 'select')!;
  select.options = [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }];
  const textarea = fields.find((f) => f.kind === 'textarea')!;
  textarea.shownWhen = { field: select.key, equals: 'yes' };
  textarea.required = true;
  return { id: 'every-kind', title: '所有字段', fields };
}

describe('form designer: schema written from the palette', () => {
  it('writes a schema the server accepts for every palette kind, with required, bounds, pattern, PII and shown-when', () => {
    const design = everyKind();
    expect(designProblems(design).size).toBe(0);
    const written = writeForm(design);
    expect(checkFormDefinition({ id: design.id, title: design.title, schema: written.schema, uiSchema: written.uiSchema })).toEqual([]);
    const properties = written.schema.properties as Record<string, Record<string, unknown>>;
    const text = design.fields.find((f) => f.kind === 'text')!;
    expect(properties[text.key]).toMatchObject({ type: 'string', minLength: 2, maxLength: 20, 'x-pii': true, default: '张三', description: '中文姓名' });
    expect(written.schema.required).toContain(text.key);
    const file = design.fields.find((f) => f.kind === 'file')!;
    expect(properties[file.key]).toMatchObject({ type: 'string', 'x-file': true });
    expect((written.uiSchema[file.key] as Record<string, unknown>)['ui:widget']).toBe('file-ref');
    expect(properties[design.fields.find((f) => f.kind === 'idcard')!.key].format).toBe('cn-id-card');
    // The shown-when field lives only in the if/then, and is required only there.
    const textarea = design.fields.find((f) => f.kind === 'textarea')!;
    expect(properties[textarea.key]).toBeUndefined();
    expect(written.schema.allOf).toEqual([
      {
        if: { properties: { [design.fields.find((f) => f.kind === 'select')!.key]: { const: 'yes' } }, required: [design.fields.find((f) => f.kind === 'select')!.key] },
        then: { properties: { [textarea.key]: expect.objectContaining({ type: 'string' }) }, required: [textarea.key] },
      },
    ]);
    expect((written.uiSchema['ui:order'] as string[]).slice(0, 3)).toEqual(design.fields.slice(0, 3).map((f) => f.key));
    // Options as enum with their labels beside them, as the product's forms write them.
    const select = design.fields.find((f) => f.kind === 'select')!;
    expect(properties[select.key]).toMatchObject({ type: 'string', enum: ['yes', 'no'] });
    expect(written.uiSchema[select.key]).toEqual({ 'ui:enumNames': ['是', '否'] });
    const multiselect = design.fields.find((f) => f.kind === 'multiselect')!;
    expect(properties[multiselect.key]).toMatchObject({ type: 'array', uniqueItems: true, items: { type: 'string', enum: ['a', 'b'] } });
    expect(written.uiSchema[multiselect.key]).toEqual({ items: { 'ui:enumNames': ['A', 'B'] } });
  });

  it('reads back what it wrote: the same fields, kinds, keys and properties', () => {
    const design = everyKind();
    const written = writeForm(design);
    const read = readForm({ id: design.id, title: design.title, schema: written.schema, uiSchema: written.uiSchema });
    expect(withoutUids(read)).toEqual(withoutUids(design));
    expect(writeForm(read).schema).toEqual(written.schema);
  });

  it('keeps what it cannot edit: unknown properties as custom fields and root keywords as they were', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      title: '手写',
      properties: {
        code: { type: 'string', title: '编码', enum: ['A', 'B'], 'x-title-en': 'Code', readOnly: true },
        name: { type: 'string', title: '名称' },
        tags: { type: 'array', items: { type: 'number' } },
      },
      required: ['name'],
      allOf: [{ if: { properties: { name: { minLength: 3 } } }, then: { required: ['code'] } }],
      $defs: { x: { type: 'string' } },
    };
    const uiSchema = { 'ui:order': ['name', 'code', '*'], tags: { 'ui:widget': 'hidden' }, 'ui:rootFieldId': 'f' };
    const read = readForm({ id: 'hand', title: '手写', schema, uiSchema });
    expect(read.fields.map((f) => [f.key, f.kind])).toEqual([['name', 'text'], ['code', 'custom'], ['tags', 'custom']]);
    const written = writeForm(read);
    expect(written.schema).toEqual({ ...schema, properties: { name: schema.properties.name, code: schema.properties.code, tags: schema.properties.tags } });
    expect(written.uiSchema).toEqual({ 'ui:rootFieldId': 'f', tags: { 'ui:widget': 'hidden' }, 'ui:order': ['name', 'code', 'tags', '*'] });
  });

  it('reads the product forms’ own way of writing options: enum with ui:enumNames, and oneOf with titles', () => {
    const read = readForm({
      id: 'options',
      title: '选项',
      schema: {
        type: 'object',
        properties: {
          method: { type: 'string', title: '选举方式', enum: ['差额选举', '等额选举'] },
          level: { type: 'string', title: '层级', enum: ['c', 's'] },
          result: { type: 'string', title: '结果', oneOf: [{ const: 'ok', title: '同意' }, { const: 'no', title: '不同意' }] },
          forms: { type: 'array', title: '形式', uniqueItems: true, items: { type: 'string', enum: ['现场', '书面'] } },
        },
      },
      uiSchema: { method: { 'ui:widget': 'radio' }, level: { 'ui:enumNames': ['社区', '街道'] } },
    });
    expect(read.fields.map((f) => [f.key, f.kind, f.options])).toEqual([
      ['method', 'radio', [{ value: '差额选举', label: '差额选举' }, { value: '等额选举', label: '等额选举' }]],
      ['level', 'select', [{ value: 'c', label: '社区' }, { value: 's', label: '街道' }]],
      ['result', 'select', [{ value: 'ok', label: '同意' }, { value: 'no', label: '不同意' }]],
      ['forms', 'multiselect', [{ value: '现场', label: '现场' }, { value: '书面', label: '书面' }]],
    ]);
  });

  /** `required` is a set and `ui:order` is rewritten from the fields: compare them as such. */
  function normalised(value: unknown, dropEmpty = false): unknown {
    if (Array.isArray(value)) return value.map((v) => normalised(v, dropEmpty));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'ui:order') continue;
      const next = key === 'required' && Array.isArray(inner) ? [...inner].sort() : normalised(inner, dropEmpty);
      // A uiSchema entry left with nothing but the order it had says nothing.
      if (dropEmpty && next !== null && typeof next === 'object' && !Array.isArray(next) && Object.keys(next).length === 0) continue;
      out[key] = next;
    }
    return out;
  }

  const productForms = readdirSync(join(import.meta.dirname, '..', '..', 'forms')).filter((name) => name.endsWith('.form.json'));

  it.each(productForms)('opens and saves the product form %s without changing what it means', (name) => {
    const form = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'forms', name), 'utf8'));
    const design = readForm(form);
    expect(designProblems(design).size).toBe(0);
    const written = writeForm(design);
    expect(normalised(written.schema)).toEqual(normalised(form.schema));
    expect(normalised(written.uiSchema, true)).toEqual(normalised(form.uiSchema ?? {}, true));
    // Fields appear in the order the form shows them.
    const order = (form.uiSchema?.['ui:order'] as string[] | undefined)?.filter((key) => key !== '*');
    if (order) expect(design.fields.map((f) => f.key).slice(0, order.length)).toEqual(order.filter((key) => design.fields.some((f) => f.key === key)));
  });

  it('finds the field a server problem points at, nested ones included', () => {
    const design = everyKind();
    const written = writeForm(design);
    const group = design.fields.find((f) => f.kind === 'group')!;
    expect(fieldAtPointer(written, `/schema/properties/${group.key}/items/properties/age/minimum`)).toBe(group.children![1].uid);
    expect(fieldAtPointer(written, `/schema/properties/${group.key}/maxItems`)).toBe(group.uid);
    const textarea = design.fields.find((f) => f.kind === 'textarea')!;
    expect(fieldAtPointer(written, '/schema/allOf/0/then/properties/' + textarea.key + '/pattern')).toBe(textarea.uid);
    expect(fieldAtPointer(written, '/title')).toBeUndefined();
  });

  it('names the problems a designer must fix: bad and duplicate keys, missing options, crossed bounds, bad patterns, dangling conditions', () => {
    const a = newField('text', 'A', []);
    const b = { ...newField('text', 'B', []), uid: 'b', key: a.key };
    const c = { ...newField('select', 'C', []), uid: 'c', key: '9c', options: [] };
    const d = { ...newField('integer', 'D', []), uid: 'd', key: 'd', min: 5, max: 1 };
    const e = { ...newField('text', 'E', []), uid: 'e', key: 'e', pattern: '(' };
    const f = { ...newField('text', 'F', []), uid: 'f', key: 'f', shownWhen: { field: 'nobody', equals: 'x' } };
    const problems = designProblems({ id: 'x', title: 'x', fields: [a, b, c, d, e, f] });
    expect(problems.get(a.uid)).toBeUndefined();
    expect(problems.get('b')).toEqual(['duplicateKey']);
    expect(problems.get('c')).toEqual(['key', 'noOptions']);
    expect(problems.get('d')).toEqual(['bounds']);
    expect(problems.get('e')).toEqual(['pattern']);
    expect(problems.get('f')).toEqual(['shownWhen']);
  });
});

describe('form designer in the browser', () => {
  let server: E2eServer;
  let browser: BrowserSession;
  let page: Page;
  let admin: E2eApi;

  beforeAll(async () => {
    server = await startE2eServer();
    admin = await E2eApi.login(server.url, 'admin', ADMIN_PASSWORD);
    browser = await openBrowser();
    page = browser.page;
    await logIn(page, server.url, 'designer', DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const schemaText = async () => JSON.parse(await page.getByTestId('form-json-schema').inputValue()) as Record<string, any>;

  it('builds a form with the palette, reorders it by dragging, previews it with errors, edits it as JSON and saves versions', async () => {
    await page.goto(`${server.url}/form-design`);
    await page.getByTestId('form-new').click();
    await page.getByTestId('form-id').fill('e2e-grid-visit');
    await page.getByTestId('form-title').fill('网格走访');
    await page.getByTestId('palette-text').click();
    await page.getByTestId('prop-label').fill('居民姓名');
    await page.getByTestId('prop-key').fill('name');
    await page.getByTestId('prop-required').click();
    await page.getByTestId('palette-idcard').click();
    await page.getByTestId('prop-key').fill('idNumber');
    await page.getByTestId('palette-radio').click();
    await page.getByTestId('prop-label').fill('是否有诉求');
    await page.getByTestId('prop-key').fill('hasRequest');
    await page.getByTestId('option-value-0').fill('yes');
    await page.getByTestId('option-label-0').fill('有');
    await page.getByTestId('option-value-1').fill('no');
    await page.getByTestId('option-label-1').fill('无');
    await page.getByTestId('palette-textarea').click();
    await page.getByTestId('prop-label').fill('诉求内容');
    await page.getByTestId('prop-key').fill('request');
    await page.getByTestId('prop-required').click();
    await page.getByTestId('shown-when-field').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'hasRequest' }).click();
    await page.getByTestId('shown-when-value').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '有' }).click();

    let schema = await schemaText();
    expect(Object.keys(schema.properties)).toEqual(['name', 'idNumber', 'hasRequest']);
    expect(schema.allOf[0]).toEqual({
      if: { properties: { hasRequest: { const: 'yes' } }, required: ['hasRequest'] },
      then: { properties: { request: { title: '诉求内容', type: 'string' } }, required: ['request'] },
    });

    // Drag the ID card field above the name by its handle.
    const handle = page.getByTestId('field-idNumber').locator('.gz-field-handle');
    // The property editor's selects scrolled the page; the mouse works in what is on screen.
    await page.getByTestId('field-name').scrollIntoViewIfNeeded();
    const from = (await handle.boundingBox())!;
    const to = (await page.getByTestId('field-name').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
    await page.mouse.move(to.x + 40, to.y + 6, { steps: 15 });
    await page.mouse.up();
    await expect.poll(async () => (await schemaText())['properties'] && Object.keys((await schemaText()).properties)).toEqual(['idNumber', 'name', 'hasRequest']);

    // The preview is the staff's form: required and format errors in Chinese, the request field only after "有".
    const preview = page.getByTestId('form-preview');
    await preview.getByLabel('居民身份证号', { exact: false }).or(preview.locator('#root_idNumber')).first().fill('110101199003071234');
    await page.getByTestId('form-preview-check').click();
    await preview.getByText('必填').first().waitFor();
    await preview.getByText('身份证').last().waitFor();
    expect(await preview.locator('#root_request').count()).toBe(0);
    await preview.getByText('有', { exact: true }).click();
    await preview.locator('#root_request').waitFor();
    await screenshot(page, 'form-design-preview');

    // Editing the JSON changes the designer: a new label shows on the field card.
    schema = await schemaText();
    schema.properties.name.title = '户主姓名';
    await page.getByTestId('form-json-schema').fill(JSON.stringify(schema, null, 2));
    await page.getByTestId('field-name').getByText('户主姓名').waitFor();

    await page.getByTestId('form-save').click();
    await page.locator('.ant-message-success', { hasText: 'e2e-grid-visit' }).waitFor();
    const saved = await admin.get('/v2/forms/e2e-grid-visit');
    expect(saved.version).toBe(1);
    expect(saved.schema.properties.name.title).toBe('户主姓名');
    expect(saved.uiSchema.hasRequest).toEqual({ 'ui:widget': 'radio', 'ui:enumNames': ['有', '无'] });

    // A format only the server knows is wrong comes back on the field it names; fixed, it saves as version 2.
    schema = await schemaText();
    schema.properties.idNumber.format = 'id-card';
    await page.getByTestId('form-json-schema').fill(JSON.stringify(schema, null, 2));
    await page.getByTestId('field-name').click();
    await page.getByTestId('form-save').click();
    await page.getByTestId('form-save-problems').waitFor();
    await page.getByTestId('field-idNumber').getByText('unknown format').waitFor();
    schema.properties.idNumber.format = 'cn-id-card';
    await page.getByTestId('form-json-schema').fill(JSON.stringify(schema, null, 2));
    await page.getByTestId('form-save').click();
    await page.locator('.ant-message-success', { hasText: '版本 2' }).waitFor();
    expect((await admin.get('/v2/forms/e2e-grid-visit')).versions).toEqual([1, 2]);
  }, 150_000);
});

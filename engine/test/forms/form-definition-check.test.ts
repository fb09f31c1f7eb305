import { describe, it, expect } from 'vitest';
import { checkFormDefinition } from '../../src/forms/index.js';
import { intakeForm } from './intake-form.js';

function formWith(schema: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'check', title: '检查', schema, ...extra };
}

function paths(json: unknown): string[] {
  return checkFormDefinition(json).map((problem) => problem.path);
}

describe('checkFormDefinition', () => {
  it('finds nothing wrong with a sound form, in either draft', () => {
    expect(checkFormDefinition(intakeForm())).toEqual([]);
    expect(
      checkFormDefinition(
        formWith({
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          definitions: { person: { type: 'string', 'x-pii': true } },
          properties: { party: { $ref: '#/definitions/person' }, pair: { type: 'array', items: [{ type: 'string' }], additionalItems: false } },
        }),
      ),
    ).toEqual([]);
  });

  it('rejects what is not a JSON object', () => {
    for (const json of [null, [], 'form', 3]) {
      expect(checkFormDefinition(json)).toEqual([{ path: '', message: 'A form definition must be a JSON object' }]);
    }
  });

  it('reports a missing id, title and schema', () => {
    expect(checkFormDefinition({})).toEqual([
      { path: '/id', message: 'id is required' },
      { path: '/title', message: 'title is required' },
      { path: '/schema', message: 'schema is required' },
    ]);
  });

  it.each(['Intake', 'in take', 'intake_form', '受理', ''])('rejects the id %j as no slug', (id) => {
    const problems = checkFormDefinition({ ...intakeForm(), id });
    expect(problems).toEqual([{ path: '/id', message: expect.stringContaining('[a-z0-9-]+') }]);
    expect(problems[0].message).toContain(JSON.stringify(id));
  });

  it('rejects a blank title, a bad version, a schema or uiSchema that is no object', () => {
    expect(paths({ ...intakeForm(), title: '  ' })).toEqual(['/title']);
    expect(paths({ ...intakeForm(), version: 0 })).toEqual(['/version']);
    expect(paths({ ...intakeForm(), version: '2' })).toEqual(['/version']);
    expect(paths({ ...intakeForm(), schema: true })).toEqual(['/schema']);
    expect(paths({ ...intakeForm(), schema: [] })).toEqual(['/schema']);
    expect(paths({ ...intakeForm(), uiSchema: [] })).toEqual(['/uiSchema']);
    expect(paths({ ...intakeForm(), uiSchema: undefined })).toEqual([]);
  });

  it('reports meta-schema errors at their place in the schema, once per place', () => {
    const problems = checkFormDefinition(formWith({ type: 'object', properties: { age: { type: 'int' }, name: { minLength: -1 } } }));
    expect(problems).toEqual([
      { path: '/schema/properties/age/type', message: expect.stringContaining('"integer"') },
      { path: '/schema/properties/name/minLength', message: 'must be >= 0' },
    ]);
  });

  it('rejects unknown formats, naming the ones there are', () => {
    const problems = checkFormDefinition(formWith({ type: 'object', properties: { mobile: { type: 'string', format: 'mobile' } } }));
    expect(problems).toEqual([{ path: '/schema/properties/mobile/format', message: expect.stringContaining('unknown format "mobile"') }]);
    expect(problems[0].message).toContain('"cn-id-card"');
  });

  it('does not mistake a property named format for the keyword', () => {
    expect(checkFormDefinition(formWith({ type: 'object', properties: { format: { type: 'string' }, 'x-pii': { type: 'string' } } }))).toEqual([]);
  });

  it('requires every x-pii to be a boolean, however deep', () => {
    const problems = checkFormDefinition(
      formWith({
        type: 'object',
        properties: {
          name: { type: 'string', 'x-pii': 'yes' },
          parties: { type: 'array', items: { type: 'object', properties: { phone: { type: 'string', 'x-pii': 1 } } } },
        },
        $defs: { id: { type: 'string', 'x-pii': null } },
      }),
    );
    expect(problems).toEqual([
      { path: '/schema/properties/name/x-pii', message: 'x-pii must be true or false, not "yes"' },
      { path: '/schema/properties/parties/items/properties/phone/x-pii', message: 'x-pii must be true or false, not 1' },
      { path: '/schema/$defs/id/x-pii', message: 'x-pii must be true or false, not null' },
    ]);
  });

  it('allows x-* annotations of any value but requires localised titles to be strings', () => {
    expect(checkFormDefinition(formWith({ type: 'object', 'x-layout': { columns: 2 }, properties: { a: { type: 'string', 'x-hint': ['x'] } } }))).toEqual([]);
    expect(paths(formWith({ type: 'object', properties: { a: { type: 'string', 'x-title-en': 3 } } }))).toEqual(['/schema/properties/a/x-title-en']);
  });

  it('rejects unknown keywords where they are', () => {
    expect(checkFormDefinition(formWith({ type: 'object', properties: { a: { type: 'string', titel: 'A' } } }))).toEqual([
      { path: '/schema/properties/a/titel', message: 'unknown keyword "titel"; annotations of your own must start with "x-"' },
    ]);
    // prefixItems is 2020-12 only
    expect(paths(formWith({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', prefixItems: [] }))).toEqual(['/schema/prefixItems']);
  });

  it('rejects invalid regular expressions in pattern and patternProperties', () => {
    expect(paths(formWith({ type: 'object', properties: { a: { type: 'string', pattern: '(' } }, patternProperties: { '[': {} } }))).toEqual([
      '/schema/patternProperties/[',
      '/schema/properties/a/pattern',
    ]);
  });

  it('rejects an unsupported $schema', () => {
    expect(checkFormDefinition(formWith({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }))).toEqual([
      { path: '/schema/$schema', message: expect.stringContaining('not supported') },
    ]);
  });

  it("reports what only ajv's compiler finds with ajv's message", () => {
    expect(checkFormDefinition(formWith({ type: 'object', properties: { a: { $ref: '#/$defs/missing' } } }))).toEqual([
      { path: '/schema', message: expect.stringContaining("can't resolve reference #/$defs/missing") },
    ]);
  });

  it('lets two forms share a schema $id, and a fixed schema reuse the $id of a broken one', () => {
    const broken = formWith({ $id: 'https://gongzhi.example/forms/same', type: 'object', properties: { a: { $ref: '#/nope' } } });
    const sound = formWith({ $id: 'https://gongzhi.example/forms/same', type: 'object' });
    expect(paths(broken)).toEqual(['/schema']);
    expect(checkFormDefinition(sound)).toEqual([]);
    expect(checkFormDefinition(sound)).toEqual([]);
  });
});

import type { FormDesign, FormField } from './form-field.js';

type Json = Record<string, unknown>;

/** The JSON a form is saved as (POST /v2/forms), plus where each field landed in it. */
export interface WrittenForm {
  schema: Json;
  uiSchema: Json;
  /** JSON pointer of each field's schema in the form document (`/schema/properties/name`) → field uid. */
  locations: Map<string, string>;
}

/** The parts of an address field; Chinese titles with English ones for the server's messages. */
export const ADDRESS_PARTS = {
  area: { title: '所在地区', 'x-title-en': 'Area (province, city, district)' },
  detail: { title: '详细地址', 'x-title-en': 'Street address' },
} as const;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Options as `enum` with the labels in `ui:enumNames` (only when they differ from the values), as the product's forms
 * write them; rjsf would take a oneOf's first `const` as a default and pre-select it.
 */
function optionsSchema(field: FormField): Json {
  return { enum: (field.options ?? []).map((o) => o.value) };
}

function optionsUi(field: FormField): Json {
  const options = field.options ?? [];
  return options.some((o) => o.label !== o.value) ? { 'ui:enumNames': options.map((o) => o.label) } : {};
}

function withBounds(schema: Json, field: FormField, lower: string, upper: string): Json {
  if (field.min !== undefined) schema[lower] = field.min;
  if (field.max !== undefined) schema[upper] = field.max;
  return schema;
}

/** A field's schema and uiSchema (children written at `pointer`'s level below). */
function fieldSchema(field: FormField, pointer: string, locations: Map<string, string>): { schema: Json; ui: Json } {
  locations.set(pointer, field.uid);
  if (field.kind === 'custom') return { schema: structuredClone(field.rawSchema ?? {}), ui: structuredClone(field.rawUiSchema ?? {}) };
  const schema: Json = {};
  const ui: Json = {};
  switch (field.kind) {
    case 'text':
      Object.assign(schema, withBounds({ type: 'string' }, field, 'minLength', 'maxLength'));
      break;
    case 'textarea':
      Object.assign(schema, withBounds({ type: 'string' }, field, 'minLength', 'maxLength'));
      ui['ui:widget'] = 'textarea';
      break;
    case 'number':
      Object.assign(schema, withBounds({ type: 'number' }, field, 'minimum', 'maximum'));
      break;
    case 'integer':
      Object.assign(schema, withBounds({ type: 'integer' }, field, 'minimum', 'maximum'));
      break;
    case 'date':
      Object.assign(schema, { type: 'string', format: 'date' });
      break;
    case 'datetime':
      Object.assign(schema, { type: 'string', format: 'date-time' });
      break;
    case 'select':
      Object.assign(schema, { type: 'string', ...optionsSchema(field) });
      Object.assign(ui, optionsUi(field));
      break;
    case 'radio':
      Object.assign(schema, { type: 'string', ...optionsSchema(field) });
      Object.assign(ui, { 'ui:widget': 'radio', ...optionsUi(field) });
      break;
    case 'multiselect':
      Object.assign(schema, withBounds({ type: 'array', items: { type: 'string', ...optionsSchema(field) }, uniqueItems: true }, field, 'minItems', 'maxItems'));
      if (Object.keys(optionsUi(field)).length > 0) ui.items = optionsUi(field);
      // A required multi-select means at least one choice: an empty list is present but says nothing.
      if (field.required && field.min === undefined) schema.minItems = 1;
      break;
    case 'checkbox':
      Object.assign(schema, { type: 'boolean' });
      break;
    case 'file':
      Object.assign(schema, { type: 'string', 'x-file': true });
      ui['ui:widget'] = 'file-ref';
      break;
    case 'phone':
      Object.assign(schema, { type: 'string', format: 'phone' });
      break;
    case 'idcard':
      Object.assign(schema, { type: 'string', format: 'cn-id-card' });
      break;
    case 'address':
      Object.assign(schema, {
        type: 'object',
        'x-address': true,
        properties: { area: { type: 'string', ...ADDRESS_PARTS.area }, detail: { type: 'string', ...ADDRESS_PARTS.detail } },
        ...(field.required ? { required: ['area', 'detail'] } : {}),
      });
      ui.detail = { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } };
      break;
    case 'section': {
      const inner = objectSchema(field.children ?? [], pointer, locations);
      Object.assign(schema, inner.schema);
      Object.assign(ui, inner.ui);
      break;
    }
    case 'group': {
      const inner = objectSchema(field.children ?? [], `${pointer}/items`, locations);
      Object.assign(schema, withBounds({ type: 'array', items: inner.schema }, field, 'minItems', 'maxItems'));
      if (field.required && field.min === undefined) schema.minItems = 1;
      ui.items = inner.ui;
      break;
    }
  }
  // Keywords first, then the words people read, in the order a reader of the JSON expects them.
  const out: Json = { title: field.label, ...schema };
  if (field.help) out.description = field.help;
  if (field.pattern && (field.kind === 'text' || field.kind === 'textarea')) out.pattern = field.pattern;
  if (field.defaultValue !== undefined && field.defaultValue !== '') out.default = field.defaultValue;
  if (field.pii) out['x-pii'] = true;
  Object.assign(out, structuredClone(field.keptSchema ?? {}));
  Object.assign(ui, structuredClone(field.keptUi ?? {}));
  return { schema: out, ui };
}

/** Fields of one object level: properties, required, ui:order, and an if/then per shown-when field. */
function objectSchema(fields: FormField[], pointer: string, locations: Map<string, string>): { schema: Json; ui: Json } {
  const properties: Json = {};
  const required: string[] = [];
  const ui: Json = {};
  const allOf: Json[] = [];
  for (const field of fields) {
    const conditional = field.shownWhen !== undefined;
    const at = conditional
      ? `${pointer}/allOf/${allOf.length}/then/properties/${escapePointer(field.key)}`
      : `${pointer}/properties/${escapePointer(field.key)}`;
    const written = fieldSchema(field, at, locations);
    if (Object.keys(written.ui).length > 0) ui[field.key] = written.ui;
    if (conditional) {
      const { field: on, equals } = field.shownWhen!;
      allOf.push({
        if: { properties: { [on]: { const: equals } }, required: [on] },
        then: { properties: { [field.key]: written.schema }, ...(field.required ? { required: [field.key] } : {}) },
      });
    } else {
      properties[field.key] = written.schema;
      if (field.required) required.push(field.key);
    }
  }
  const schema: Json = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  if (allOf.length > 0) schema.allOf = allOf;
  // Conditional fields are not in `properties`; the order lists every field and `*` for any the schema adds.
  if (fields.length > 1) ui['ui:order'] = [...fields.map((f) => f.key), '*'];
  return { schema, ui };
}

/** The form document the server stores: `{ id, title, schema, uiSchema }`. */
export function writeForm(design: FormDesign): WrittenForm {
  const locations = new Map<string, string>();
  const { schema: body, ui } = objectSchema(design.fields, '/schema', locations);
  const extras = { ...(design.rootExtras ?? {}) };
  // Extra allOf entries (written by hand) go after the designer's own conditions.
  const extraAllOf = Array.isArray(extras.allOf) ? (extras.allOf as Json[]) : [];
  delete extras.allOf;
  const extraRequired = Array.isArray(extras.required) ? (extras.required as unknown[]) : [];
  delete extras.required;
  const schema: Json = { ...extras, type: 'object', title: design.title };
  if (design.description) schema.description = design.description;
  schema.properties = body.properties;
  const required = [...((body.required as string[] | undefined) ?? []), ...extraRequired];
  if (required.length > 0) schema.required = required;
  const allOf = [...((body.allOf as Json[] | undefined) ?? []), ...extraAllOf];
  if (allOf.length > 0) schema.allOf = allOf;
  return { schema, uiSchema: { ...(design.rootUiExtras ?? {}), ...ui }, locations };
}

/** The field a server problem's pointer (`/schema/properties/a/pattern`) is about: the longest matching location. */
export function fieldAtPointer(written: WrittenForm, pointer: string): string | undefined {
  let best: { length: number; uid: string } | undefined;
  for (const [location, uid] of written.locations) {
    if ((pointer === location || pointer.startsWith(`${location}/`)) && (!best || location.length > best.length)) best = { length: location.length, uid };
  }
  return best?.uid;
}

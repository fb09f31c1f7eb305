import { newUid, type FieldKind, type FieldOption, type FormDesign, type FormField, type ShownWhen } from './form-field.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Thrown for JSON that is no form schema at all (the JSON view says so and keeps the text). */
export class FormSchemaReadError extends Error {
  constructor(readonly pointer: string, message: string) {
    super(`${pointer || '/'}: ${message}`);
    this.name = 'FormSchemaReadError';
  }
}

/** The words and checks every field kind may carry; anything else makes a property `custom`. */
const COMMON_KEYS = new Set(['title', 'description', 'default', 'x-pii', 'x-title-zh', 'x-title-en']);
/** Schema annotations and uiSchema options any kind may carry that the editor does not show; kept as they are. */
const KEPT_SCHEMA_KEYS = ['x-title-zh', 'x-title-en'];
const KEPT_UI_KEYS = ['ui:help', 'ui:placeholder', 'ui:options', 'ui:autofocus', 'ui:description', 'ui:title', 'ui:readonly', 'ui:disabled', 'ui:emptyValue'];

/** Options written as `enum` (labels from `ui:enumNames`, a list or a map) or as a oneOf of `const`s with titles. */
function optionsOf(schema: Json, ui: Json = {}): FieldOption[] | undefined {
  if (Array.isArray(schema.oneOf) && schema.oneOf.length > 0 && schema.oneOf.every((o) => isObject(o) && typeof o.const === 'string')) {
    return (schema.oneOf as Json[]).map((o) => ({ value: o.const as string, label: typeof o.title === 'string' ? o.title : (o.const as string) }));
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((v) => typeof v === 'string')) {
    const names = ui['ui:enumNames'];
    return (schema.enum as string[]).map((value, i) => {
      const label = Array.isArray(names) ? names[i] : isObject(names) ? names[value] : undefined;
      return { value, label: typeof label === 'string' ? label : value };
    });
  }
  return undefined;
}

function onlyKeys(schema: Json, allowed: string[]): boolean {
  return Object.keys(schema).every((key) => COMMON_KEYS.has(key) || allowed.includes(key));
}

function onlyUiKeys(ui: Json, allowed: string[]): boolean {
  return Object.keys(ui).every((key) => allowed.includes(key) || KEPT_UI_KEYS.includes(key));
}

function pick(source: Json, keys: string[]): Json | undefined {
  const out: Json = {};
  for (const key of keys) if (key in source) out[key] = structuredClone(source[key]);
  return Object.keys(out).length > 0 ? out : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** An object level the designer can edit in full: properties, required, and only shown-when conditions. */
function isPlainObjectLevel(schema: Json): boolean {
  if (schema.type !== 'object' || !isObject(schema.properties) || !onlyKeys(schema, ['type', 'properties', 'required', 'allOf'])) return false;
  if (schema.allOf !== undefined && !(Array.isArray(schema.allOf) && schema.allOf.every((entry) => shownWhenEntry(entry) !== undefined))) return false;
  return schema.required === undefined || (Array.isArray(schema.required) && schema.required.every((r) => typeof r === 'string' && r in (schema.properties as Json)));
}

/** The kind a property's schema was written as, or custom when it is anything else. */
function kindOf(schema: Json, ui: Json): FieldKind {
  const widget = ui['ui:widget'];
  const uiKeys = Object.keys(ui).filter((key) => !KEPT_UI_KEYS.includes(key));
  const noUi = uiKeys.length === 0;
  if (schema.type === 'string') {
    if (schema['x-file'] === true && widget === 'file-ref' && onlyKeys(schema, ['type', 'x-file']) && onlyUiKeys(ui, ['ui:widget'])) return 'file';
    if (schema.format === 'date' && onlyKeys(schema, ['type', 'format']) && noUi) return 'date';
    if (schema.format === 'date-time' && onlyKeys(schema, ['type', 'format']) && noUi) return 'datetime';
    if (schema.format === 'phone' && onlyKeys(schema, ['type', 'format']) && noUi) return 'phone';
    if (schema.format === 'cn-id-card' && onlyKeys(schema, ['type', 'format']) && noUi) return 'idcard';
    if (optionsOf(schema) && (onlyKeys(schema, ['type', 'enum']) || onlyKeys(schema, ['type', 'oneOf']))) {
      if (widget === 'radio' && onlyUiKeys(ui, ['ui:widget', 'ui:enumNames'])) return 'radio';
      if (onlyUiKeys(ui, ['ui:enumNames'])) return 'select';
    }
    const textKeys = ['type', 'minLength', 'maxLength', 'pattern'];
    if (widget === 'textarea' && onlyKeys(schema, textKeys) && onlyUiKeys(ui, ['ui:widget'])) return 'textarea';
    if (onlyKeys(schema, textKeys) && noUi) return 'text';
  }
  if ((schema.type === 'number' || schema.type === 'integer') && onlyKeys(schema, ['type', 'minimum', 'maximum']) && noUi) return schema.type;
  if (schema.type === 'boolean' && onlyKeys(schema, ['type']) && noUi) return 'checkbox';
  if (schema.type === 'array' && isObject(schema.items) && onlyKeys(schema, ['type', 'items', 'uniqueItems', 'minItems', 'maxItems'])) {
    const items = schema.items;
    const itemsUi = isObject(ui.items) ? ui.items : {};
    // Checkboxes instead of a select is a display choice the editor keeps as it is.
    const uiFitsOptions = onlyUiKeys(ui, ['items', ...(widget === 'checkboxes' ? ['ui:widget'] : [])]) && Object.keys(itemsUi).every((k) => k === 'ui:enumNames');
    if (schema.uniqueItems === true && items.type === 'string' && optionsOf(items) && (onlyKeys(items, ['type', 'enum']) || onlyKeys(items, ['type', 'oneOf'])) && uiFitsOptions) {
      return 'multiselect';
    }
    if (isPlainObjectLevel(items) && !('title' in items) && schema.uniqueItems === undefined && onlyUiKeys(ui, ['items'])) return 'group';
  }
  if (schema.type === 'object' && isObject(schema.properties)) {
    if (schema['x-address'] === true) return 'address';
    if (isPlainObjectLevel(schema) && !uiKeys.some((k) => k.startsWith('ui:') && k !== 'ui:order')) return 'section';
  }
  return 'custom';
}

function readField(key: string, schema: unknown, ui: unknown, pointer: string, required: boolean, shownWhen?: ShownWhen): FormField {
  const s = isObject(schema) ? schema : {};
  const u = isObject(ui) ? ui : {};
  const kind = isObject(schema) ? kindOf(s, u) : 'custom';
  const field: FormField = { uid: newUid(), kind, key, label: typeof s.title === 'string' ? s.title : key, required };
  if (shownWhen) field.shownWhen = shownWhen;
  if (kind === 'custom') {
    field.rawSchema = isObject(schema) ? structuredClone(schema) : {};
    field.rawUiSchema = structuredClone(u);
    return field;
  }
  field.keptSchema = pick(s, KEPT_SCHEMA_KEYS);
  field.keptUi = pick(u, kind === 'multiselect' && u['ui:widget'] === 'checkboxes' ? [...KEPT_UI_KEYS, 'ui:widget'] : KEPT_UI_KEYS);
  if (typeof s.description === 'string') field.help = s.description;
  if (s['x-pii'] === true) field.pii = true;
  if (s.default !== undefined) field.defaultValue = s.default;
  if (typeof s.pattern === 'string') field.pattern = s.pattern;
  switch (kind) {
    case 'text':
    case 'textarea':
      field.min = numberOrUndefined(s.minLength);
      field.max = numberOrUndefined(s.maxLength);
      break;
    case 'number':
    case 'integer':
      field.min = numberOrUndefined(s.minimum);
      field.max = numberOrUndefined(s.maximum);
      break;
    case 'select':
    case 'radio':
      field.options = optionsOf(s, u);
      break;
    case 'multiselect':
      field.options = optionsOf(s.items as Json, isObject(u.items) ? u.items : {});
      field.min = numberOrUndefined(s.minItems);
      field.max = numberOrUndefined(s.maxItems);
      // The writer adds minItems 1 for a required multi-select; read it back as just "required".
      if (required && field.min === 1) field.min = undefined;
      break;
    case 'group': {
      const items = s.items as Json;
      field.children = readObject(items, isObject(u.items) ? u.items : {}, `${pointer}/items`).fields;
      field.min = numberOrUndefined(s.minItems);
      field.max = numberOrUndefined(s.maxItems);
      if (required && field.min === 1) field.min = undefined;
      break;
    }
    case 'section':
      field.children = readObject(s, u, pointer).fields;
      break;
  }
  for (const key of ['min', 'max', 'keptSchema', 'keptUi'] as const) if (field[key] === undefined) delete field[key];
  return field;
}

/** An if/then the writer makes for a shown-when field: `if {properties: {on: {const}}, required: [on]}, then {properties: {one}}`. */
function shownWhenEntry(entry: unknown): { shownWhen: ShownWhen; key: string; schema: unknown; required: boolean } | undefined {
  if (!isObject(entry) || Object.keys(entry).some((k) => k !== 'if' && k !== 'then')) return undefined;
  const { if: condition, then } = entry;
  if (!isObject(condition) || !isObject(then) || !isObject(condition.properties) || !isObject(then.properties)) return undefined;
  const conditionKeys = Object.keys(condition.properties);
  const fieldKeys = Object.keys(then.properties);
  if (conditionKeys.length !== 1 || fieldKeys.length !== 1) return undefined;
  if (Object.keys(condition).some((k) => k !== 'properties' && k !== 'required')) return undefined;
  if (Object.keys(then).some((k) => k !== 'properties' && k !== 'required')) return undefined;
  const on = conditionKeys[0];
  const test = condition.properties[on];
  if (!isObject(test) || Object.keys(test).length !== 1 || !['string', 'number', 'boolean'].includes(typeof test.const)) return undefined;
  const key = fieldKeys[0];
  const thenRequired = then.required;
  if (thenRequired !== undefined && !(Array.isArray(thenRequired) && thenRequired.length === 1 && thenRequired[0] === key)) return undefined;
  return { shownWhen: { field: on, equals: test.const as string | number | boolean }, key, schema: then.properties[key], required: thenRequired !== undefined };
}

/** One object level: its properties in ui:order, then the shown-when fields of its allOf; other allOf entries stay extra. */
function readObject(schema: Json, ui: Json, pointer: string): { fields: FormField[]; extraAllOf: unknown[] } {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as unknown[]).filter((r): r is string => typeof r === 'string') : []);
  const byKey = new Map<string, FormField>();
  for (const [key, property] of Object.entries(properties)) {
    byKey.set(key, readField(key, property, ui[key], `${pointer}/properties/${key}`, required.has(key)));
  }
  const extraAllOf: unknown[] = [];
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  allOf.forEach((entry, index) => {
    const conditional = shownWhenEntry(entry);
    if (!conditional || byKey.has(conditional.key)) {
      extraAllOf.push(entry);
      return;
    }
    byKey.set(
      conditional.key,
      readField(conditional.key, conditional.schema, ui[conditional.key], `${pointer}/allOf/${index}/then/properties/${conditional.key}`, conditional.required, conditional.shownWhen),
    );
  });
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string' && byKey.has(k)) : [];
  const fields = [...new Set([...order, ...byKey.keys()])].map((key) => byKey.get(key)!);
  return { fields, extraAllOf };
}

/** Reads a saved form (`{ id, title, schema, uiSchema }`) into the designer's fields. */
export function readForm(form: { id?: unknown; title?: unknown; description?: unknown; schema: unknown; uiSchema?: unknown }): FormDesign {
  if (!isObject(form.schema)) throw new FormSchemaReadError('/schema', 'must be a JSON object');
  const schema = form.schema;
  if (schema.type !== undefined && schema.type !== 'object') throw new FormSchemaReadError('/schema/type', 'a form schema must be of type "object"');
  if (schema.properties !== undefined && !isObject(schema.properties)) throw new FormSchemaReadError('/schema/properties', 'must be a JSON object');
  if (form.uiSchema !== undefined && !isObject(form.uiSchema)) throw new FormSchemaReadError('/uiSchema', 'must be a JSON object');
  const ui = (form.uiSchema as Json | undefined) ?? {};
  const { fields, extraAllOf } = readObject(schema, ui, '/schema');

  const rootExtras: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!['type', 'title', 'description', 'properties', 'required', 'allOf'].includes(key)) rootExtras[key] = value;
  }
  if (extraAllOf.length > 0) rootExtras.allOf = extraAllOf;
  // A required name with no field behind it would vanish on the next write; keep it as written.
  const knownKeys = new Set(fields.map((f) => f.key));
  const strayRequired = (Array.isArray(schema.required) ? (schema.required as unknown[]) : []).filter((r) => typeof r !== 'string' || !knownKeys.has(r));
  if (strayRequired.length > 0) rootExtras.required = strayRequired;
  const fieldKeys = new Set(fields.map((f) => f.key));
  const rootUiExtras: Json = {};
  for (const [key, value] of Object.entries(ui)) if (key !== 'ui:order' && !fieldKeys.has(key)) rootUiExtras[key] = value;

  const design: FormDesign = {
    id: typeof form.id === 'string' ? form.id : '',
    title: typeof form.title === 'string' ? form.title : typeof schema.title === 'string' ? schema.title : '',
    fields,
  };
  const description = typeof form.description === 'string' ? form.description : typeof schema.description === 'string' ? schema.description : undefined;
  if (description) design.description = description;
  if (Object.keys(rootExtras).length > 0) design.rootExtras = rootExtras;
  if (Object.keys(rootUiExtras).length > 0) design.rootUiExtras = rootUiExtras;
  return design;
}

/**
 * A form as the designer edits it: a tree of fields, each of a palette kind with the properties the property editor
 * shows. form-schema-writer.ts turns it into the JSON Schema + uiSchema the server stores and rjsf renders;
 * form-schema-reader.ts reads such a schema back.
 */

export const FIELD_KINDS = [
  'text',
  'textarea',
  'number',
  'integer',
  'date',
  'datetime',
  'select',
  'radio',
  'multiselect',
  'checkbox',
  'file',
  'phone',
  'idcard',
  'address',
  'group',
  'section',
  // Whatever the reader does not recognise, kept verbatim so that a hand-written schema survives a round trip.
  'custom',
] as const;

export type FieldKind = (typeof FIELD_KINDS)[number];

/** The kinds the palette offers (custom only comes from the JSON view). */
export const PALETTE_KINDS: readonly FieldKind[] = FIELD_KINDS.filter((kind) => kind !== 'custom');

export interface FieldOption {
  value: string;
  label: string;
}

/** Show a field only while a sibling field has a value (`if`/`then` in the schema). */
export interface ShownWhen {
  field: string;
  equals: string | number | boolean;
}

export interface FormField {
  /** The designer's own handle for a field (keys can be edited and briefly collide). */
  uid: string;
  kind: FieldKind;
  /** The property name in the submitted data. */
  key: string;
  label: string;
  required: boolean;
  help?: string;
  /** Personal data: masked in lists and for people without the pii:read permission. */
  pii?: boolean;
  defaultValue?: unknown;
  /** select, radio, multiselect. */
  options?: FieldOption[];
  /** Lengths for texts, bounds for numbers, item counts for multiselect and repeating groups. */
  min?: number;
  max?: number;
  pattern?: string;
  shownWhen?: ShownWhen;
  /** group (each row holds these) and section (nested under the section's key). */
  children?: FormField[];
  /** Annotations the editor does not show (x-title-en, ui:placeholder, ui:options …), written back as they were. */
  keptSchema?: Record<string, unknown>;
  keptUi?: Record<string, unknown>;
  /** custom: the property's schema and uiSchema as they were. */
  rawSchema?: Record<string, unknown>;
  rawUiSchema?: Record<string, unknown>;
}

export interface FormDesign {
  id: string;
  title: string;
  description?: string;
  fields: FormField[];
  /** Root keywords the designer does not edit ($schema, $defs, extra allOf entries …), written back as they were. */
  rootExtras?: Record<string, unknown>;
  /** Root uiSchema entries the designer does not edit. */
  rootUiExtras?: Record<string, unknown>;
}

export const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function hasOptions(kind: FieldKind): boolean {
  return kind === 'select' || kind === 'radio' || kind === 'multiselect';
}

export function hasChildren(kind: FieldKind): boolean {
  return kind === 'group' || kind === 'section';
}

/** What min/max mean for a kind, or undefined when the kind has no bounds. */
export function boundsOf(kind: FieldKind): 'length' | 'value' | 'items' | undefined {
  if (kind === 'text' || kind === 'textarea') return 'length';
  if (kind === 'number' || kind === 'integer') return 'value';
  if (kind === 'multiselect' || kind === 'group') return 'items';
  return undefined;
}

export function hasPattern(kind: FieldKind): boolean {
  return kind === 'text' || kind === 'textarea';
}

let uidCounter = 0;
export function newUid(): string {
  uidCounter += 1;
  return `f${Date.now().toString(36)}${uidCounter.toString(36)}`;
}

/** A fresh field of a kind, with a key not yet used among its siblings. */
export function newField(kind: FieldKind, label: string, siblings: readonly FormField[]): FormField {
  const used = new Set(siblings.map((f) => f.key));
  let n = siblings.length + 1;
  while (used.has(`${kind}${n}`)) n += 1;
  const field: FormField = { uid: newUid(), kind, key: `${kind}${n}`, label, required: false };
  if (hasOptions(kind)) field.options = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }];
  if (hasChildren(kind)) field.children = [];
  if (kind === 'idcard' || kind === 'phone' || kind === 'address') field.pii = true;
  return field;
}

/** Every container's fields, depth first, with the uid of the container (null for the form itself). */
export function* containers(fields: FormField[], parent: string | null = null): Generator<{ parent: string | null; fields: FormField[] }> {
  yield { parent, fields };
  for (const field of fields) if (field.children) yield* containers(field.children, field.uid);
}

export function findField(fields: readonly FormField[], uid: string): FormField | undefined {
  for (const field of fields) {
    if (field.uid === uid) return field;
    const inner = field.children && findField(field.children, uid);
    if (inner) return inner;
  }
  return undefined;
}

/** The fields that sit beside `uid` (its container's list), or undefined. */
export function siblingsOf(fields: FormField[], uid: string): FormField[] | undefined {
  for (const container of containers(fields)) if (container.fields.some((f) => f.uid === uid)) return container.fields;
  return undefined;
}

/** Problems a designer must fix before saving, by field uid. */
export function designProblems(design: FormDesign): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const add = (uid: string, message: string) => problems.set(uid, [...(problems.get(uid) ?? []), message]);
  for (const { fields } of containers(design.fields)) {
    const seen = new Map<string, string>();
    for (const field of fields) {
      if (!KEY_PATTERN.test(field.key)) add(field.uid, 'key');
      else if (seen.has(field.key)) add(field.uid, 'duplicateKey');
      seen.set(field.key, field.uid);
      if (field.kind !== 'custom' && field.label.trim() === '') add(field.uid, 'label');
      if (hasOptions(field.kind)) {
        const values = (field.options ?? []).map((o) => o.value);
        if (values.length === 0) add(field.uid, 'noOptions');
        if (new Set(values).size !== values.length || values.some((v) => v === '')) add(field.uid, 'optionValues');
      }
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) add(field.uid, 'bounds');
      if (field.pattern) {
        try {
          new RegExp(field.pattern, 'u');
        } catch {
          add(field.uid, 'pattern');
        }
      }
      if (field.shownWhen) {
        const target = fields.find((f) => f.key === field.shownWhen!.field);
        if (!target || target.uid === field.uid) add(field.uid, 'shownWhen');
      }
      if (field.kind === 'group' && (field.children ?? []).length === 0) add(field.uid, 'emptyGroup');
    }
  }
  return problems;
}

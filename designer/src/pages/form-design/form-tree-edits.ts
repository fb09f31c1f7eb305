import type { FormField } from './form-field.js';

/** Immutable edits of the field tree; `container` is the uid of a group or section, or null for the form itself. */

function mapContainer(fields: FormField[], container: string | null, change: (list: FormField[]) => FormField[]): FormField[] {
  if (container === null) return change(fields);
  return fields.map((field) => {
    if (field.uid === container) return { ...field, children: change(field.children ?? []) };
    if (field.children) return { ...field, children: mapContainer(field.children, container, change) };
    return field;
  });
}

export function insertField(fields: FormField[], container: string | null, index: number, field: FormField): FormField[] {
  return mapContainer(fields, container, (list) => {
    const at = Math.max(0, Math.min(index, list.length));
    return [...list.slice(0, at), field, ...list.slice(at)];
  });
}

export function removeField(fields: FormField[], uid: string): FormField[] {
  return fields
    .filter((field) => field.uid !== uid)
    .map((field) => (field.children ? { ...field, children: removeField(field.children, uid) } : field));
}

export function updateField(fields: FormField[], uid: string, patch: Partial<FormField>): FormField[] {
  return fields.map((field) => {
    if (field.uid === uid) {
      const next = { ...field, ...patch };
      // An explicit undefined in the patch clears the property, so the JSON stays free of empty keys.
      for (const [key, value] of Object.entries(patch)) if (value === undefined) delete (next as Record<string, unknown>)[key];
      return next;
    }
    return field.children ? { ...field, children: updateField(field.children, uid, patch) } : field;
  });
}

/** The container a field sits in and its index there. */
export function locate(fields: FormField[], uid: string, container: string | null = null): { container: string | null; index: number } | undefined {
  const index = fields.findIndex((f) => f.uid === uid);
  if (index >= 0) return { container, index };
  for (const field of fields) {
    const found = field.children && locate(field.children, uid, field.uid);
    if (found) return found;
  }
  return undefined;
}

/** Whether `uid` is `ancestor` or lies inside it (a group cannot be dropped into itself). */
export function isWithin(fields: FormField[], uid: string | null, ancestor: string): boolean {
  if (uid === null) return false;
  if (uid === ancestor) return true;
  const find = (list: FormField[]): FormField | undefined => {
    for (const f of list) {
      if (f.uid === ancestor) return f;
      const inner = f.children && find(f.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const root = find(fields);
  const inside = (list: FormField[]): boolean => list.some((f) => f.uid === uid || (f.children !== undefined && inside(f.children)));
  return root?.children !== undefined && inside(root.children);
}

/** Moves a field so that it ends at `index` of `container` (as dnd-kit's arrayMove does within one list). */
export function moveField(fields: FormField[], uid: string, container: string | null, index: number): FormField[] {
  const from = locate(fields, uid);
  if (!from || isWithin(fields, container, uid)) return fields;
  let field: FormField | undefined;
  const find = (list: FormField[]) => {
    for (const f of list) {
      if (f.uid === uid) field = f;
      else if (f.children) find(f.children);
    }
  };
  find(fields);
  return insertField(removeField(fields, uid), container, index, field!);
}

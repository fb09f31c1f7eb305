import type { ErrorSchema } from '@rjsf/utils';
import type { FieldError } from '../../app/api.js';

/** The path segments of a field as the server names it: a JSON pointer (`/a/b/0`) or a dotted path (`a.b.0`). */
export function fieldPath(field: string): string[] {
  if (field === '' || field === '/') return [];
  if (field.startsWith('/')) return field.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return field.split('.').filter((s) => s !== '');
}

/** Server field errors (422) as the error schema rjsf shows under each field; errors on the root go on the form. */
export function serverErrorSchema(errors: readonly FieldError[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    let node = root;
    for (const segment of fieldPath(error.field)) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    const list = (node.__errors ??= []) as string[];
    if (!list.includes(error.message)) list.push(error.message);
  }
  return root as ErrorSchema;
}

/** The value at a field's path, to notice when the user has changed a field the server complained about. */
export function valueAt(data: unknown, field: string): unknown {
  let node = data;
  for (const segment of fieldPath(field)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

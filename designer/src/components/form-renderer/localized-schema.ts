import type { Language } from '../../app/i18n/language.js';

/**
 * A form schema with its titles and descriptions in the user's language: `x-title-en` / `x-title-zh` (and
 * `x-description-*`) take the place of `title` / `description` where present, as the server's messages name fields.
 */
export function localizedSchema<T>(schema: T, language: Language): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = visit(value);
    for (const field of ['title', 'description']) {
      const local = out[`x-${field}-${language}`];
      if (typeof local === 'string' && local.trim() !== '') out[field] = local;
    }
    return out;
  };
  return visit(schema) as T;
}

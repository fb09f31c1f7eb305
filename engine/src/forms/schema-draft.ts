import { FormError } from './form-error.js';
import type { JsonObject } from './form-definition.js';

export type SchemaDraft = '2020-12' | 'draft-07';

// Only the meta-schema URIs ajv registers; any other spelling would fail inside ajv with a less helpful message.
const draftsByMetaSchema = new Map<string, SchemaDraft>([
  ['https://json-schema.org/draft/2020-12/schema', '2020-12'],
  ['https://json-schema.org/draft/2020-12/schema#', '2020-12'],
  ['http://json-schema.org/draft-07/schema', 'draft-07'],
  ['http://json-schema.org/draft-07/schema#', 'draft-07'],
]);

/** The JSON Schema draft a form schema is written in, by its `$schema`; 2020-12 when it has none. */
export function schemaDraftOf(schema: JsonObject): SchemaDraft {
  const metaSchema = schema.$schema;
  if (metaSchema === undefined) return '2020-12';
  const draft = typeof metaSchema === 'string' ? draftsByMetaSchema.get(metaSchema) : undefined;
  if (!draft) {
    throw new FormError(
      `$schema ${JSON.stringify(metaSchema)} is not supported; use ${[...draftsByMetaSchema.keys()].map((uri) => `"${uri}"`).join(', ')} or leave it out for draft 2020-12`,
    );
  }
  return draft;
}

import { isJsonObject, type JsonObject } from './form-definition.js';
import { escapePointerSegment } from './json-pointer.js';

/** A schema object somewhere inside a form schema, with its JSON pointer from the schema root. */
export interface SchemaLocation {
  pointer: string;
  schema: JsonObject;
}

// Keywords whose values are schemas (drafts 07 and 2020-12). Knowing them keeps a property *named* "format"
// or "x-pii" inside `properties` from being mistaken for the keyword.
const schemaKeywords = [
  'additionalProperties', 'additionalItems', 'items', 'contains', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
];
const schemaListKeywords = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const schemaMapKeywords = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];

/** Every schema object in `schema`, itself first, depth first. Boolean schemas have no keywords and are skipped. */
export function* schemaLocations(schema: unknown, pointer = ''): Generator<SchemaLocation> {
  if (!isJsonObject(schema)) return;
  yield { pointer, schema };
  for (const keyword of schemaKeywords) {
    if (isJsonObject(schema[keyword])) yield* schemaLocations(schema[keyword], `${pointer}/${keyword}`);
  }
  for (const keyword of schemaListKeywords) {
    const list = schema[keyword];
    if (Array.isArray(list)) {
      for (const [index, item] of list.entries()) yield* schemaLocations(item, `${pointer}/${keyword}/${index}`);
    }
  }
  for (const keyword of schemaMapKeywords) {
    const map = schema[keyword];
    if (!isJsonObject(map)) continue;
    // draft-07 `dependencies` mixes schemas with property lists; only the schemas are walked.
    for (const [name, item] of Object.entries(map)) {
      yield* schemaLocations(item, `${pointer}/${keyword}/${escapePointerSegment(name)}`);
    }
  }
}

import { isJsonObject, type JsonObject } from './form-definition.js';
import { FormError } from './form-error.js';
import { pointerOf } from './json-pointer.js';
import { maskPiiValue, type PiiKind } from './pii-value-mask.js';
import { SchemaNavigator } from './schema-navigator.js';

/**
 * A copy of form data with every value at a property marked `"x-pii": true` masked, however deep it sits:
 * nested objects, arrays of objects (sub-tables), references and every branch of anyOf/oneOf/then/else.
 * Lists, searches and audit reads show this to callers without `pii:read`.
 */
export function maskPii(schema: unknown, data: unknown): unknown {
  const navigator = new SchemaNavigator(checkedSchema(schema));
  return maskAt(navigator, navigator.rootSchemas(), data, undefined);
}

// The JSON pointers of every personal field the schema declares, `*` standing for any array index or property
// name: /applicant/idCard, /parties/*/phone. A recursive schema is unrolled once — a path may pass through the
// same schema twice — so /children/*/name stands for a name at every depth.
export function piiPaths(schema: unknown): string[] {
  const navigator = new SchemaNavigator(checkedSchema(schema));
  const paths = new Set<string>();
  const visit = (schemas: JsonObject[], segments: string[], onPath: ReadonlyMap<JsonObject, number>): void => {
    if (schemas.some(isMarkedPii)) {
      paths.add(pointerOf(segments));
      return;
    }
    const deeper = new Map(onPath);
    for (const here of schemas) deeper.set(here, (deeper.get(here) ?? 0) + 1);
    for (const child of navigator.children(schemas)) {
      const fresh = child.schemas.filter((candidate) => (deeper.get(candidate) ?? 0) < 2);
      if (fresh.length > 0) visit(fresh, [...segments, child.segment], deeper);
    }
  };
  visit(navigator.rootSchemas(), [], new Map());
  return [...paths];
}

function maskAt(navigator: SchemaNavigator, schemas: JsonObject[], value: unknown, propertyName: string | undefined): unknown {
  if (schemas.some(isMarkedPii)) return maskPiiValue(value, piiKindOf(schemas, propertyName));
  if (Array.isArray(value)) {
    // Items of a marked-up array take the array's property name, so a list of names is still masked as names.
    return value.map((item, index) => maskAt(navigator, navigator.itemSchemas(schemas, index), item, propertyName));
  }
  if (isJsonObject(value)) {
    // fromEntries defines properties, so a "__proto__" key stays data and never becomes a prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, maskAt(navigator, navigator.propertySchemas(schemas, key), item, key)]),
    );
  }
  return value;
}

function isMarkedPii(schema: JsonObject): boolean {
  return schema['x-pii'] === true;
}

/** The kind comes from the schema: its format for ID numbers and phones; its name or title for a person's name. */
function piiKindOf(schemas: readonly JsonObject[], propertyName: string | undefined): PiiKind {
  const formats = new Set(schemas.map((schema) => schema.format));
  if (formats.has('cn-id-card')) return 'id-card';
  if (formats.has('phone')) return 'phone';
  const titles = schemas.flatMap((schema) => [schema.title, schema['x-title-zh'], schema['x-title-en']]);
  const namedAsName =
    (propertyName !== undefined && /name$/i.test(propertyName)) ||
    titles.some((title) => typeof title === 'string' && (/姓名|名字/.test(title) || /\bname$/i.test(title.trim())));
  return namedAsName ? 'name' : 'other';
}

function checkedSchema(schema: unknown): JsonObject | boolean {
  if (isJsonObject(schema) || typeof schema === 'boolean') return schema;
  throw new FormError(`A form schema must be a JSON Schema object, not ${Array.isArray(schema) ? 'an array' : JSON.stringify(schema)}`);
}

import { isJsonObject, type JsonObject } from './form-definition.js';
import { isArrayIndexSegment } from './json-pointer.js';

/**
 * Finds the schema objects that apply to a place in the data: the schema there plus everything it pulls in
 * in place ($ref, allOf, anyOf, oneOf, then, else, dependent schemas). Titles for messages and `x-pii` marks are
 * read from these. It over-approximates on purpose — every branch of anyOf/oneOf and both of then/else count —
 * since for PII masking too much is safe and too little is a leak. `if` and `not` describe conditions, not
 * the value, and are left out. References resolve inside the form schema only (JSON pointers and anchors).
 */
export class SchemaNavigator {
  private anchors: Map<string, JsonObject> | undefined;
  private readonly patterns = new Map<string, RegExp | null>();

  constructor(readonly root: unknown) {}

  /** The schemas at the root of the data. */
  rootSchemas(): JsonObject[] {
    return this.expand([this.root]);
  }

  /** The schemas applying to property `key` of an object described by `schemas`. */
  propertySchemas(schemas: readonly JsonObject[], key: string): JsonObject[] {
    const children: unknown[] = [];
    for (const schema of schemas) {
      let matched = false;
      const properties = schema.properties;
      if (isJsonObject(properties) && Object.hasOwn(properties, key)) {
        children.push(properties[key]);
        matched = true;
      }
      const patternProperties = schema.patternProperties;
      if (isJsonObject(patternProperties)) {
        for (const [pattern, child] of Object.entries(patternProperties)) {
          if (this.regExp(pattern)?.test(key)) {
            children.push(child);
            matched = true;
          }
        }
      }
      if (!matched) children.push(schema.additionalProperties, schema.unevaluatedProperties);
    }
    return this.expand(children);
  }

  /** The schemas applying to item `index` of an array described by `schemas`. */
  itemSchemas(schemas: readonly JsonObject[], index: number): JsonObject[] {
    const children: unknown[] = [];
    for (const schema of schemas) {
      const { prefixItems, items } = schema;
      if (Array.isArray(prefixItems)) {
        children.push(index < prefixItems.length ? prefixItems[index] : items);
      } else if (Array.isArray(items)) {
        // draft-07 tuple form
        children.push(index < items.length ? items[index] : schema.additionalItems);
      } else if (items !== undefined) {
        children.push(items);
      } else {
        children.push(schema.unevaluatedItems);
      }
    }
    return this.expand(children);
  }

  /**
   * The schemas at a JSON pointer's segments into `data`; the data tells array indices from property names
   * (a missing value is read as an object property, or both when the segment looks like an index).
   */
  schemasAt(segments: readonly string[], data: unknown): JsonObject[] {
    let schemas = this.rootSchemas();
    let value = data;
    for (const segment of segments) {
      if (Array.isArray(value) && isArrayIndexSegment(segment)) {
        schemas = this.itemSchemas(schemas, Number(segment));
        value = value[Number(segment)];
      } else if (isJsonObject(value) || !isArrayIndexSegment(segment)) {
        schemas = this.propertySchemas(schemas, segment);
        value = isJsonObject(value) ? value[segment] : undefined;
      } else {
        schemas = [...this.propertySchemas(schemas, segment), ...this.itemSchemas(schemas, Number(segment))];
        value = undefined;
      }
    }
    return schemas;
  }

  /**
   * Every child place the schemas describe, for listing paths without data: each named property, each tuple
   * position, and `*` for any other property name or array index.
   */
  children(schemas: readonly JsonObject[]): Array<{ segment: string; schemas: JsonObject[] }> {
    const names = new Set<string>();
    let tupleLength = 0;
    const anyProperty: unknown[] = [];
    const anyItem: unknown[] = [];
    for (const schema of schemas) {
      if (isJsonObject(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name);
      if (isJsonObject(schema.patternProperties)) anyProperty.push(...Object.values(schema.patternProperties));
      anyProperty.push(schema.additionalProperties, schema.unevaluatedProperties);
      const { prefixItems, items } = schema;
      if (Array.isArray(prefixItems)) {
        tupleLength = Math.max(tupleLength, prefixItems.length);
        anyItem.push(items);
      } else if (Array.isArray(items)) {
        tupleLength = Math.max(tupleLength, items.length);
        anyItem.push(schema.additionalItems);
      } else {
        anyItem.push(items);
      }
      anyItem.push(schema.unevaluatedItems);
    }
    const children = [...names].map((name) => ({ segment: name, schemas: this.propertySchemas(schemas, name) }));
    for (let index = 0; index < tupleLength; index++) {
      children.push({ segment: String(index), schemas: this.itemSchemas(schemas, index) });
    }
    children.push({ segment: '*', schemas: this.expand([...anyProperty, ...anyItem]) });
    return children.filter((child) => child.schemas.length > 0);
  }

  /** The given schemas and everything they apply in place, each schema object once. */
  expand(schemas: readonly unknown[]): JsonObject[] {
    const found: JsonObject[] = [];
    const seen = new Set<JsonObject>();
    const visit = (schema: unknown): void => {
      if (!isJsonObject(schema) || seen.has(schema)) return;
      seen.add(schema);
      found.push(schema);
      for (const keyword of ['$ref', '$dynamicRef']) {
        const ref = schema[keyword];
        if (typeof ref === 'string') visit(this.resolve(ref));
      }
      for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
        const list = schema[keyword];
        if (Array.isArray(list)) list.forEach(visit);
      }
      visit(schema.then);
      visit(schema.else);
      for (const keyword of ['dependentSchemas', 'dependencies']) {
        const map = schema[keyword];
        if (isJsonObject(map)) Object.values(map).forEach(visit);
      }
    };
    schemas.forEach(visit);
    return found;
  }

  /** The schema a local reference points at: `#`, `#/json/pointer` or `#anchor` (also prefixed with the root `$id`). */
  resolve(ref: string): unknown {
    const rootId = isJsonObject(this.root) && typeof this.root.$id === 'string' ? this.root.$id.replace(/#$/, '') : undefined;
    const local = rootId !== undefined && ref.startsWith(rootId + '#') ? ref.slice(rootId.length) : ref;
    if (!local.startsWith('#')) return undefined;
    const fragment = safeDecode(local.slice(1));
    if (fragment === undefined) return undefined;
    if (fragment === '' || fragment.startsWith('/')) {
      let target: unknown = this.root;
      for (const segment of fragment.split('/').slice(1)) {
        const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
        if (Array.isArray(target) && isArrayIndexSegment(name)) target = target[Number(name)];
        else if (isJsonObject(target) && Object.hasOwn(target, name)) target = target[name];
        else return undefined;
      }
      return target;
    }
    return this.anchorMap().get(fragment);
  }

  private anchorMap(): Map<string, JsonObject> {
    if (!this.anchors) {
      const anchors = new Map<string, JsonObject>();
      const visit = (value: unknown): void => {
        if (Array.isArray(value)) {
          value.forEach(visit);
        } else if (isJsonObject(value)) {
          for (const keyword of ['$anchor', '$dynamicAnchor']) {
            const anchor = value[keyword];
            if (typeof anchor === 'string' && !anchors.has(anchor)) anchors.set(anchor, value);
          }
          Object.values(value).forEach(visit);
        }
      };
      visit(this.root);
      this.anchors = anchors;
    }
    return this.anchors;
  }

  private regExp(pattern: string): RegExp | null {
    let compiled = this.patterns.get(pattern);
    if (compiled === undefined) {
      try {
        compiled = new RegExp(pattern, 'u');
      } catch {
        // ajv rejects such a schema; here the pattern simply matches nothing.
        compiled = null;
      }
      this.patterns.set(pattern, compiled);
    }
    return compiled;
  }
}

function safeDecode(fragment: string): string | undefined {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
}

import { format, Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import {
  createErrorHandler,
  getDefaultFormState,
  ROOT_SCHEMA_PREFIX,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  withIdRefPrefix,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';
import { isPhoneNumber } from '../../../../engine/src/forms/phone-number.js';
import { isResidentIdNumber } from '../../../../engine/src/forms/resident-id-number.js';
import type { Language } from '../../app/i18n/language.js';
import { validationMessage } from './validation-messages.js';

/**
 * The browser's form validator for rjsf. The server validates with ajv, but ajv compiles schemas to code with
 * `new Function`, which the server's Content-Security-Policy (script-src 'self') rightly forbids in the page; so
 * the browser interprets the schema instead (@cfworker/json-schema: drafts 7 and 2020-12, no eval). Same draft rule
 * and the same custom formats as the server — the phone and ID card checks are the engine's own functions — so what
 * passes here passes there, and the server's 422 still has the last word.
 */
format.phone = isPhoneNumber;
format['cn-id-card'] = (value: string) => isResidentIdNumber(value);

/** As the server decides (engine/src/forms/schema-draft.ts): draft-07 only when `$schema` says so. */
export function schemaDraftOf(schema: object): SchemaDraft {
  const meta = (schema as { $schema?: unknown }).$schema;
  return typeof meta === 'string' && meta.includes('draft-07') ? '7' : '2020-12';
}

/** Keywords that only say "something below failed"; the failure below is the one to show. */
const WRAPPERS = new Set(['properties', 'patternProperties', 'items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'allOf', '$ref', '$recursiveRef', '$dynamicRef', 'if', 'then', 'else', 'dependentSchemas', 'propertyNames']);
/** Inside these, failures are how alternatives are told apart, not errors of the form. */
const ALTERNATIVES = /\/(anyOf|oneOf|not|if|contains)\//;

function segmentsOf(location: string): string[] {
  const path = location.replace(/^#/, '');
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The field an error belongs to: for a missing property, the property itself rather than the object holding it. */
function fieldSegments(unit: OutputUnit): string[] {
  const segments = segmentsOf(unit.instanceLocation);
  if (unit.keyword === 'required') {
    const missing = /required property "(.*)"\.$/.exec(unit.error)?.[1];
    if (missing !== undefined) segments.push(missing);
  } else if (unit.keyword === 'dependentRequired' || unit.keyword === 'dependencies') {
    const missing = /does not have "(.*)"\.$/.exec(unit.error)?.[1];
    if (missing !== undefined) segments.push(missing);
  }
  return segments;
}

/** cfworker annotates the schemas it is given; rjsf's must stay as they are. */
const clone = <T>(value: T): T => structuredClone(value);

export class SchemaValidator implements ValidatorType<any, RJSFSchema, any> {
  private readonly checks = new WeakMap<object, WeakMap<object, Validator>>();

  constructor(
    private readonly draft: SchemaDraft,
    private readonly language: Language,
  ) {}

  /** The failures of `data` against `schema` that a person can fix, each once. */
  leafErrors(schema: RJSFSchema, data: unknown): OutputUnit[] {
    const result = new Validator(clone(schema) as Schema, this.draft, false).validate(data);
    const seen = new Set<string>();
    return result.errors.filter((unit) => {
      if (WRAPPERS.has(unit.keyword) || ALTERNATIVES.test(unit.keywordLocation)) return false;
      const id = `${fieldSegments(unit).join('/')}\u0000${unit.keyword}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  rawValidation<Result = any>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const errors = this.leafErrors(schema, formData);
      return { errors: errors.length > 0 ? (errors as Result[]) : undefined };
    } catch (error) {
      return { validationError: error as Error };
    }
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator<any, RJSFSchema, any>,
    transformErrors?: ErrorTransformer<any, RJSFSchema, any>,
    uiSchema?: UiSchema<any, RJSFSchema, any>,
  ): ValidationData<any> {
    const raw = this.rawValidation<OutputUnit>(schema, formData);
    let errors: RJSFValidationError[] = (raw.errors ?? []).map((unit) => {
      const segments = fieldSegments(unit);
      const property = segments.length > 0 ? `.${segments.join('.')}` : '';
      const message = validationMessage(unit, this.language);
      return { name: unit.keyword, property, message, params: {}, stack: `${property} ${message}`.trim(), schemaPath: unit.keywordLocation };
    });
    if (raw.validationError) errors.push({ stack: raw.validationError.message, message: raw.validationError.message, property: '' });
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<any>(errors);
    if (!customValidate) return { errors, errorSchema };
    const withDefaults = getDefaultFormState(this, schema, formData, schema, true);
    const handler = customValidate(withDefaults, createErrorHandler(withDefaults), uiSchema, errorSchema);
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
  }

  /** rjsf asks this to pick anyOf/oneOf options and to evaluate if/then (shown-when conditions). */
  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      let byRoot = this.checks.get(schema);
      if (!byRoot) this.checks.set(schema, (byRoot = new WeakMap()));
      let check = byRoot.get(rootSchema);
      if (!check) {
        check = new Validator(clone(withIdRefPrefix(schema)) as Schema, this.draft, true);
        check.addSchema(clone(rootSchema) as Schema, ROOT_SCHEMA_PREFIX);
        byRoot.set(rootSchema, check);
      }
      return check.validate(formData).valid;
    } catch {
      // A schema that cannot be evaluated matches nothing, as an invalid alternative would not.
      return false;
    }
  }

  reset(): void {
    // Nothing is kept that outlives the schemas it was made for (weak maps).
  }
}

const validators = new Map<string, SchemaValidator>();

export function validatorFor(schema: object, language: Language): SchemaValidator {
  const draft = schemaDraftOf(schema);
  const key = `${draft}:${language}`;
  let validator = validators.get(key);
  if (!validator) validators.set(key, (validator = new SchemaValidator(draft, language)));
  return validator;
}

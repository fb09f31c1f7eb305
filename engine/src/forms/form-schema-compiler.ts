import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonObject } from './form-definition.js';
import { formatCheck, formFormatNames } from './form-formats.js';
import { schemaDraftOf, type SchemaDraft } from './schema-draft.js';
import { schemaLocations } from './schema-locations.js';

/** Annotation keywords with a fixed value type; every other `x-*` keyword may hold anything. */
export const typedAnnotationKeywords: Readonly<Record<string, 'boolean' | 'string'>> = {
  'x-pii': 'boolean',
  // Field titles per locale for messages; `title` is the fallback.
  'x-title-zh': 'string',
  'x-title-en': 'string',
};

/**
 * One ajv instance per draft, set up the same way for checking and for validating:
 * - allErrors, so a submission gets every problem at once;
 * - verbose, so messages can read the title from the failing schema;
 * - strict about the schema itself (unknown keywords and formats are errors), but not about types, tuples or
 *   required properties that a `then` names without redeclaring — ordinary in conditional forms;
 * - no coercion, no defaults, no removal: submitted data is validated exactly as sent and never changed.
 */
function createAjv(draft: SchemaDraft): Ajv | Ajv2020 {
  const options = {
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
  } as const;
  const ajv = draft === '2020-12' ? new Ajv2020(options) : new Ajv(options);
  for (const name of formFormatNames) ajv.addFormat(name, formatCheck(name));
  for (const [keyword, type] of Object.entries(typedAnnotationKeywords)) {
    ajv.addKeyword({ keyword, schemaType: type, metaSchema: { type } });
  }
  return ajv;
}

interface DraftCompiler {
  ajv: Ajv | Ajv2020;
  annotationKeywords: Set<string>;
}

/** Compiles form schemas with the ajv instance of their draft; instances are shared, compiled validators are not tied to them. */
export class FormSchemaCompiler {
  private readonly drafts = new Map<SchemaDraft, DraftCompiler>();

  /** The schema's errors against its draft's meta-schema, as ajv reports them (instancePath points into the schema). */
  metaSchemaErrors(schema: JsonObject): ErrorObject[] {
    const { ajv } = this.draftCompiler(schemaDraftOf(schema));
    if (ajv.validateSchema(schema)) return [];
    return ajv.errors ?? [];
  }

  /** Whether ajv knows `keyword` for the schema's draft; `x-*` annotations count as known. */
  isKnownKeyword(schema: JsonObject, keyword: string): boolean {
    return keyword.startsWith('x-') || this.draftCompiler(schemaDraftOf(schema)).ajv.RULES.keywords[keyword] === true;
  }

  /** A validator for `schema`; throws ajv's error when the schema does not compile. */
  compile(schema: JsonObject): ValidateFunction {
    const compiler = this.draftCompiler(schemaDraftOf(schema));
    this.registerAnnotations(compiler, schema);
    try {
      return compiler.ajv.compile(schema);
    } finally {
      // Forget the schema (and its $id) so that another form, or another version of this one, may reuse the $id.
      compiler.ajv.removeSchema(schema);
    }
  }

  private draftCompiler(draft: SchemaDraft): DraftCompiler {
    let compiler = this.drafts.get(draft);
    if (!compiler) {
      compiler = { ajv: createAjv(draft), annotationKeywords: new Set(Object.keys(typedAnnotationKeywords)) };
      this.drafts.set(draft, compiler);
    }
    return compiler;
  }

  // ajv has no wildcard keywords, so each `x-*` annotation is registered the first time a schema uses it.
  private registerAnnotations(compiler: DraftCompiler, schema: JsonObject): void {
    for (const { schema: location } of schemaLocations(schema)) {
      for (const keyword of Object.keys(location)) {
        if (keyword.startsWith('x-') && !compiler.annotationKeywords.has(keyword)) {
          compiler.ajv.addKeyword({ keyword });
          compiler.annotationKeywords.add(keyword);
        }
      }
    }
  }
}

export const formSchemaCompiler = new FormSchemaCompiler();

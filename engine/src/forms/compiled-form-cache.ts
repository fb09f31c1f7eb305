import type { ValidateFunction } from 'ajv';
import { FormDefinitionError } from './form-error.js';
import { isJsonObject, type FormDefinition } from './form-definition.js';
import { inspectFormDefinition } from './form-definition-check.js';
import { formKeyOf } from './form-key.js';
import type { SchemaDraft } from './schema-draft.js';
import { SchemaNavigator } from './schema-navigator.js';

/** A form ready to validate submissions: its ajv validator and a navigator over its schema for titles and PII. */
export interface CompiledForm {
  readonly form: FormDefinition;
  readonly draft: SchemaDraft;
  readonly validate: ValidateFunction;
  readonly navigator: SchemaNavigator;
}

/**
 * Compiles each form version once. Deployed versions are immutable (changed content gets a new version), so
 * they are cached by form key and version; a form without a version (a draft being designed) is cached by the
 * object itself, so that an edited copy is compiled afresh.
 */
export class CompiledFormCache {
  private readonly byVersion = new Map<string, CompiledForm>();
  private unversioned = new WeakMap<object, CompiledForm>();
  private compileCount = 0;

  /** The compiled form; throws FormDefinitionError listing every problem when the definition is unusable. */
  get(form: FormDefinition): CompiledForm {
    const key = versionKey(form);
    const cached = key !== undefined ? this.byVersion.get(key) : isJsonObject(form) ? this.unversioned.get(form) : undefined;
    if (cached) return cached;

    const inspection = inspectFormDefinition(form);
    if (!('validate' in inspection)) {
      throw new FormDefinitionError(isJsonObject(form) && typeof form.id === 'string' ? form.id : undefined, inspection.problems);
    }
    this.compileCount++;
    const compiled: CompiledForm = {
      form: inspection.form,
      draft: inspection.draft,
      validate: inspection.validate,
      navigator: new SchemaNavigator(inspection.form.schema),
    };
    if (key !== undefined) this.byVersion.set(key, compiled);
    else this.unversioned.set(form, compiled);
    return compiled;
  }

  /** How many form versions this cache has compiled since it was made or cleared. */
  get compilations(): number {
    return this.compileCount;
  }

  /** Versioned forms held. */
  get size(): number {
    return this.byVersion.size;
  }

  clear(): void {
    this.byVersion.clear();
    this.unversioned = new WeakMap();
    this.compileCount = 0;
  }
}

function versionKey(form: unknown): string | undefined {
  if (!isJsonObject(form) || typeof form.id !== 'string' || !Number.isInteger(form.version)) return undefined;
  try {
    return `${formKeyOf(form.id)}#${form.version as number}`;
  } catch {
    // An id that is no slug: leave it to the definition check to report.
    return undefined;
  }
}

/** The cache validateSubmission uses. */
export const compiledForms = new CompiledFormCache();

import type { ValidateFunction } from 'ajv';
import { FormError } from './form-error.js';
import { isJsonObject, type FormDefinition, type FormProblem, type JsonObject } from './form-definition.js';
import { formFormatNames, isFormFormatName } from './form-formats.js';
import { formIdPattern } from './form-key.js';
import { escapePointerSegment } from './json-pointer.js';
import { formSchemaCompiler, typedAnnotationKeywords } from './form-schema-compiler.js';
import { schemaDraftOf, type SchemaDraft } from './schema-draft.js';
import { schemaLocations } from './schema-locations.js';

/** A form definition checked and, when it has no problems, compiled. */
export type FormDefinitionInspection =
  | { problems: []; form: FormDefinition; draft: SchemaDraft; validate: ValidateFunction }
  | { problems: FormProblem[] };

/** Everything wrong with a form definition, each with a JSON pointer into the form JSON; empty when it is usable. */
export function checkFormDefinition(json: unknown): FormProblem[] {
  return inspectFormDefinition(json).problems;
}

/** Checks a form definition and compiles its schema, so that one pass serves both checking and validating. */
export function inspectFormDefinition(json: unknown): FormDefinitionInspection {
  if (!isJsonObject(json)) return { problems: [{ path: '', message: 'A form definition must be a JSON object' }] };
  const problems: FormProblem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ path, message });
  };

  const { id, version, title, schema, uiSchema } = json;
  if (id === undefined) report('/id', 'id is required');
  else if (typeof id !== 'string' || !formIdPattern.test(id)) {
    report('/id', `id ${JSON.stringify(id)} must be a slug of lowercase letters, digits and hyphens ([a-z0-9-]+)`);
  }
  if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 1)) {
    report('/version', `version ${JSON.stringify(version)} must be a whole number from 1`);
  }
  if (title === undefined) report('/title', 'title is required');
  else if (typeof title !== 'string' || title.trim() === '') report('/title', 'title must be a non-empty string');
  if (uiSchema !== undefined && !isJsonObject(uiSchema)) report('/uiSchema', 'uiSchema must be a JSON object');

  let compiled: { draft: SchemaDraft; validate: ValidateFunction } | undefined;
  if (schema === undefined) report('/schema', 'schema is required');
  else if (!isJsonObject(schema)) report('/schema', 'schema must be a JSON Schema object');
  else compiled = compileSchema(schema, report);

  if (problems.length > 0 || !compiled) return { problems };
  return { problems: [], form: json as unknown as FormDefinition, ...compiled };
}

function checkLocation(
  path: string,
  schema: JsonObject,
  location: JsonObject,
  report: (path: string, message: string) => void,
): void {
  for (const keyword of Object.keys(location)) {
    if (!formSchemaCompiler.isKnownKeyword(schema, keyword)) {
      report(`${path}/${escapePointerSegment(keyword)}`, `unknown keyword ${JSON.stringify(keyword)}; annotations of your own must start with "x-"`);
    }
  }
  // A format that is no string is the meta-schema's to report.
  if (typeof location.format === 'string' && !isFormFormatName(location.format)) {
    report(
      `${path}/format`,
      `unknown format ${JSON.stringify(location.format)}; forms may use ${formFormatNames.map((name) => `"${name}"`).join(', ')}`,
    );
  }
  for (const [keyword, type] of Object.entries(typedAnnotationKeywords)) {
    if (location[keyword] !== undefined && typeof location[keyword] !== type) {
      report(`${path}/${keyword}`, `${keyword} must be ${type === 'boolean' ? 'true or false' : 'a string'}, not ${JSON.stringify(location[keyword])}`);
    }
  }
  // ajv compiles patterns with the u flag, so they are checked the same way.
  const patterns: Array<[string, unknown]> = [[`${path}/pattern`, location.pattern]];
  if (isJsonObject(location.patternProperties)) {
    for (const key of Object.keys(location.patternProperties)) {
      patterns.push([`${path}/patternProperties/${escapePointerSegment(key)}`, key]);
    }
  }
  for (const [patternPath, pattern] of patterns) {
    if (typeof pattern !== 'string') continue;
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      report(patternPath, `pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`);
    }
  }
}

function compileSchema(
  schema: JsonObject,
  report: (path: string, message: string) => void,
): { draft: SchemaDraft; validate: ValidateFunction } | undefined {
  let draft: SchemaDraft;
  try {
    draft = schemaDraftOf(schema);
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    report('/schema/$schema', error.message);
    return undefined;
  }

  // The meta-schema first: its errors carry exact paths, where a failed compile gives one summary line.
  const reportedPaths = new Set<string>();
  for (const error of formSchemaCompiler.metaSchemaErrors(schema)) {
    const path = '/schema' + error.instancePath;
    // One message per place: a bad `type` fails the enum, the array alternative and the anyOf around them.
    if (reportedPaths.has(path)) continue;
    reportedPaths.add(path);
    const allowed = (error.params as { allowedValues?: unknown }).allowedValues;
    const message = error.message ?? `fails the ${error.keyword} rule of the JSON Schema meta-schema`;
    report(path, Array.isArray(allowed) ? `${message}: ${allowed.map((value) => JSON.stringify(value)).join(', ')}` : message);
  }

  // Then what ajv would refuse one at a time, or not at all, each reported where it is.
  let locationProblems = false;
  const reportAt = (path: string, message: string): void => {
    report(path, message);
    locationProblems = true;
  };
  for (const { pointer, schema: location } of schemaLocations(schema)) {
    checkLocation('/schema' + pointer, schema, location, reportAt);
  }
  if (reportedPaths.size > 0 || locationProblems) return undefined;

  try {
    return { draft, validate: formSchemaCompiler.compile(schema) };
  } catch (error) {
    // Unknown keywords, unresolvable $refs, invalid patterns: ajv's message names the keyword and place.
    report('/schema', error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

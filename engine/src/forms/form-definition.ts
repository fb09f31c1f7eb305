/** A JSON object as JSON Schema and form files use it. */
export type JsonObject = Record<string, unknown>;

/**
 * A form as designers write it in forms/*.form.json and as deployment stores it (`forms.content`):
 * a JSON Schema (draft 2020-12 by default, or draft-07) for the data, and an rjsf uiSchema for the layout.
 */
export interface FormDefinition {
  /** A slug ([a-z0-9-]+); user tasks reference it as `gongzhi:form:<id>`. */
  id: string;
  /** Set by deployment; a deployed version never changes, which is what lets compiled validators be cached by it. */
  version?: number;
  title: string;
  schema: JsonObject;
  uiSchema?: JsonObject;
}

/** One thing wrong with a form definition: `path` is a JSON pointer into the form JSON (e.g. `/schema/properties/age/type`). */
export interface FormProblem {
  path: string;
  message: string;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

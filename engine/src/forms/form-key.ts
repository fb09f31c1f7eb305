import { FormError } from './form-error.js';

/** The prefix of `zeebe:formDefinition formKey` values that point at one of our forms. */
export const formKeyPrefix = 'gongzhi:form:';

/** Form ids are slugs so that they can sit in form keys, file names and URLs unescaped. */
export const formIdPattern = /^[a-z0-9-]+$/;

/** `gongzhi:form:intake` → `intake`; a bare id (`intake`) is accepted as itself. */
export function parseFormKey(formKey: string): string {
  if (typeof formKey !== 'string') throw new FormError(`A form key must be a string, not ${describe(formKey)}`);
  const id = formKey.startsWith(formKeyPrefix) ? formKey.slice(formKeyPrefix.length) : formKey;
  if (!formIdPattern.test(id)) {
    throw new FormError(
      `Form key "${formKey}" is not "${formKeyPrefix}<id>" or a bare form id, with the id a slug of lowercase letters, digits and hyphens`,
    );
  }
  return id;
}

/** The form key a user task uses to reference form `id`. */
export function formKeyOf(id: string): string {
  return formKeyPrefix + parseFormKey(id);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

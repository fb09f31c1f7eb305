import type { FormSummary } from '../../../app/api-types.js';

/** The prefix of `zeebe:formDefinition formKey` values that point at a Gongzhi form (as the server reads them). */
export const GONGZHI_FORM_KEY_PREFIX = 'gongzhi:form:';

export function formKeyOf(formId: string): string {
  return GONGZHI_FORM_KEY_PREFIX + formId;
}

/** The form id in a Gongzhi form key, or undefined for any other key. */
export function formIdOf(formKey: string | undefined): string | undefined {
  return formKey?.startsWith(GONGZHI_FORM_KEY_PREFIX) ? formKey.slice(GONGZHI_FORM_KEY_PREFIX.length) : undefined;
}

/**
 * The forms a user task may link to, shared between the page (which loads them from GET /v2/forms) and the
 * properties panel entry (which lists them); the panel re-renders when the list changes.
 */
export class FormCatalog {
  private forms: FormSummary[] = [];
  private readonly listeners = new Set<() => void>();

  list(): readonly FormSummary[] {
    return this.forms;
  }

  replace(forms: FormSummary[]): void {
    this.forms = [...forms].sort((a, b) => a.title.localeCompare(b.title, 'zh-CN') || a.id.localeCompare(b.id));
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

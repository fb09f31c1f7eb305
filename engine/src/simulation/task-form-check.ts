import type { DeployedForm, Definitions } from '../runtime/embedded/definitions.js';
import { FormError, parseFormKey, validateSubmission, type FormDefinition, type SubmissionError } from '../forms/index.js';

export interface FormRejection {
  formId: string;
  errors: SubmissionError[];
}

// Keyed by the deployed form so the compiled validator is reused within a run; the definition is handed over
// without a version, because every simulation's fresh store numbers its forms from 1 again and the shared
// cache of compiled forms keys versioned forms by id and version.
const definitionsByDeployment = new WeakMap<DeployedForm, FormDefinition>();

/**
 * Checks what a user task is completed with against the task's form, as the server does before completing a
 * task. Tasks without a form key, or with one that names no form deployed in this run, are not checked.
 */
export function checkTaskForm(definitions: Definitions, formKey: string | undefined, data: Record<string, unknown>): FormRejection | undefined {
  if (!formKey) return undefined;
  let formId: string;
  try {
    formId = parseFormKey(formKey);
  } catch (error) {
    if (error instanceof FormError) return undefined; // a key of another form system (e.g. Camunda Forms)
    throw error;
  }
  const deployed = definitions.latestForm(formId);
  if (!deployed) return undefined;
  let form = definitionsByDeployment.get(deployed);
  if (!form) {
    const { version: _version, ...content } = deployed.content as unknown as FormDefinition;
    form = content as FormDefinition;
    definitionsByDeployment.set(deployed, form);
  }
  const result = validateSubmission(form, data, 'en');
  return result.valid ? undefined : { formId, errors: result.errors };
}

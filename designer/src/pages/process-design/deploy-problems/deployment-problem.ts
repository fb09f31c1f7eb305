import { ApiError } from '../../../app/api.js';

/** One reason the server refused a deployment, as it lists them in problem+json `errors`. */
export interface DeploymentProblem {
  message: string;
  elementId?: string;
  resourceName?: string;
  line?: number;
  column?: number;
}

/** The per-element problems of a refused deployment; a refusal without a list becomes one problem with its detail. */
export function deploymentProblemsOf(error: unknown): DeploymentProblem[] {
  if (!(error instanceof ApiError)) return [{ message: error instanceof Error ? error.message : String(error) }];
  const listed = Array.isArray(error.problem.errors) ? (error.problem.errors as unknown[]) : [];
  const problems = listed.flatMap((entry): DeploymentProblem[] => {
    if (!entry || typeof entry !== 'object') return [];
    const e = entry as Record<string, unknown>;
    const message = typeof e.message === 'string' ? e.message : undefined;
    if (!message) return [];
    return [
      {
        message,
        elementId: typeof e.elementId === 'string' ? e.elementId : undefined,
        resourceName: typeof e.resourceName === 'string' ? e.resourceName : typeof e.field === 'string' ? e.field : undefined,
        line: typeof e.line === 'number' ? e.line : undefined,
        column: typeof e.column === 'number' ? e.column : undefined,
      },
    ];
  });
  return problems.length > 0 ? problems : [{ message: error.message }];
}

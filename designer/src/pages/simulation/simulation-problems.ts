import { ApiError } from '../../app/api.js';

/**
 * What the server found wrong with the scenario files, one line each. POST /v2/simulations answers 400 with
 * `errors: [{ field: "<file> <path>", message }]`; the file is one the page sent, so it is matched by name
 * (a name may itself hold spaces) and the rest is the path inside it.
 */
export interface InputProblem {
  file: string;
  path: string;
  message: string;
}

export function simulationInputProblems(error: unknown, fileNames: readonly string[]): InputProblem[] {
  if (!(error instanceof ApiError) || error.errors.length === 0) return [];
  // Longest name first, so that "a.yaml" does not claim a field of "a.yaml b.yaml".
  const names = [...fileNames].sort((a, b) => b.length - a.length);
  return error.errors.map(({ field, message }) => {
    const file = names.find((name) => field === name || field.startsWith(`${name} `));
    return file ? { file, path: field.slice(file.length).trim(), message } : { file: '', path: field, message };
  });
}

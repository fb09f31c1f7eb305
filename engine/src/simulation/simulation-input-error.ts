/** One thing wrong with what a simulation was given: the file, where in it (a path like `scenarios[0].steps[2]`) and what. */
export interface InputProblem {
  file: string;
  /** Where in the file: a dotted path with indexes, or `line 3, column 7` for syntax errors; empty for the whole file. */
  path: string;
  message: string;
}

/**
 * A simulation that cannot start: a scenario file that does not parse or says something impossible, a resource
 * that does not deploy, a process no resource defines. Every problem found is listed, so one run shows them all.
 */
export class SimulationInputError extends Error {
  constructor(readonly problems: readonly InputProblem[]) {
    super(problems.map((p) => `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`).join('\n'));
    this.name = 'SimulationInputError';
  }
}

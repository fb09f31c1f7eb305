import { JobBpmnError, type JobWorker } from '../workers/job-worker.js';
import type { MockJob } from './scenario-file.js';
import type { SeededRandom } from './seeded-random.js';
import { generate } from './value-generator.js';

/**
 * A scenario's `mockJobs` entry as a job worker: it completes the job with its variables, throws its BPMN
 * error or fails the job (each failure costs a retry; the last one raises an incident, as in production).
 * In what-if runs the outcome and the values are drawn per job from `random`.
 */
export function mockJobWorker(type: string, mock: MockJob, random?: SeededRandom): JobWorker {
  return {
    type,
    handle() {
      const outcome = chosen(mock, random);
      switch (outcome.kind) {
        case 'complete':
          return drawn(outcome.variables, random);
        case 'error':
          throw new JobBpmnError(outcome.errorCode, outcome.errorMessage ?? '', drawn(outcome.variables, random));
        case 'fail':
          throw new Error(outcome.errorMessage);
      }
    },
  };
}

function chosen(mock: MockJob, random: SeededRandom | undefined): Exclude<MockJob, { kind: 'choice' }> {
  if (mock.kind !== 'choice') return mock;
  if (!random) throw new Error('a choice of job outcomes needs a what-if run (runs: N) to draw from');
  const total = mock.options.reduce((sum, o) => sum + o.weight, 0);
  let draw = random.next() * total;
  for (const option of mock.options) {
    draw -= option.weight;
    if (draw < 0) return chosen(option.mock, random);
  }
  return chosen(mock.options[mock.options.length - 1].mock, random);
}

function drawn(variables: Record<string, unknown>, random: SeededRandom | undefined): Record<string, unknown> {
  return random ? (generate(variables, random) as Record<string, unknown>) : variables;
}

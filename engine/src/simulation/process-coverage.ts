import type { ExecutableProcess } from '../model/executable-process.js';
import type { CoveredIds } from './case-tracker.js';
import type { ProcessReport } from './simulation-report.js';

export type ProcessCoverage = Pick<ProcessReport, 'elementCoverage' | 'flowCoverage' | 'takenElements' | 'untakenElements' | 'takenFlows' | 'untakenFlows'>;

/**
 * Element and sequence-flow coverage of a process over what its scenarios covered. Elements are its flow nodes
 * at every depth (sub-processes, boundary events and event sub-process starts included, the process itself
 * not); ids are listed in the order of the model.
 */
export function processCoverage(process: ExecutableProcess, covered: readonly CoveredIds[]): ProcessCoverage {
  const elements = [...process.elements.values()].filter((e) => e.kind !== 'process').map((e) => e.id);
  const flows = [...process.flows.keys()];
  const takenElement = (id: string) => covered.some((c) => c.elements.has(id));
  const takenFlow = (id: string) => covered.some((c) => c.flows.has(id));
  const takenElements = elements.filter(takenElement);
  const takenFlows = flows.filter(takenFlow);
  return {
    elementCoverage: ratio(takenElements.length, elements.length),
    flowCoverage: ratio(takenFlows.length, flows.length),
    takenElements,
    untakenElements: elements.filter((id) => !takenElement(id)),
    takenFlows,
    untakenFlows: flows.filter((id) => !takenFlow(id)),
  };
}

/** A share rounded to four places; a process without flows has nothing left to cover. */
function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 10_000) / 10_000;
}

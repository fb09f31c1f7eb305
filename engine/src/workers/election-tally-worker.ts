import { tallyElection, TallyInputError } from '../election/index.js';
import { JobInputError } from './job-input-error.js';
import type { JobWorker } from './job-worker.js';

export const ELECTION_TALLY_TASK_TYPE = 'gongzhi.election.tally';

/**
 * `gongzhi.election.tally`: 计票 of an owners' committee election from the variables owners, ballots, candidates
 * and seats. Completes with the tally's fields as variables: quorumMet, participation, results, elected,
 * partyShare, warnings.
 */
export function electionTallyWorker(): JobWorker {
  return {
    type: ELECTION_TALLY_TASK_TYPE,
    fetchVariables: ['owners', 'ballots', 'candidates', 'seats'],
    handle(job) {
      const { owners, ballots, candidates, seats } = job.variables as Record<string, any>;
      try {
        const result = tallyElection({ owners, ballots, candidates, seats });
        return { ...result };
      } catch (error) {
        // Malformed election data is fixed by correcting the register or the ballots, not by retrying.
        if (error instanceof TallyInputError) throw new JobInputError(ELECTION_TALLY_TASK_TYPE, `variable ${error.field}`, error.message.slice(error.field.length + 2));
        throw error;
      }
    },
  };
}

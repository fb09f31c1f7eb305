/** The owners' committee election tally, the logic behind the `gongzhi.election.tally` job worker. */
export { tallyElection } from './tally-election.js';
export { TallyInputError } from './tally-input-error.js';
export type { Ballot, Candidate, OwnerUnit, TallyInput } from './tally-input.js';
export type { CandidateTally, TallyResult, TallyWarning, TallyWarningCode } from './tally-result.js';

import { TallyInputError } from './tally-input-error.js';
import { readArray, readId, readRecord } from './tally-input.js';

export interface SlateCandidate {
  id: string;
  isPartyMember: boolean;
  /** Position on the slate as given; orders the display of candidates that rank equal. */
  position: number;
}

/** The candidates on the announced slate (候选人名单), by id. */
export type CandidateSlate = Map<string, SlateCandidate>;

export function readCandidateSlate(candidatesInput: unknown): CandidateSlate {
  const candidates = readArray(candidatesInput, 'candidates');
  if (candidates.length === 0) throw new TallyInputError('candidates', 'the slate is empty; there is no one to elect');

  const slate: CandidateSlate = new Map();
  candidates.forEach((raw, position) => {
    const at = `candidates[${position}]`;
    const candidate = readRecord(raw, at);
    const id = readId(candidate.id, `${at}.id`);
    if (typeof candidate.isPartyMember !== 'boolean') {
      throw new TallyInputError(`${at}.isPartyMember`, 'must be true or false');
    }
    const earlier = slate.get(id);
    if (earlier) {
      throw new TallyInputError(`${at}.id`, `candidate '${id}' is already on the slate at candidates[${earlier.position}]`);
    }
    slate.set(id, { id, isPartyMember: candidate.isPartyMember, position });
  });
  return slate;
}

import type { CandidateSlate } from './candidate-slate.js';
import type { OwnerRegister, VotingOwner } from './owner-register.js';
import { TallyInputError } from './tally-input-error.js';
import { readArray, readId, readRecord } from './tally-input.js';
import type { TallyWarning } from './tally-result.js';

/** A ballot that counts: its owner took part; `candidateIds` are the valid distinct choices (empty if void or blank). */
export interface CountedBallot {
  owner: VotingOwner;
  candidateIds: string[];
}

/**
 * Opens the ballot box: malformed ballots are input errors; ballots that are well formed but cannot count as cast
 * (unknown owner group, second ballot of one owner, unknown or too many choices) are set aside with a warning, so the
 * 监票人 can see every decision taken on a ballot.
 */
export function countBallots(
  ballotsInput: unknown,
  register: OwnerRegister,
  slate: CandidateSlate,
  seats: number,
  warnings: TallyWarning[],
): CountedBallot[] {
  const ballots = readArray(ballotsInput, 'ballots');
  const counted: CountedBallot[] = [];
  const ownersWhoVoted = new Map<VotingOwner, string>();

  ballots.forEach((raw, index) => {
    const at = `ballots[${index}]`;
    const ballot = readRecord(raw, at);
    const ownerGroupId = readId(ballot.ownerGroupId, `${at}.ownerGroupId`);
    const choices = readArray(ballot.choices, `${at}.choices`).map((choice, j) => readId(choice, `${at}.choices[${j}]`));

    const owner = register.ownerByGroupId.get(ownerGroupId);
    if (!owner) {
      warnings.push({
        code: 'BALLOT_UNKNOWN_OWNER_GROUP',
        message: `A ballot of owner group '${ownerGroupId}' was rejected: the group is not in the owner register.`,
      });
      return;
    }
    // Only one ballot per owner: the developer's groups all speak for the one developer owner.
    const firstGroup = ownersWhoVoted.get(owner);
    if (firstGroup !== undefined) {
      warnings.push({
        code: 'BALLOT_DUPLICATE',
        message:
          `A further ballot of owner group '${ownerGroupId}' was rejected: this owner already returned a ballot` +
          (firstGroup === ownerGroupId ? '' : ` (as group '${firstGroup}')`) +
          '; only the first one counts.',
      });
      return;
    }
    ownersWhoVoted.set(owner, ownerGroupId);

    const distinct = [...new Set(choices)];
    const unknown = distinct.filter((id) => !slate.has(id));
    const known = distinct.filter((id) => slate.has(id));
    if (unknown.length > 0) {
      warnings.push({
        code: 'CHOICE_UNKNOWN_CANDIDATE',
        message:
          `The ballot of owner group '${ownerGroupId}' chose ${unknown.map((id) => `'${id}'`).join(', ')}, ` +
          'not on the candidate slate; those choices are ignored.',
      });
    }
    // Unknown ids are already disregarded, so only choices of real candidates can exceed the seats.
    if (known.length > seats) {
      warnings.push({
        code: 'BALLOT_TOO_MANY_CHOICES',
        message:
          `The ballot of owner group '${ownerGroupId}' chose ${known.length} candidates for ${seats} seat(s); ` +
          'its choices are void, but the owner counts as having taken part.',
      });
      counted.push({ owner, candidateIds: [] });
      return;
    }
    counted.push({ owner, candidateIds: known });
  });

  return counted;
}

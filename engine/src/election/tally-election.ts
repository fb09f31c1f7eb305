import { countBallots } from './ballot-box.js';
import { readCandidateSlate, type SlateCandidate } from './candidate-slate.js';
import { formatArea } from './exclusive-area.js';
import { displayRatio, reachesTwoThirds } from './owner-decision-thresholds.js';
import { buildOwnerRegister } from './owner-register.js';
import { measurePartyShare } from './party-share.js';
import { allocateSeats, type CandidateCount } from './seat-allocation.js';
import { readSeats, readTallyInputObject, type TallyInput } from './tally-input.js';
import type { TallyResult, TallyWarning } from './tally-result.js';

/**
 * 计票 for an owners' committee election (民法典 art. 278): quorum of 2/3 of the exclusive area and 2/3 of the
 * owners; a candidate needs more than half of the participating area and of the participating owners; the best of
 * those fill the seats. Pure: the same input always gives the same result, whatever the order of owners or ballots
 * (except which of one owner's several ballots comes first).
 */
export function tallyElection(input: TallyInput): TallyResult {
  const fields = readTallyInputObject(input);
  const seats = readSeats(fields.seats);
  const slate = readCandidateSlate(fields.candidates);
  const register = buildOwnerRegister(fields.owners);
  const warnings: TallyWarning[] = [];
  const ballots = countBallots(fields.ballots, register, slate, seats, warnings);

  const participation = { area: 0n, owners: 0 };
  const counts = new Map<string, CandidateCount>();
  for (const candidate of slate.values()) {
    counts.set(candidate.id, { candidateId: candidate.id, area: 0n, owners: 0, position: candidate.position });
  }
  for (const ballot of ballots) {
    participation.area += ballot.owner.area;
    participation.owners += 1;
    for (const id of ballot.candidateIds) {
      const count = counts.get(id)!;
      count.area += ballot.owner.area;
      count.owners += 1;
    }
  }

  const totalOwners = register.owners.length;
  const quorumMet =
    reachesTwoThirds(participation.area, register.totalArea) &&
    reachesTwoThirds(BigInt(participation.owners), BigInt(totalOwners));

  const allocation = allocateSeats([...counts.values()], participation, seats);
  const elected = quorumMet ? allocation.elected : [];
  const electedIds = new Set(elected.map((c) => c.candidateId));

  if (!quorumMet) {
    warnings.push({
      code: 'QUORUM_NOT_MET',
      message:
        `Participation is ${formatArea(participation.area)} of ${formatArea(register.totalArea)} m² and ` +
        `${participation.owners} of ${totalOwners} owners; both must reach 2/3. Nobody is elected: extend the ` +
        'voting window or convene the meeting again.',
    });
  } else {
    if (allocation.tiedForLastSeat.length > 0) {
      const tied = allocation.tiedForLastSeat;
      warnings.push({
        code: 'TIE_AT_LAST_SEAT',
        message:
          `${tied.map((c) => `'${c.candidateId}'`).join(', ')} tie with ${tied[0].owners} owners and ` +
          `${formatArea(tied[0].area)} m² each for ${allocation.contestedSeats} remaining seat(s); none of them is ` +
          'elected to it, the seat(s) need a further vote.',
        candidateIds: tied.map((c) => c.candidateId),
      });
    }
    if (elected.length < seats) {
      const open = seats - elected.length;
      const short = Math.max(0, open - allocation.contestedSeats);
      warnings.push({
        code: 'SEATS_UNFILLED',
        message:
          `${open} of ${seats} seat(s) remain unfilled` +
          (allocation.contestedSeats > 0 ? ` (${allocation.contestedSeats} because of a tie)` : '') +
          (short > 0 ? `; ${allocation.qualified.length} candidate(s) won more than half of both the area and the owners` : '') +
          ': hold a 另行选举 or fill them from the 候补 list.',
      });
    }
  }

  const electedCandidates: SlateCandidate[] = elected.map((c) => slate.get(c.candidateId)!);
  const party = measurePartyShare(electedCandidates);
  if (party.warning) warnings.push(party.warning);

  return {
    quorumMet,
    participation: {
      area: formatArea(participation.area),
      owners: participation.owners,
      totalArea: formatArea(register.totalArea),
      totalOwners,
      areaRatio: displayRatio(participation.area, register.totalArea),
      ownerRatio: displayRatio(BigInt(participation.owners), BigInt(totalOwners)),
    },
    results: allocation.ranked.map((c) => ({
      candidateId: c.candidateId,
      area: formatArea(c.area),
      owners: c.owners,
      elected: electedIds.has(c.candidateId),
    })),
    elected: elected.map((c) => c.candidateId),
    partyShare: party.share,
    warnings,
  };
}

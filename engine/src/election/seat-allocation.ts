import { exceedsHalf } from './owner-decision-thresholds.js';

export interface CandidateCount {
  candidateId: string;
  /** Ten-thousandths of a m². */
  area: bigint;
  owners: number;
  /** Slate order; breaks display ties only, never a seat. */
  position: number;
}

export interface SeatAllocation {
  /** All candidates in rank order. */
  ranked: CandidateCount[];
  /** Candidates with more than half of the participating area and owners, in rank order. */
  qualified: CandidateCount[];
  elected: CandidateCount[];
  /** Candidates tied for the last seat(s), none of them elected; empty when there is no such tie. */
  tiedForLastSeat: CandidateCount[];
  /** Seats left open because of that tie. */
  contestedSeats: number;
}

/**
 * Rank order: more owners first, then more area. Owners come first because each owner casts one ballot: the head
 * count is the vote, the area its weight, and both must already exceed half for a candidate to qualify at all.
 * Candidates equal on both figures are equal in rank; slate position only orders how they are listed.
 */
export function compareByOwnersThenArea(a: CandidateCount, b: CandidateCount): number {
  if (a.owners !== b.owners) return b.owners - a.owners;
  if (a.area !== b.area) return a.area > b.area ? -1 : 1;
  return 0;
}

/**
 * Fills the seats from the qualified candidates in rank order. When candidates of equal rank straddle the last seat,
 * the law gives no way to choose between them, so none of them is elected and those seats stay open for a 另行选举.
 */
export function allocateSeats(
  counts: CandidateCount[],
  participation: { area: bigint; owners: number },
  seats: number,
): SeatAllocation {
  const ranked = [...counts].sort((a, b) => compareByOwnersThenArea(a, b) || a.position - b.position);
  const qualified = ranked.filter(
    (c) => exceedsHalf(c.area, participation.area) && exceedsHalf(BigInt(c.owners), BigInt(participation.owners)),
  );
  if (qualified.length <= seats) {
    return { ranked, qualified, elected: qualified, tiedForLastSeat: [], contestedSeats: 0 };
  }

  const lastSeatHolder = qualified[seats - 1];
  const firstOfTie = qualified.findIndex((c) => compareByOwnersThenArea(c, lastSeatHolder) === 0);
  const tie = qualified.filter((c) => compareByOwnersThenArea(c, lastSeatHolder) === 0);
  if (firstOfTie + tie.length <= seats) {
    // The equal-ranked group ends exactly at the last seat: everyone in it fits.
    return { ranked, qualified, elected: qualified.slice(0, seats), tiedForLastSeat: [], contestedSeats: 0 };
  }
  return {
    ranked,
    qualified,
    elected: qualified.slice(0, firstOfTie),
    tiedForLastSeat: tie,
    contestedSeats: seats - firstOfTie,
  };
}

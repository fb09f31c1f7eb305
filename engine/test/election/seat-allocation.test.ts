import { describe, it, expect } from 'vitest';
import { allocateSeats, type CandidateCount } from '../../src/election/seat-allocation.js';

const count = (candidateId: string, owners: number, area: bigint, position: number): CandidateCount => ({
  candidateId,
  owners,
  area,
  position,
});
const ids = (list: CandidateCount[]) => list.map((c) => c.candidateId);

describe('allocateSeats', () => {
  // 5 participating owners with 440 m² (in ten-thousandths): half is 2.5 owners and 220 m².
  const participation = { area: 4_400_000n, owners: 5 };

  it('ranks more owners above more area', () => {
    const many = count('many', 4, 2_400_000n, 1);
    const big = count('big', 3, 3_200_000n, 0);
    const allocation = allocateSeats([big, many], participation, 1);
    expect(ids(allocation.ranked)).toEqual(['many', 'big']);
    expect(ids(allocation.elected)).toEqual(['many']);
  });

  it('leaves the contested seats open when a tie straddles the last one', () => {
    const counts = [
      count('a', 5, 4_400_000n, 0),
      count('b', 4, 3_000_000n, 1),
      count('c', 4, 3_000_000n, 2),
      count('d', 4, 3_000_000n, 3),
      count('e', 3, 3_000_000n, 4),
    ];
    const allocation = allocateSeats(counts, participation, 3);
    expect(ids(allocation.elected)).toEqual(['a']);
    expect(ids(allocation.tiedForLastSeat)).toEqual(['b', 'c', 'd']);
    expect(allocation.contestedSeats).toBe(2);
    // With four seats the tied three fit exactly.
    const roomy = allocateSeats(counts, participation, 4);
    expect(ids(roomy.elected)).toEqual(['a', 'b', 'c', 'd']);
    expect(roomy.tiedForLastSeat).toEqual([]);
  });

  it('ignores ties below the seats', () => {
    const counts = [count('a', 5, 4_400_000n, 0), count('b', 3, 2_300_000n, 1), count('c', 3, 2_300_000n, 2)];
    const allocation = allocateSeats(counts, participation, 1);
    expect(ids(allocation.elected)).toEqual(['a']);
    expect(allocation.tiedForLastSeat).toEqual([]);
  });

  it('never seats a candidate at or below half', () => {
    const counts = [count('halfOwners', 2, 4_000_000n, 0), count('halfArea', 5, 2_200_000n, 1)];
    const allocation = allocateSeats(counts, participation, 2);
    expect(allocation.qualified).toEqual([]);
    expect(allocation.elected).toEqual([]);
  });
});

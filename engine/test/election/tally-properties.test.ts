import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tallyElection, type Ballot, type OwnerUnit, type TallyInput, type TallyResult } from '../../src/election/index.js';

// The tests read and write areas with their own decimal code, so that a bug in the module's arithmetic cannot hide
// behind the same bug in the check.
function toTenThousandths(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0'));
}
function fourDecimals(units: number): string {
  return `${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, '0')}`;
}

const BUYER_GROUPS = ['G0', 'G1', 'G2', 'G3', 'G4', 'G5'];
const DEVELOPER_GROUPS = ['DEV-A', 'DEV-B'];
const ALL_GROUPS = [...BUYER_GROUPS, ...DEVELOPER_GROUPS];
/** The owner a group counts as: every developer group is the one developer. */
const ownerOf = (group: string) => (DEVELOPER_GROUPS.includes(group) ? 'DEV' : group);

interface GeneratedUnit {
  group: string;
  /** Ten-thousandths of a m². */
  area: number;
  asNumber: boolean;
}

const unitArb: fc.Arbitrary<GeneratedUnit> = fc.record({
  group: fc.constantFrom(...ALL_GROUPS),
  // Round areas recur, so that different owners often hold equal areas.
  area: fc.oneof(
    { arbitrary: fc.constantFrom(500_000, 1_000_000), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 2_000_000 }), weight: 1 },
  ),
  asNumber: fc.boolean(),
});

/** 360360 is divisible by 1..14, so an owner's 36.036 m² splits evenly over up to 14 units. */
function equalShare(units: GeneratedUnit[], unit: GeneratedUnit): number {
  return 360_360 / units.filter((u) => ownerOf(u.group) === ownerOf(unit.group)).length;
}

function unitFrom(u: GeneratedUnit, unitId: string): OwnerUnit {
  const text = fourDecimals(u.area);
  return {
    unitId,
    ownerGroupId: u.group,
    area: u.asNumber ? Number(text) : text,
    ...(DEVELOPER_GROUPS.includes(u.group) ? { developerUnsold: true } : {}),
  };
}

/** Indices past the slate become unknown candidate ids. */
const choiceArb = fc.integer({ min: 0, max: 6 });
/**
 * A voter's choices: c0 is popular and c1/c2 equally so, which makes majorities common; now and then a stray id is
 * added, which may be an unknown candidate or push the ballot over the seats.
 */
const votingChoicesArb = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }), fc.option(choiceArb, { freq: 8 }))
  .map(([draws, stray]) => {
    const picked = draws.flatMap((draw, k) => (draw < [8, 6, 6][k] ? [k] : []));
    return stray === null ? picked : [...picked, stray];
  });

const inputArb: fc.Arbitrary<TallyInput> = fc
  .record({
    units: fc.array(unitArb, { minLength: 1, maxLength: 14 }),
    // In an estate of equal owners every owner holds the same total area, so equal head counts mean equal areas
    // and ties at the last seat are common.
    equalOwners: fc.boolean(),
    party: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    // In a pairs election two seats are filled and every voter picks two of c0..c2, so three candidates can pass
    // half and a tie at the last seat is common.
    pairs: fc.boolean(),
    seats: fc.integer({ min: 1, max: 4 }),
    // Most owners vote (so that the quorum is often met) and choose among the first candidates (so that candidates
    // often pass half and tie); a few extra ballots come from unknown groups or repeat an owner.
    ballots: fc.array(
      fc.record({
        votes: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
        choices: votingChoicesArb,
        leftOut: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength: ALL_GROUPS.length, maxLength: ALL_GROUPS.length },
    ),
    extraBallots: fc.array(
      fc.record({ group: fc.constantFrom(...ALL_GROUPS, 'NOBODY'), choices: fc.array(choiceArb, { maxLength: 5 }) }),
      { maxLength: 2 },
    ),
  })
  .map(({ units, equalOwners, party, pairs, seats, ballots, extraBallots }) => ({
    owners: units.map((u, i) => unitFrom(equalOwners ? { ...u, area: equalShare(units, u) } : u, `U${i}`)),
    candidates: party.map((isPartyMember, i) => ({ id: `c${i}`, isPartyMember })),
    seats: pairs ? 2 : seats,
    ballots: [
      ...ballots.flatMap((b, i) => {
        const group = ALL_GROUPS[i];
        if (!b.votes || !units.some((u) => u.group === group)) return [];
        return [{ group, choices: pairs ? [0, 1, 2].filter((k) => k !== b.leftOut) : b.choices }];
      }),
      ...extraBallots,
    ].map((b) => ({ ownerGroupId: b.group, choices: b.choices.map((k) => `c${k}`) })),
  }));

/** Keeps each owner's first ballot only, so that the order of ballots carries no meaning. */
function firstBallotPerOwner(ballots: Ballot[]): Ballot[] {
  const seen = new Set<string>();
  return ballots.filter((b) => {
    const owner = ownerOf(b.ownerGroupId);
    if (seen.has(owner)) return false;
    seen.add(owner);
    return true;
  });
}

function permute<T>(items: T[], order: number[]): T[] {
  return order.map((i) => items[i]);
}
const permutationArb = (n: number) =>
  fc.shuffledSubarray(
    Array.from({ length: n }, (_, i) => i),
    { minLength: n, maxLength: n },
  );

/** The result with warnings in a canonical order; their order follows the ballots by design. */
function canonical(result: TallyResult) {
  return { ...result, warnings: [...result.warnings].map((w) => JSON.stringify(w)).sort() };
}

const UNQUALIFIED_CANDIDATE_WITH_MORE_OWNERS: TallyInput = {
  owners: [
    { unitId: 'U0', ownerGroupId: 'G0', area: '0.0001' },
    { unitId: 'U1', ownerGroupId: 'G3', area: '50.0000' },
    { unitId: 'U2', ownerGroupId: 'DEV-A', area: '50.0000', developerUnsold: true },
    { unitId: 'U3', ownerGroupId: 'G2', area: '100.0000' },
    { unitId: 'U4', ownerGroupId: 'G2', area: '100.0000' },
    { unitId: 'U5', ownerGroupId: 'G5', area: '50.0000' },
  ],
  candidates: [
    { id: 'c0', isPartyMember: false },
    { id: 'c1', isPartyMember: false },
    { id: 'c2', isPartyMember: false },
  ],
  seats: 2,
  ballots: [
    { ownerGroupId: 'G0', choices: ['c0', 'c2'] },
    { ownerGroupId: 'G2', choices: ['c0', 'c1'] },
    { ownerGroupId: 'G3', choices: ['c1', 'c2'] },
    { ownerGroupId: 'G5', choices: ['c0', 'c2'] },
    { ownerGroupId: 'DEV-A', choices: ['c1', 'c2'] },
  ],
};

describe('tallyElection properties', () => {
  it('elects at most the seats, only with more than half of area and owners, and nobody without quorum', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = tallyElection(input);
        const part = toTenThousandths(result.participation.area);
        const total = toTenThousandths(result.participation.totalArea);
        const { owners, totalOwners } = result.participation;

        expect(result.elected.length).toBeLessThanOrEqual(input.seats);
        expect(new Set(result.elected).size).toBe(result.elected.length);
        expect(result.quorumMet).toBe(3n * part >= 2n * total && 3 * owners >= 2 * totalOwners);
        if (!result.quorumMet) expect(result.elected).toEqual([]);

        const byId = new Map(result.results.map((r) => [r.candidateId, r]));
        expect(result.results.map((r) => r.candidateId).sort()).toEqual(input.candidates.map((c) => c.id).sort());
        for (const id of result.elected) {
          const r = byId.get(id)!;
          expect(r.elected).toBe(true);
          expect(2n * toTenThousandths(r.area)).toBeGreaterThan(part);
          expect(2 * r.owners).toBeGreaterThan(owners);
        }
        expect(result.results.filter((r) => r.elected).length).toBe(result.elected.length);

        /** More than half of the participating area and owners: what a candidate needs to be elected. */
        const qualified = (r: { area: string; owners: number }) => 2n * toTenThousandths(r.area) > part && 2 * r.owners > owners;

        // A qualified candidate left out while seats are open must be in a reported tie.
        const tied = new Set(result.warnings.flatMap((w) => (w.code === 'TIE_AT_LAST_SEAT' ? w.candidateIds ?? [] : [])));
        if (result.quorumMet && result.elected.length < input.seats) {
          for (const r of result.results) {
            if (qualified(r) && !r.elected) expect(tied.has(r.candidateId)).toBe(true);
          }
        }
        // No qualified candidate left out ranks above or level with somebody elected: no tie is ever broken silently.
        // (An unqualified candidate may have more owners than a winner and still lack half of the area.)
        for (const loser of result.results.filter((r) => !r.elected && result.quorumMet && qualified(r))) {
          for (const id of result.elected) {
            const winner = byId.get(id)!;
            const loserAheadOrLevel =
              loser.owners > winner.owners ||
              (loser.owners === winner.owners && toTenThousandths(loser.area) >= toTenThousandths(winner.area));
            expect(loserAheadOrLevel).toBe(false);
          }
        }

        const partyElected = result.elected.filter((id) => input.candidates.find((c) => c.id === id)!.isPartyMember);
        expect(result.partyShare).toBe(result.elected.length === 0 ? 0 : partyElected.length / result.elected.length);
        const partyWarning = result.warnings.some((w) => w.code === 'PARTY_SHARE_BELOW_HALF');
        expect(partyWarning).toBe(result.elected.length > 0 && 2 * partyElected.length < result.elected.length);
      }),
      // CI once found this: c2 has more owners than both winners but lacks half of the area.
      { numRuns: 500, examples: [[UNQUALIFIED_CANDIDATE_WITH_MORE_OWNERS]] },
    );
  });

  it('counts owners by group, the developer once, and sums areas exactly', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = tallyElection(input);
        const ownerKeys = new Set(input.owners.map((u) => ownerOf(u.ownerGroupId)));
        expect(result.participation.totalOwners).toBe(ownerKeys.size);
        const exactTotal = input.owners.reduce((sum, u) => sum + toTenThousandths(String(u.area)), 0n);
        expect(toTenThousandths(result.participation.totalArea)).toBe(exactTotal);

        const knownVoters = new Set(
          input.ballots.map((b) => b.ownerGroupId).filter((g) => input.owners.some((u) => u.ownerGroupId === g)).map(ownerOf),
        );
        expect(result.participation.owners).toBe(knownVoters.size);
        const voterArea = input.owners
          .filter((u) => knownVoters.has(ownerOf(u.ownerGroupId)))
          .reduce((sum, u) => sum + toTenThousandths(String(u.area)), 0n);
        expect(toTenThousandths(result.participation.area)).toBe(voterArea);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of owners or of ballots', () => {
    const arb = inputArb
      .map((input) => ({ ...input, ballots: firstBallotPerOwner(input.ballots) }))
      .chain((input) =>
        fc.tuple(fc.constant(input), permutationArb(input.owners.length), permutationArb(input.ballots.length)),
      );
    fc.assert(
      fc.property(arb, ([input, ownerOrder, ballotOrder]) => {
        const shuffled = { ...input, owners: permute(input.owners, ownerOrder), ballots: permute(input.ballots, ballotOrder) };
        expect(canonical(tallyElection(shuffled))).toEqual(canonical(tallyElection(input)));
      }),
      { numRuns: 300 },
    );
  });

  it('does not change when one owner\'s unit is split into two units of the same group', () => {
    const arb = inputArb
      .filter((input) => input.owners.some((u) => toTenThousandths(String(u.area)) >= 2n))
      .chain((input) => {
        const splittable = input.owners.map((u, i) => i).filter((i) => toTenThousandths(String(input.owners[i].area)) >= 2n);
        return fc.tuple(fc.constant(input), fc.constantFrom(...splittable), fc.double({ min: 0, max: 1, noNaN: true }));
      });
    fc.assert(
      fc.property(arb, ([input, index, fraction]) => {
        const unit = input.owners[index];
        const whole = toTenThousandths(String(unit.area));
        const first = 1n + BigInt(Math.floor(fraction * Number(whole - 2n)));
        const second = whole - first;
        const split = [
          ...input.owners.slice(0, index),
          { ...unit, area: fourDecimals(Number(first)) },
          { ...unit, unitId: `${unit.unitId}-split`, area: fourDecimals(Number(second)) },
          ...input.owners.slice(index + 1),
        ];
        const before = tallyElection(input);
        const after = tallyElection({ ...input, owners: split });
        expect(after.participation.totalOwners).toBe(before.participation.totalOwners);
        expect(after).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('never raises participation when an owner who did not vote is added', () => {
    const arb = fc.tuple(inputArb, fc.integer({ min: 1, max: 2_000_000 }));
    fc.assert(
      fc.property(arb, ([input, area]) => {
        const before = tallyElection(input);
        const after = tallyElection({
          ...input,
          owners: [...input.owners, { unitId: 'NEW-1', ownerGroupId: 'NEWCOMER', area: fourDecimals(area) }],
        });
        expect(after.participation.totalOwners).toBe(before.participation.totalOwners + 1);
        expect(after.participation.area).toBe(before.participation.area);
        expect(after.participation.owners).toBe(before.participation.owners);
        expect(after.participation.areaRatio).toBeLessThanOrEqual(before.participation.areaRatio);
        expect(after.participation.ownerRatio).toBeLessThanOrEqual(before.participation.ownerRatio);
        if (!before.quorumMet) expect(after.quorumMet).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('sums decimal areas given as numbers without float drift', () => {
    const arb = fc.array(fc.integer({ min: 1, max: 99_999 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(arb, (areas) => {
        // Numbers such as 0.1, 0.2, 1.0003: their float sum drifts, the tally must not.
        const owners = areas.map((a, i) => ({ unitId: `u${i}`, ownerGroupId: `g${i}`, area: Number(fourDecimals(a)) }));
        const result = tallyElection({
          owners,
          ballots: owners.map((o) => ({ ownerGroupId: o.ownerGroupId, choices: ['c'] })),
          candidates: [{ id: 'c', isPartyMember: true }],
          seats: 1,
        });
        const exact = areas.reduce((sum, a) => sum + BigInt(a), 0n);
        expect(toTenThousandths(result.participation.totalArea)).toBe(exact);
        expect(result.participation.area).toBe(result.participation.totalArea);
        expect(result.results[0].area).toBe(result.participation.totalArea);
        expect(result.participation.areaRatio).toBe(1);
        expect(result.elected).toEqual(['c']);
      }),
      { numRuns: 300 },
    );
  });
});

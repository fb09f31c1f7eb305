import { describe, it, expect } from 'vitest';
import { tallyElection, type Ballot, type OwnerUnit, type TallyInput } from '../../src/election/index.js';

/** Owners with one unit each, group id = unit id, for examples where only areas matter. */
function singleUnitOwners(areas: Record<string, number | string>): OwnerUnit[] {
  return Object.entries(areas).map(([id, area]) => ({ unitId: id, ownerGroupId: id, area }));
}

function codes(input: TallyInput): string[] {
  return tallyElection(input).warnings.map((w) => w.code);
}

describe('a small estate with the developer\'s unsold units and a multi-unit owner', () => {
  // Total 650 m², 6 owners: A, B, C (two units), D, E, and the developer (two unsold units in different groups).
  const owners: OwnerUnit[] = [
    { unitId: '1-101', ownerGroupId: 'A', area: 100 },
    { unitId: '1-102', ownerGroupId: 'B', area: '100.0000' },
    { unitId: '2-201', ownerGroupId: 'C', area: '80.5' },
    { unitId: '2-202', ownerGroupId: 'C', area: 19.5 },
    { unitId: '3-301', ownerGroupId: 'DEV', area: 100, developerUnsold: true },
    { unitId: '3-302', ownerGroupId: 'DEV-302', area: '50', developerUnsold: true },
    { unitId: '4-401', ownerGroupId: 'D', area: 100 },
    { unitId: '4-402', ownerGroupId: 'E', area: 100 },
  ];
  const candidates = [
    { id: 'c1', isPartyMember: true },
    { id: 'c2', isPartyMember: false },
    { id: 'c3', isPartyMember: true },
  ];
  const ballots: Ballot[] = [
    { ownerGroupId: 'A', choices: ['c1', 'c2'] },
    { ownerGroupId: 'B', choices: ['c1'] },
    { ownerGroupId: 'C', choices: ['c1', 'c3'] },
    { ownerGroupId: 'DEV-302', choices: ['c2', 'c3'] },
    { ownerGroupId: 'D', choices: ['c2'] },
  ];

  it('counts the developer once and C once with all of C\'s area, and ranks an owners tie by area', () => {
    const result = tallyElection({ owners, ballots, candidates, seats: 2 });
    expect(result.participation).toEqual({
      area: '550',
      owners: 5,
      totalArea: '650',
      totalOwners: 6,
      areaRatio: 550 / 650,
      ownerRatio: 5 / 6,
    });
    expect(result.quorumMet).toBe(true);
    // c1: A+B+C = 3 owners, 300 m²; c2: A+developer+D = 3 owners, 350 m²; c3: C+developer = 2 owners, 250 m².
    // Half is 2.5 owners and 275 m²: c3 falls short; c1 and c2 tie on owners and c2 leads on area.
    expect(result.results).toEqual([
      { candidateId: 'c2', area: '350', owners: 3, elected: true },
      { candidateId: 'c1', area: '300', owners: 3, elected: true },
      { candidateId: 'c3', area: '250', owners: 2, elected: false },
    ]);
    expect(result.elected).toEqual(['c2', 'c1']);
    expect(result.partyShare).toBe(0.5);
    expect(result.warnings).toEqual([]);
  });

  it('rejects a second developer ballot under its other group id', () => {
    const result = tallyElection({
      owners,
      ballots: [...ballots, { ownerGroupId: 'DEV', choices: ['c3'] }],
      candidates,
      seats: 2,
    });
    expect(result.participation.owners).toBe(5);
    expect(result.results.find((r) => r.candidateId === 'c3')).toMatchObject({ area: '250', owners: 2 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0].code).toBe('BALLOT_DUPLICATE');
    expect(result.warnings[0].message).toContain("'DEV-302'");
  });

  it('would count 7 owners if the developer\'s units were sold to two buyers', () => {
    const sold = owners.map((u) => ({ ...u, developerUnsold: false }));
    expect(tallyElection({ owners: sold, ballots, candidates, seats: 2 }).participation.totalOwners).toBe(7);
  });
});

describe('quorum (2/3 of area AND 2/3 of owners)', () => {
  // One large owner of 600 m² and five owners of 80 m²: 1000 m², 6 owners.
  const owners = singleUnitOwners({ X: 600, S1: 80, S2: 80, S3: 80, S4: 80, S5: 80 });
  const candidates = [{ id: 'c1', isPartyMember: true }];
  const voting = (groups: string[]): Ballot[] => groups.map((g) => ({ ownerGroupId: g, choices: ['c1'] }));

  it('fails on area although 2/3 of the owners took part, and elects nobody', () => {
    const result = tallyElection({ owners, ballots: voting(['S1', 'S2', 'S3', 'S4']), candidates, seats: 1 });
    expect(result.participation).toMatchObject({ area: '320', owners: 4, totalOwners: 6 });
    expect(result.quorumMet).toBe(false);
    expect(result.elected).toEqual([]);
    expect(result.results).toEqual([{ candidateId: 'c1', area: '320', owners: 4, elected: false }]);
    expect(result.partyShare).toBe(0);
    expect(result.warnings.map((w) => w.code)).toEqual(['QUORUM_NOT_MET']);
    expect(result.warnings[0].message).toContain('320 of 1000 m²');
  });

  it('fails on owners although 2/3 of the area took part', () => {
    const result = tallyElection({ owners, ballots: voting(['X', 'S1']), candidates, seats: 1 });
    expect(result.participation).toMatchObject({ area: '680', owners: 2 });
    expect(result.quorumMet).toBe(false);
    expect(result.elected).toEqual([]);
    expect(codes({ owners, ballots: voting(['X', 'S1']), candidates, seats: 1 })).toEqual(['QUORUM_NOT_MET']);
  });

  it('is met at exactly 2/3 of both', () => {
    const three = singleUnitOwners({ P: 100, Q: 100, R: 100 });
    const result = tallyElection({ owners: three, ballots: voting(['P', 'Q']), candidates, seats: 1 });
    expect(result.quorumMet).toBe(true);
    expect(result.participation.areaRatio).toBeCloseTo(2 / 3, 12);
    expect(result.elected).toEqual(['c1']);
  });

  it('is missed by 0.0001 m² below 2/3 of the area', () => {
    const three = singleUnitOwners({ P: 100, Q: 100, R: '100.0001' });
    const result = tallyElection({ owners: three, ballots: voting(['P', 'Q']), candidates, seats: 1 });
    expect(result.participation.totalArea).toBe('300.0001');
    expect(result.quorumMet).toBe(false);
    expect(result.elected).toEqual([]);
  });
});

describe('election threshold (more than half of participating area AND owners)', () => {
  // All four owners take part: 400 m², 4 owners; half is 200 m² and 2 owners.
  const candidates = [
    { id: 'halfArea', isPartyMember: true },
    { id: 'halfOwners', isPartyMember: true },
    { id: 'both', isPartyMember: true },
  ];
  const ballots: Ballot[] = [
    { ownerGroupId: 'P', choices: ['halfOwners', 'both'] },
    { ownerGroupId: 'Q', choices: ['halfArea', 'halfOwners', 'both'] },
    { ownerGroupId: 'R', choices: ['halfArea', 'both'] },
    { ownerGroupId: 'S', choices: ['halfArea'] },
  ];

  it('does not elect with exactly half of the area or exactly half of the owners', () => {
    const owners = singleUnitOwners({ P: 200, Q: 50, R: 50, S: 100 });
    const result = tallyElection({ owners, ballots, candidates, seats: 3 });
    expect(result.quorumMet).toBe(true);
    expect(result.results).toEqual([
      { candidateId: 'both', area: '300', owners: 3, elected: true },
      { candidateId: 'halfArea', area: '200', owners: 3, elected: false },
      { candidateId: 'halfOwners', area: '250', owners: 2, elected: false },
    ]);
    expect(result.elected).toEqual(['both']);
    const unfilled = result.warnings.find((w) => w.code === 'SEATS_UNFILLED');
    expect(unfilled?.message).toContain('2 of 3 seat(s) remain unfilled');
  });

  it('elects once the area passes half by 0.0001 m²', () => {
    const owners = singleUnitOwners({ P: 200, Q: 50, R: 50, S: '100.0001' });
    const result = tallyElection({ owners, ballots, candidates, seats: 3 });
    expect(result.results.find((r) => r.candidateId === 'halfArea')).toEqual({
      candidateId: 'halfArea',
      area: '200.0001',
      owners: 3,
      elected: true,
    });
    expect(result.elected).toEqual(['both', 'halfArea']);
  });
});

describe('ties', () => {
  // Five owners of 100 m², all take part.
  const owners = singleUnitOwners({ O1: 100, O2: 100, O3: 100, O4: 100, O5: 100 });
  const candidates = [
    { id: 'c1', isPartyMember: true },
    { id: 'c2', isPartyMember: true },
    { id: 'c3', isPartyMember: false },
  ];
  const ballots: Ballot[] = [
    { ownerGroupId: 'O1', choices: ['c1', 'c2'] },
    { ownerGroupId: 'O2', choices: ['c1', 'c2'] },
    { ownerGroupId: 'O3', choices: ['c2', 'c3'] },
    { ownerGroupId: 'O4', choices: ['c1', 'c3'] },
    { ownerGroupId: 'O5', choices: ['c1', 'c3'] },
  ];

  it('at the last seat: neither tied candidate takes it, the warning names both', () => {
    const result = tallyElection({ owners, ballots, candidates, seats: 2 });
    expect(result.elected).toEqual(['c1']);
    expect(result.results.map((r) => [r.candidateId, r.owners, r.area, r.elected])).toEqual([
      ['c1', 4, '400', true],
      ['c2', 3, '300', false],
      ['c3', 3, '300', false],
    ]);
    const tie = result.warnings.find((w) => w.code === 'TIE_AT_LAST_SEAT');
    expect(tie?.candidateIds).toEqual(['c2', 'c3']);
    expect(tie?.message).toContain('1 remaining seat');
    expect(result.warnings.map((w) => w.code)).toEqual(['TIE_AT_LAST_SEAT', 'SEATS_UNFILLED']);
    expect(result.warnings[1].message).toContain('1 of 2 seat(s) remain unfilled (1 because of a tie)');
  });

  it('is no contest when the tied candidates all fit in the seats', () => {
    const result = tallyElection({ owners, ballots, candidates, seats: 3 });
    expect(result.elected).toEqual(['c1', 'c2', 'c3']);
    expect(result.warnings).toEqual([]);
  });

  it('is broken by area when the owners are equal', () => {
    const uneven = singleUnitOwners({ O1: '100.0001', O2: 100, O3: 100, O4: 100, O5: 100 });
    const result = tallyElection({ owners: uneven, ballots, candidates, seats: 2 });
    expect(result.elected).toEqual(['c1', 'c2']);
    expect(result.warnings).toEqual([]);
  });
});

describe('ballots', () => {
  const owners = singleUnitOwners({ A: 100, B: 100, C: 100, D: 100, E: 100 });
  const candidates = [
    { id: 'c1', isPartyMember: false },
    { id: 'c2', isPartyMember: false },
    { id: 'c3', isPartyMember: false },
  ];
  const ballots: Ballot[] = [
    { ownerGroupId: 'A', choices: ['c1', 'c1', 'c2'] }, // a repeated choice counts once
    { ownerGroupId: 'B', choices: ['c1', 'ghost'] }, // unknown id ignored, c1 counts
    { ownerGroupId: 'C', choices: ['c1', 'c2', 'c3'] }, // 3 choices for 2 seats: void, still took part
    { ownerGroupId: 'A', choices: ['c3'] }, // A's second ballot: rejected
    { ownerGroupId: 'Z', choices: ['c1'] }, // not in the register: rejected
    { ownerGroupId: 'D', choices: ['c1'] },
    { ownerGroupId: 'E', choices: [] }, // blank: took part, chose nobody
  ];

  it('applies each ballot rule and explains every rejection', () => {
    const result = tallyElection({ owners, ballots, candidates, seats: 2 });
    expect(result.participation).toMatchObject({ area: '500', owners: 5, totalOwners: 5 });
    expect(result.results).toEqual([
      { candidateId: 'c1', area: '300', owners: 3, elected: true },
      { candidateId: 'c2', area: '100', owners: 1, elected: false },
      { candidateId: 'c3', area: '0', owners: 0, elected: false },
    ]);
    expect(result.elected).toEqual(['c1']);
    expect(result.warnings.map((w) => w.code)).toEqual([
      'CHOICE_UNKNOWN_CANDIDATE',
      'BALLOT_TOO_MANY_CHOICES',
      'BALLOT_DUPLICATE',
      'BALLOT_UNKNOWN_OWNER_GROUP',
      'SEATS_UNFILLED',
      'PARTY_SHARE_BELOW_HALF',
    ]);
    expect(result.warnings[0].message).toContain("'ghost'");
    expect(result.warnings[1].message).toContain("owner group 'C'");
    expect(result.warnings[2].message).toContain("owner group 'A'");
    expect(result.warnings[3].message).toContain("'Z'");
  });

  it('lets the first of an owner\'s ballots count, not the later one', () => {
    const first = tallyElection({
      owners,
      ballots: [
        { ownerGroupId: 'A', choices: ['c2'] },
        { ownerGroupId: 'A', choices: ['c3'] },
      ],
      candidates,
      seats: 1,
    });
    expect(first.results.find((r) => r.candidateId === 'c2')?.owners).toBe(1);
    expect(first.results.find((r) => r.candidateId === 'c3')?.owners).toBe(0);
  });
});

describe('party share', () => {
  const owners = singleUnitOwners({ A: 100, B: 100, C: 100 });
  const ballots: Ballot[] = ['A', 'B', 'C'].map((g) => ({ ownerGroupId: g, choices: ['p', 'n1', 'n2'] }));

  it('warns below one half with the figure and elects regardless', () => {
    const candidates = [
      { id: 'p', isPartyMember: true },
      { id: 'n1', isPartyMember: false },
      { id: 'n2', isPartyMember: false },
    ];
    const result = tallyElection({ owners, ballots, candidates, seats: 3 });
    expect(result.elected).toEqual(['p', 'n1', 'n2']);
    expect(result.partyShare).toBeCloseTo(1 / 3, 12);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0].code).toBe('PARTY_SHARE_BELOW_HALF');
    expect(result.warnings[0].message).toContain('1 of 3');
    expect(result.warnings[0].message).toContain('33.3%');
  });

  it('does not warn at one half or more', () => {
    const candidates = [
      { id: 'p', isPartyMember: true },
      { id: 'n1', isPartyMember: true },
      { id: 'n2', isPartyMember: false },
    ];
    const result = tallyElection({ owners, ballots, candidates, seats: 3 });
    expect(result.partyShare).toBeCloseTo(2 / 3, 12);
    expect(result.warnings).toEqual([]);
  });
});

describe('exact areas', () => {
  it('adds 0.1 and 0.2 to 0.3', () => {
    const result = tallyElection({
      owners: singleUnitOwners({ A: 0.1, B: 0.2, C: '0.3' }),
      ballots: [
        { ownerGroupId: 'A', choices: ['c1'] },
        { ownerGroupId: 'B', choices: ['c1'] },
      ],
      candidates: [{ id: 'c1', isPartyMember: true }],
      seats: 1,
    });
    expect(result.participation.area).toBe('0.3');
    expect(result.participation.totalArea).toBe('0.6');
    expect(result.results[0].area).toBe('0.3');
    // 0.3 of 0.6 is exactly 1/2, below the 2/3 quorum; a float sum (0.30000000000000004) would not change that, but
    // the exact comparison of 3·0.3 against 2·0.6 is what decides.
    expect(result.quorumMet).toBe(false);
  });

  it('keeps ten thousand units of 0.0001 m² exact', () => {
    const owners = Array.from({ length: 10_000 }, (_, i) => ({ unitId: `u${i}`, ownerGroupId: 'ONE', area: 0.0001 }));
    const result = tallyElection({
      owners,
      ballots: [{ ownerGroupId: 'ONE', choices: ['c1'] }],
      candidates: [{ id: 'c1', isPartyMember: true }],
      seats: 1,
    });
    expect(result.participation).toMatchObject({ area: '1', totalArea: '1', owners: 1, totalOwners: 1 });
    expect(result.elected).toEqual(['c1']);
  });
});

describe('unfilled seats', () => {
  it('warns when fewer candidates pass than there are seats', () => {
    const owners = singleUnitOwners({ A: 100, B: 100, C: 100 });
    const result = tallyElection({
      owners,
      ballots: [
        { ownerGroupId: 'A', choices: ['c1', 'c2'] },
        { ownerGroupId: 'B', choices: ['c1'] },
        { ownerGroupId: 'C', choices: ['c1'] },
      ],
      candidates: [
        { id: 'c1', isPartyMember: true },
        { id: 'c2', isPartyMember: true },
      ],
      seats: 5,
    });
    expect(result.elected).toEqual(['c1']);
    expect(result.warnings.map((w) => w.code)).toEqual(['SEATS_UNFILLED']);
    expect(result.warnings[0].message).toContain('4 of 5 seat(s) remain unfilled');
    expect(result.warnings[0].message).toContain('另行选举');
  });
});

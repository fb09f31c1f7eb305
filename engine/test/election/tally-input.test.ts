import { describe, it, expect } from 'vitest';
import { tallyElection, TallyInputError, type TallyInput } from '../../src/election/index.js';

function valid(): TallyInput {
  return {
    owners: [
      { unitId: '1-101', ownerGroupId: 'A', area: 90 },
      { unitId: '1-102', ownerGroupId: 'B', area: '88.5' },
      { unitId: '1-201', ownerGroupId: 'DEV', area: 60, developerUnsold: true },
    ],
    ballots: [
      { ownerGroupId: 'A', choices: ['c1'] },
      { ownerGroupId: 'B', choices: ['c1'] },
    ],
    candidates: [
      { id: 'c1', isPartyMember: true },
      { id: 'c2', isPartyMember: false },
    ],
    seats: 1,
  };
}

type Mutation = (input: any) => void;

const cases: Array<[string, Mutation, string, string]> = [
  ['input that is not an object', (i) => Object.assign(i, { __replace: null }), 'input', 'must be an object'],
  ['negative area', (i) => (i.owners[1].area = -5), 'owners[1].area', 'negative'],
  ['NaN area', (i) => (i.owners[0].area = Number.NaN), 'owners[0].area', 'finite'],
  ['non-numeric area', (i) => (i.owners[2].area = '九十'), 'owners[2].area', 'decimal number'],
  ['area with 5 decimals', (i) => (i.owners[0].area = '90.00001'), 'owners[0].area', 'decimal places'],
  ['missing unitId', (i) => delete i.owners[0].unitId, 'owners[0].unitId', 'non-empty string'],
  ['blank ownerGroupId', (i) => (i.owners[1].ownerGroupId = '  '), 'owners[1].ownerGroupId', 'non-empty string'],
  ['duplicate unitId', (i) => (i.owners[2].unitId = '1-101'), 'owners[2].unitId', "already listed at owners[0]"],
  ['a unit that is not an object', (i) => (i.owners[1] = 'x'), 'owners[1]', 'must be an object'],
  ['developerUnsold not a boolean', (i) => (i.owners[0].developerUnsold = 'yes'), 'owners[0].developerUnsold', 'true or false'],
  [
    'a group mixing developer stock and a sold unit',
    (i) => i.owners.push({ unitId: '1-202', ownerGroupId: 'DEV', area: 70 }),
    'owners[3].developerUnsold',
    "owner group 'DEV' mixes",
  ],
  ['empty register', (i) => (i.owners = []), 'owners', 'empty'],
  ['owners not an array', (i) => (i.owners = {}), 'owners', 'must be an array'],
  ['seats 0', (i) => (i.seats = 0), 'seats', 'at least 1'],
  ['fractional seats', (i) => (i.seats = 1.5), 'seats', 'whole number'],
  ['seats as text', (i) => (i.seats = '3'), 'seats', 'whole number'],
  ['missing candidate id', (i) => delete i.candidates[1].id, 'candidates[1].id', 'non-empty string'],
  ['duplicate candidate id', (i) => (i.candidates[1].id = 'c1'), 'candidates[1].id', 'already on the slate'],
  ['isPartyMember missing', (i) => delete i.candidates[0].isPartyMember, 'candidates[0].isPartyMember', 'true or false'],
  ['empty slate', (i) => (i.candidates = []), 'candidates', 'empty'],
  ['ballot without a group', (i) => delete i.ballots[1].ownerGroupId, 'ballots[1].ownerGroupId', 'non-empty string'],
  ['choices not an array', (i) => (i.ballots[0].choices = 'c1'), 'ballots[0].choices', 'must be an array'],
  ['a choice that is not an id', (i) => (i.ballots[0].choices = ['c1', 2]), 'ballots[0].choices[1]', 'non-empty string'],
  ['ballots missing', (i) => delete i.ballots, 'ballots', 'must be an array'],
];

describe('tallyElection input checks', () => {
  it('accepts the valid baseline', () => {
    expect(tallyElection(valid()).elected).toEqual(['c1']);
  });

  it.each(cases)('rejects %s with TallyInputError on the field', (_name, mutate, field, problem) => {
    let input: any = valid();
    mutate(input);
    if ('__replace' in input) input = input.__replace;
    let caught: unknown;
    try {
      tallyElection(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TallyInputError);
    expect((caught as TallyInputError).field).toBe(field);
    expect((caught as TallyInputError).message).toContain(problem);
    expect((caught as TallyInputError).name).toBe('TallyInputError');
  });
});

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chain, end, flow, processXml, serviceTask, start, userTask } from '../support/bpmn-xml.js';
import { testStores } from '../support/test-stores.js';
import { startWorkerEngine, warmUp, type WorkerTestEngine } from './worker-test-engine.js';

// Five owners of 100 m² each; a sixth unit belongs to owner E as well (one owner, 150 m² in all). Total 550 m², 5 owners.
const owners = [
  { unitId: '1-101', ownerGroupId: 'A', area: 100 },
  { unitId: '1-102', ownerGroupId: 'B', area: '100' },
  { unitId: '1-201', ownerGroupId: 'C', area: 100 },
  { unitId: '1-202', ownerGroupId: 'D', area: 100 },
  { unitId: '1-301', ownerGroupId: 'E', area: 100 },
  { unitId: '1-302', ownerGroupId: 'E', area: '50.5' },
];
const candidates = [
  { id: 'wang', isPartyMember: true },
  { id: 'li', isPartyMember: false },
  { id: 'zhao', isPartyMember: true },
];

/** 计票, then the result decides the path: 公示 when the quorum is met, otherwise 延长投票. */
const electionXml = processXml(
  'election',
  [
    start(),
    serviceTask('tally', 'gongzhi.election.tally'),
    '<bpmn:exclusiveGateway id="quorum" />',
    userTask('announce'),
    userTask('extend'),
    end('e1'),
    end('e2'),
    chain('start', 'tally', 'quorum'),
    flow('met', 'quorum', 'announce', 'quorumMet'),
    flow('notMet', 'quorum', 'extend', 'not(quorumMet)'),
    chain('announce', 'e1'),
    chain('extend', 'e2'),
  ].join(''),
);

describe.each(testStores)('gongzhi.election.tally on $name', (testStore) => {
  let w: WorkerTestEngine;
  beforeAll(() => warmUp(testStore));
  afterEach(async () => w?.t.close());

  it('quorum met: 4 of 5 owners with 450.5 of 550.5 m² take part; the candidates with a majority of both are elected', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(electionXml);
    const ballots = [
      { ownerGroupId: 'A', choices: ['wang', 'li'] },
      { ownerGroupId: 'B', choices: ['wang'] },
      { ownerGroupId: 'C', choices: ['wang', 'zhao'] },
      { ownerGroupId: 'E', choices: ['li', 'zhao'] },
    ];
    const pi = await w.t.start('election', { owners, ballots, candidates, seats: 2 });
    expect(await w.drain()).toBe(1);
    expect(await w.t.activeElements(pi)).toEqual(['announce']);
    const vars = await w.t.variables(pi);
    expect(vars.quorumMet).toBe(true);
    expect(vars.participation).toEqual({ area: '450.5', owners: 4, totalArea: '550.5', totalOwners: 5, areaRatio: 450.5 / 550.5, ownerRatio: 4 / 5 });
    // wang: A, B, C = 3 owners, 300 m² (> 2 owners and > 225.25 m²); li: A, E = 2 owners; zhao: C, E = 2 owners.
    expect(vars.results).toEqual([
      { candidateId: 'wang', area: '300', owners: 3, elected: true },
      { candidateId: 'li', area: '250.5', owners: 2, elected: false },
      { candidateId: 'zhao', area: '250.5', owners: 2, elected: false },
    ]);
    expect(vars.elected).toEqual(['wang']);
    expect(vars.partyShare).toBe(1);
    expect((vars.warnings as Array<{ code: string }>).map((x) => x.code)).toEqual(['SEATS_UNFILLED']);
  });

  it('quorum not met: 3 of 5 owners is less than 2/3; nobody is elected and the process extends the vote', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(electionXml);
    const ballots = [
      { ownerGroupId: 'A', choices: ['wang'] },
      { ownerGroupId: 'B', choices: ['wang'] },
      { ownerGroupId: 'E', choices: ['wang'] },
    ];
    const pi = await w.t.start('election', { owners, ballots, candidates, seats: 1 });
    await w.drain();
    expect(await w.t.activeElements(pi)).toEqual(['extend']);
    const vars = await w.t.variables(pi);
    expect(vars.quorumMet).toBe(false);
    expect(vars.elected).toEqual([]);
    expect(vars.partyShare).toBe(0);
    expect((vars.warnings as Array<{ code: string }>).map((x) => x.code)).toEqual(['QUORUM_NOT_MET']);
  });

  it('malformed election data becomes an incident naming the field', async () => {
    w = await startWorkerEngine(testStore);
    await w.t.deploy(electionXml);
    const broken = owners.map((o, i) => (i === 3 ? { ...o, area: -5 } : o));
    const pi = await w.t.start('election', { owners: broken, ballots: [], candidates, seats: 1 });
    await w.drain();
    const [incident] = await w.t.incidents(pi);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'tally' });
    expect(incident.errorMessage).toMatch(/^gongzhi\.election\.tally: variable owners\[3\]\.area /);

    const noSeats = await w.t.start('election', { owners, ballots: [], candidates });
    await w.drain();
    expect((await w.t.incidents(noSeats))[0].errorMessage).toMatch(/variable seats must be a whole number of at least 1, got nothing/);
  });
});

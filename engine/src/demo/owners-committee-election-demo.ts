import type { CaseView } from '../simulation/case-tracker.js';
import type { DemoActor, DemoMessage, DemoPlan, DemoStart, DemoTask, DemoWait, DemoWorld } from './demo-actor.js';
import { DEMO_PROFILE } from './demo-profile.js';
import { pickGrid, type DemoGrid } from './demo-residents.js';
import { chinaDateTime, instant, lateAfter, onTimeWithin, workingDaysAfter } from './demo-timing.js';
import { QuotaDraw } from './quota-draw.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ESTATE_NAMES = ['和园', '春晖苑', '锦绣家园', '翠竹园', '金桥花园', '银杏里', '紫荆公寓', '丽景湾', '嘉禾苑', '华庭小区', '晨光家园', '碧水云天', '枫林绿洲', '文苑小区', '安居苑', '兴业公寓'];

interface RegisterEntry {
  unitId: string;
  exclusiveArea: number;
  areaSource: '不动产登记' | '实测' | '合同';
  ownerNames: string[];
  ownerGroupId: string;
  developerUnsold?: boolean;
}

interface Nominee {
  candidateId: string;
  name: string;
  unitId: string;
  nomination: '自荐' | '业主联名' | '党组织推荐' | '居委会推荐';
  nominatorCount?: number;
  isPartyMember: boolean;
  /** Share of voters who choose the candidate. */
  popularity: number;
  disqualified: boolean;
}

interface ElectionStory {
  grid: DemoGrid;
  estateName: string;
  trigger: '首次成立' | '换届' | '增补';
  termEndsOn?: string;
  register: RegisterEntry[];
  seats: 5 | 7;
  nominees: Nominee[];
  /** Party members nominated when the party organisation is asked for more (slate below 50%). */
  partyNominees: Nominee[];
  groupForms: number;
  invalidGroupFirst: boolean;
  groupObjection: 'none' | 'dismissed' | 'upheld';
  slateObjection: boolean;
  nominations: number;
  slow: boolean;
  /** Share of owner groups voting in the first window, and in all (after an extension). */
  turnout: number;
  finalTurnout: number;
  voted: Set<string>;
  plannedWindows: Set<string>;
  handoverRefused: boolean;
  handovers: number;
}

const unitsOf = (register: RegisterEntry[]) => register.filter((u) => !u.developerUnsold);

/** 业委会选举: streets form preparatory groups, groups prepare, owners vote, committees meet and file. */
export function ownersCommitteeElectionActor(): DemoActor<ElectionStory> {
  const filesInTime = new QuotaDraw(DEMO_PROFILE.electionFilingOnTime);
  const caseNo = (view: CaseView) => String(view.variables.get('caseNo'));
  const file = (view: CaseView, name: string) => `demo-files/${caseNo(view)}/${name}`;

  const register = (world: DemoWorld): RegisterEntry[] => {
    const { dice } = world;
    const units = dice.integer(16, 30);
    const out: RegisterEntry[] = [];
    let group = 0;
    for (let i = 0; i < units; i++) {
      const unitId = `${1 + Math.floor(i / 8)}-${1 + Math.floor((i % 8) / 2)}0${1 + (i % 2)}`;
      // The developer's unsold units count as one owner; a few buyers own two units (one owner each).
      const unsold = i >= units - dice.integer(2, 3);
      const sharesOwner = !unsold && i > 0 && dice.chance(0.08) && !out[i - 1].developerUnsold;
      const previous = out[i - 1];
      const ownerGroupId = unsold ? 'dev' : sharesOwner ? previous.ownerGroupId : `g${++group}`;
      out.push({
        unitId,
        exclusiveArea: Math.round(dice.between(58, 142) * 100) / 100,
        areaSource: dice.weighted({ 不动产登记: 80, 实测: 12, 合同: 8 }),
        ownerNames: unsold ? ['建设单位（未售）'] : sharesOwner ? previous.ownerNames : [world.residents.name()],
        ownerGroupId,
        ...(unsold ? { developerUnsold: true } : {}),
      });
    }
    return out;
  };

  const members = (story: ElectionStory, world: DemoWorld) => {
    const owners = unitsOf(story.register);
    const size = story.groupForms === 1 && story.invalidGroupFirst ? 4 : world.dice.chance(0.7) ? 5 : 7;
    const list = [
      { memberId: 'm1', name: `街道代表${world.residents.name()}`, role: '街道代表', isOwner: false, isPartyMember: true },
      { memberId: 'm2', name: `居委会代表${world.residents.name()}`, role: '居委会代表', isOwner: false, isPartyMember: true },
    ];
    if (size === 7) list.push({ memberId: 'm3', name: `党组织代表${world.residents.name()}`, role: '党组织代表', isOwner: false, isPartyMember: true });
    for (let i = 0; list.length < size; i++) {
      const unit = owners[i % owners.length];
      list.push({ memberId: `m${list.length + 1}`, name: unit.ownerNames[0], role: '业主代表', isOwner: true, unitId: unit.unitId, isPartyMember: world.dice.chance(0.4) } as (typeof list)[number]);
    }
    return list;
  };

  const nominee = (n: Nominee) => ({
    candidateId: n.candidateId,
    name: n.name,
    unitId: n.unitId,
    nomination: n.nomination,
    ...(n.nominatorCount !== undefined ? { nominatorCount: n.nominatorCount } : {}),
    isPartyMember: n.isPartyMember,
  });

  /** One owner's ballot: each candidate with their popularity, at most `seats` of them. */
  const ballot = (story: ElectionStory, ownerGroupId: string, world: DemoWorld) => {
    const { dice } = world;
    const slate = [...story.nominees, ...(story.nominations > 1 ? story.partyNominees : [])].filter((n) => !n.disqualified);
    const chosen = slate.filter((n) => dice.chance(n.popularity)).sort((a, b) => b.popularity - a.popularity).slice(0, story.seats);
    return {
      ownerGroupId,
      method: dice.weighted({ 现场: 40, 书面: 25, 电子: 35 }),
      choices: chosen.map((n) => n.candidateId),
      bylawVote: dice.weighted({ 同意: 90, 反对: 4, 弃权: 6 }),
      rulesVote: dice.weighted({ 同意: 90, 反对: 4, 弃权: 6 }),
    };
  };

  /** Ballots of owner groups that have not voted, until `share` of all groups have, in three waves over the window. */
  const votingPlans = (story: ElectionStory, view: CaseView, world: DemoWorld, opensAt: number, closesAt: number, share: number): DemoPlan[] => {
    const groups = [...new Set(story.register.map((u) => u.ownerGroupId))];
    const wanted = Math.ceil(groups.length * share);
    const voters = world.dice.sample(groups.filter((g) => !story.voted.has(g)), Math.max(0, wanted - story.voted.size));
    for (const g of voters) story.voted.add(g);
    const waves = [voters.slice(0, Math.ceil(voters.length / 3)), voters.slice(Math.ceil(voters.length / 3), Math.ceil((2 * voters.length) / 3)), voters.slice(Math.ceil((2 * voters.length) / 3))];
    const span = Math.max(closesAt - opensAt, 3 * HOUR);
    return waves
      .filter((wave) => wave.length > 0)
      .map((wave, i) => ({
        at: opensAt + Math.floor((span * (i + 0.5)) / 3),
        publish: (): DemoMessage[] =>
          wave.map((g) => ({ name: 'owners-committee-ballot', correlationKey: caseNo(view), variables: { ballot: ballot(story, g, world) }, timeToLive: 12 * HOUR })),
      }));
  };

  return {
    processId: 'owners-committee-election',
    handles: new Set([
      'task_form_group', 'task_settle_group_objection', 'task_owner_register', 'task_bylaws', 'task_election_method', 'task_nomination',
      'task_review_candidate', 'task_settle_slate_objection', 'task_prep_supervise', 'task_confirm_tally', 'task_street_decision',
      'task_unfilled', 'task_first_meeting', 'task_filing', 'task_handover', 'task_street_urge',
    ]),

    newCase(at: number, world: DemoWorld): { story: ElectionStory; start: DemoStart } {
      const { dice } = world;
      const grid = pickGrid(dice, world.grids);
      const trigger = dice.weighted({ 首次成立: 40, 换届: 45, 增补: 15 });
      const reg = register(world);
      const owners = unitsOf(reg);
      const seats = dice.chance(0.7) ? 5 : 7;
      const partyShareLow = dice.chance(0.2);
      const nominees: Nominee[] = [];
      const count = seats + dice.integer(1, 3);
      for (let i = 0; i < count; i++) {
        const unit = owners[(i * 3 + 1) % owners.length];
        const nomination = dice.weighted({ 自荐: 30, 业主联名: 25, 党组织推荐: 25, 居委会推荐: 20 });
        nominees.push({
          candidateId: `C${i + 1}`,
          name: unit.ownerNames[0],
          unitId: unit.unitId,
          nomination,
          ...(nomination === '业主联名' ? { nominatorCount: dice.integer(5, 20) } : {}),
          // Most slates are at least half party members; some are not, and the party organisation is asked for more.
          isPartyMember: nomination === '党组织推荐' || (!partyShareLow && i % 2 === 0),
          popularity: i < seats ? dice.between(0.78, 0.96) : dice.between(0.1, 0.35),
          disqualified: false,
        });
      }
      if (dice.chance(0.15)) nominees.push({ ...nominees[count - 1], candidateId: `C${count + 1}`, name: world.residents.name(), popularity: 0.2, disqualified: true, isPartyMember: false, nomination: '自荐' });
      const partyNominees = [0, 1].map((k) => {
        const unit = owners[(k * 5 + 2) % owners.length];
        return { candidateId: `P${k + 1}`, name: unit.ownerNames[0], unitId: unit.unitId, nomination: '党组织推荐' as const, isPartyMember: true, popularity: dice.between(0.2, 0.4), disqualified: false };
      });
      const lowTurnout = dice.chance(0.15);
      const turnout = lowTurnout ? dice.between(0.45, 0.6) : dice.between(0.76, 0.92);
      const story: ElectionStory = {
        grid,
        estateName: `${grid.communityName.replace('社区', '')}${dice.pick(ESTATE_NAMES)}`,
        trigger,
        register: reg,
        seats,
        nominees,
        partyNominees,
        groupForms: 0,
        invalidGroupFirst: dice.chance(0.06),
        groupObjection: dice.weighted({ none: 85, dismissed: 10, upheld: 5 }),
        slateObjection: dice.chance(0.1),
        nominations: 0,
        slow: dice.chance(0.08),
        turnout,
        finalTurnout: lowTurnout ? (dice.chance(0.15) ? dice.between(0.5, 0.62) : dice.between(0.72, 0.85)) : turnout,
        voted: new Set(),
        plannedWindows: new Set(),
        handoverRefused: dice.chance(0.06),
        handovers: 0,
      };
      const variables: Record<string, unknown> = { orgId: grid.communityId, estateName: story.estateName, trigger };
      if (trigger === '换届') {
        // Early cases: the term ends a little over three months later, so renewal starts within days; late cases
        // wait for a renewal still ahead (the dashboard's 换届 alerts).
        const termEnds = at < world.end - 120 * DAY ? at + dice.integer(93, 100) * DAY : world.end + dice.integer(95, 180) * DAY;
        story.termEndsOn = world.office.dateOf(termEnds);
        variables.termEndsOn = story.termEndsOn;
      }
      if (trigger === '首次成立' && dice.chance(0.3)) return { story, start: { kind: 'message', name: 'owners-committee-developer-report', variables } };
      return { story, start: { kind: 'create', variables } };
    },

    onTask(task: DemoTask, story: ElectionStory, view: CaseView, world: DemoWorld): DemoPlan | undefined {
      const { dice } = world;
      const prepDays = (days: [number, number]) => workingDaysAfter(world, task.createdAt, story.slow ? [days[0] + 40, days[1] + 45] : days);
      switch (task.elementId) {
        case 'task_form_group': {
          story.groupForms++;
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 5]),
            complete: (at) => {
              const list = members(story, world);
              return { formedAt: world.office.dateOf(at), members: list, leaderId: 'm1' };
            },
          };
        }
        case 'task_settle_group_objection': {
          const upheld = story.groupObjection === 'upheld';
          story.groupObjection = 'none';
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 3]),
            complete: () => ({ objectionUpheld: upheld, reply: upheld ? '经核实异议成立，调整筹备组成员' : '经核实筹备组组成符合指导规则，异议不成立' }),
          };
        }
        case 'task_owner_register':
          return { at: prepDays([8, 20]), complete: () => ({ ownerRegister: story.register }) };
        case 'task_bylaws':
          return {
            at: prepDays([5, 18]),
            complete: () => ({ bylawDraft: file(view, '管理规约草案.pdf'), rulesDraft: file(view, '业主大会议事规则草案.pdf'), partyLeadershipClause: true, notes: '参照示范文本起草，写入党的领导条款' }),
          };
        case 'task_election_method':
          return {
            at: workingDaysAfter(world, task.createdAt, [5, 12]),
            complete: (at) => {
              // Voting well after the preparation can end (nominations, review, 15 days of 公示).
              const opens = world.office.workingDaysLater(at + (story.slow ? 105 : 45) * DAY, 0, 0);
              return {
                seats: story.seats,
                termYears: 5,
                electionMethod: story.nominees.length > story.seats ? '差额选举' : '等额选举',
                meetingForms: ['现场', '书面', '电子'],
                votingStart: chinaDateTime(opens),
                votingEnd: chinaDateTime(opens + 2 * DAY + 9 * HOUR),
                proxyAllowed: true,
                countingPlace: `${story.grid.communityName}党群服务中心`,
              };
            },
          };
        case 'task_nomination': {
          story.nominations++;
          const list = story.nominations > 1 ? [...story.nominees, ...story.partyNominees] : story.nominees;
          return { at: workingDaysAfter(world, task.createdAt, [2, 6]), complete: () => ({ nominees: list.map(nominee) }) };
        }
        case 'task_review_candidate': {
          const all = [...story.nominees, ...story.partyNominees];
          const candidate = all.find((n) => n.unitId === task.locals.unitId && n.name === task.locals.name);
          const fails = candidate?.disqualified === true;
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 4]),
            complete: () => ({
              name: task.locals.name,
              unitId: task.locals.unitId,
              nomination: task.locals.nomination,
              ...(typeof task.locals.nominatorCount === 'number' ? { nominatorCount: task.locals.nominatorCount } : {}),
              isPartyMember: task.locals.isPartyMember === true,
              eligibility: { fullCapacity: true, noArrears: !fails, noIllegalConstruction: true, notPropertyStaff: true },
              review: fails ? '不通过' : '通过',
              ...(fails ? { reason: '欠缴物业服务费用超过六个月' } : {}),
            }),
          };
        }
        case 'task_settle_slate_objection':
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 3]),
            complete: () => ({ objectionUpheld: false, reply: '经核实候选人资格符合规定，异议不成立' }),
          };
        case 'task_prep_supervise':
        case 'task_street_urge':
          return {
            at: workingDaysAfter(world, task.createdAt, [0, 2]),
            complete: (at) => ({ instruction: task.elementId === 'task_street_urge' ? '责令原业委会十日内移交资料' : '督促筹备组加快工作，尽快召开业主大会', supervisedAt: world.office.dateOf(at), nextCheck: world.office.dateOf(at + 7 * DAY) }),
          };
        case 'task_confirm_tally':
          return {
            at: workingDaysAfter(world, task.createdAt, [0, 1]),
            complete: () => ({ tellers: [world.residents.name(), world.residents.name()], scrutineers: [world.residents.name()], confirmed: true }),
          };
        case 'task_street_decision':
          return {
            at: workingDaysAfter(world, task.createdAt, [3, 10]),
            complete: () => ({ failureDecision: dice.chance(0.6) ? '居委会代行' : '组建物业管理委员会', reason: '延长投票期后参与业主仍未达到双过三分之二' }),
          };
        case 'task_unfilled':
          return {
            at: workingDaysAfter(world, task.createdAt, [2, 6]),
            complete: () => ({ unfilledDecision: '候补递补', reason: '缺额席位由得票较多的候选人依次递补', alternates: [] }),
          };
        case 'task_first_meeting': {
          const elected = (view.variables.get('committeeMembers') as string[] | undefined) ?? [];
          const names = elected.map((id) => [...story.nominees, ...story.partyNominees].find((n) => n.candidateId === id)?.name).filter((n): n is string => !!n);
          return {
            at: task.dueAt ? onTimeWithin(world, task.createdAt, task.dueAt, [0.2, 0.8]) : workingDaysAfter(world, task.createdAt, [2, 5]),
            complete: (at) => ({
              meetingDate: world.office.dateOf(at),
              chairName: names[0] ?? world.residents.name(),
              viceChairNames: names.slice(1, 2),
              attendance: Math.max(1, elected.length),
              minutes: file(view, '首次会议纪要.pdf'),
            }),
          };
        }
        case 'task_filing': {
          const due = task.dueAt ?? task.createdAt + 30 * DAY;
          const at = filesInTime.next() ? onTimeWithin(world, task.createdAt, due, [0.3, 0.9]) : lateAfter(world, due, [1, 8]);
          return {
            at,
            complete: (now) => ({ filedAt: world.office.dateOf(now), docs: [file(view, '备案申请表.pdf'), file(view, '选举结果公告.pdf')], receiptNo: `BA-${world.office.dateOf(now).slice(0, 4)}-${String(dice.integer(1, 999)).padStart(3, '0')}`, sealsMade: true, legalPersonRegistered: false }),
          };
        }
        case 'task_handover': {
          story.handovers++;
          const refuse = story.handoverRefused && story.handovers === 1;
          return {
            at: task.dueAt ? onTimeWithin(world, task.createdAt, task.dueAt, [0.2, 0.8]) : workingDaysAfter(world, task.createdAt, [2, 8]),
            complete: (at) =>
              refuse
                ? { handoverStatus: '拒不移交', refusalNote: '原业委会主任以账目未审计为由拒绝移交印章' }
                : { handoverStatus: '已移交', items: ['档案资料', '印章', '财务凭证', '专项维修资金账目'], handedOverAt: world.office.dateOf(at), receiver: world.residents.name() },
          };
        }
        default:
          return undefined;
      }
    },

    onWait(wait: DemoWait, story: ElectionStory, view: CaseView, world: DemoWorld): DemoPlan[] | DemoPlan | undefined {
      const correlationKey = caseNo(view);
      const objection = (content: string): DemoPlan => ({
        at: workingDaysAfter(world, wait.since, [1, 4]),
        publish: () => [{ name: 'owners-committee-objection', correlationKey, variables: { objection: { by: `业主${world.residents.name()}`, content } } }],
      });
      switch (wait.elementId) {
        case 'evgw_group_objection':
          if (story.groupObjection === 'none') return undefined; // the 7-day 公示 ends without objections
          return objection('筹备组中一名业主代表并非本小区业主');
        case 'evgw_slate_objection': {
          if (!story.slateObjection) return undefined;
          story.slateObjection = false;
          return objection('候选人中有人欠缴物业费');
        }
        case 'evgw_voting': {
          const window = view.variables.get('votingWindow') as { opensAt?: string; closesAt?: string; extended?: boolean } | undefined;
          const closesAt = instant(window?.closesAt);
          const key = String(window?.closesAt);
          if (!Number.isFinite(closesAt) || story.plannedWindows.has(key)) return undefined;
          story.plannedWindows.add(key);
          const opensAt = Math.max(wait.since, window?.extended ? wait.since : instant(window?.opensAt));
          return votingPlans(story, view, world, opensAt, closesAt, window?.extended ? story.finalTurnout : story.turnout);
        }
        default:
          return undefined; // timers: 公示期满, 任期届满前启动换届, 投票开始/截止, 结果公示
      }
    },
  };
}

import type { CaseView } from '../simulation/case-tracker.js';
import type { DemoActor, DemoPlan, DemoStart, DemoTask, DemoWait, DemoWorld } from './demo-actor.js';
import { DEMO_PROFILE } from './demo-profile.js';
import { pickGrid, type DemoGrid } from './demo-residents.js';
import { lateAfter, onTimeWithin, workingDaysAfter } from './demo-timing.js';
import { QuotaDraw } from './quota-draw.js';

const SOURCES = { 当事人申请: 35, 网格排查: 20, '12345': 10, 法院委派: 8, 公安移交: 7, 四方会谈: 10, 主动调解: 10 } as const;
type Source = keyof typeof SOURCES;
const TYPES_BY_SOURCE: Record<Source, Record<string, number>> = {
  当事人申请: { 邻里: 25, 婚姻家庭: 12, 债权债务: 12, 损害赔偿: 10, 劳动: 8, 消费: 10, 房屋宅基地: 6, 医疗: 3, 其他: 4 },
  网格排查: { 邻里: 40, 物业: 20, 房屋宅基地: 10, 环境: 10, 其他: 10 },
  '12345': { 消费: 30, 邻里: 25, 交通事故: 20, 环境: 15, 劳动: 10 },
  法院委派: { 债权债务: 50, 婚姻家庭: 20, 房屋宅基地: 15, 损害赔偿: 15 },
  公安移交: { 邻里: 50, 损害赔偿: 30, 交通事故: 20 },
  四方会谈: { 物业: 100 },
  主动调解: { 邻里: 50, 婚姻家庭: 20, 土地承包: 10, 其他: 20 },
};
const FACTS: Record<string, string> = {
  邻里: '楼上住户装修及夜间噪音影响楼下休息，双方多次争吵未果。',
  婚姻家庭: '双方因赡养老人费用分担产生矛盾，长期协商不成。',
  物业: '业主与物业服务企业就电梯维修费用分摊和服务质量发生争议。',
  房屋宅基地: '相邻两户因院墙位置和通行权发生争执。',
  债权债务: '申请人借款给被申请人，约定期限届满后被申请人未按期归还。',
  损害赔偿: '被申请人饲养的宠物咬伤申请人，双方对赔偿金额有争议。',
  劳动: '申请人在被申请人处务工，被拖欠三个月工资。',
  消费: '申请人在被申请人门店购买的商品存在质量问题，退换未果。',
  交通事故: '电动自行车与行人在小区门口相撞，行人受轻伤，双方对责任和赔偿有争议。',
  医疗: '申请人对社区卫生服务站诊疗过程有异议，要求赔偿。',
  土地承包: '相邻承包户因地界和灌溉用水发生纠纷。',
  环境: '餐饮店油烟和噪音影响周边居民生活。',
  其他: '双方因共用部位使用问题发生纠纷。',
};
/** The next channel of 联动 after a failed round (人民 → 行政 → 司法); 四方会谈 hands over to 人民调解. */
const NEXT_CHANNEL: Record<string, string> = { 四方会谈: '人民调解', 人民调解: '司法调解', 行政调解: '司法调解', 司法调解: '终止调解' };
const ORG_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

interface MediationStory {
  source: Source;
  grid: DemoGrid;
  type: string;
  refused: boolean;
  risk: '低' | '中' | '高';
  adjourn: boolean;
  /** Whether the dispute is settled by an agreement at all. */
  settles: boolean;
  /** Rounds (channels) that fail: before the agreement, or before mediation is ended. */
  failedRounds: number;
  rounds: number;
  sessions: number;
  lateRound: boolean;
  confirmation: 'apply' | 'decline' | 'lapse';
  courtConfirms: boolean;
  remediated: boolean;
}

/** 三调联动: residents, grid workers, courts and police bring disputes; mediators, departments and courts settle them. */
export function threeWayMediationActor(): DemoActor<MediationStory> {
  const settles = new QuotaDraw(DEMO_PROFILE.mediationSuccess);
  const performs = new QuotaDraw(DEMO_PROFILE.mediationPerformance);
  const caseNo = (view: CaseView) => String(view.variables.get('caseNo'));
  const channel = (view: CaseView) => String(view.variables.get('channel') ?? '人民调解');
  const court = (story: MediationStory) => `${story.grid.streetName.replace('街道', '')}区人民法院`;

  const party = (world: DemoWorld, story: MediationStory, role: string, consent: string, organisation = false) => {
    const resident = world.residents.resident(story.grid);
    if (organisation) {
      let code = '91110105';
      for (let i = 0; i < 10; i++) code += world.dice.pick([...ORG_CODE_CHARACTERS]);
      return { role, name: `${story.grid.communityName.replace('社区', '')}物业服务有限公司`, isOrg: true, creditCode: code, phone: resident.phone, consent };
    }
    return { role, name: resident.name, idNo: resident.idNumber, phone: resident.phone, address: resident.address, consent };
  };

  const registration = (story: MediationStory, world: DemoWorld, at: number): Record<string, unknown> => {
    const parties = [party(world, story, '申请人', '同意'), party(world, story, '被申请人', story.refused ? '拒绝' : '同意', story.type === '物业')];
    if (world.dice.chance(0.1)) parties.push(party(world, story, '第三人', '同意'));
    return {
      source: story.source,
      ...(story.source === '当事人申请' ? { applicationMode: world.dice.weighted({ 口头: 40, 书面: 60 }) } : {}),
      ...(story.source === '法院委派' || story.source === '公安移交' ? { referral: referral(story, world, at) } : {}),
      gridId: story.grid.gridId,
      type: story.type,
      parties,
      facts: FACTS[story.type] ?? FACTS.其他,
      claims: '请求依法调解，赔偿损失并停止侵害',
      amount: world.dice.integer(0, 40) * 500,
      risk: story.risk,
      ...(story.risk === '高' ? { riskNote: '双方情绪激动，有肢体冲突苗头' } : {}),
      ...(story.type === '物业' || story.source === '四方会谈' ? { communityAffairs: true } : {}),
    };
  };

  const referral = (story: MediationStory, world: DemoWorld, at: number) =>
    story.source === '法院委派'
      ? { unit: court(story), documentNo: `(${new Date(at).getUTCFullYear()})诉前调${world.dice.integer(1, 999)}号`, date: world.office.dateOf(at) }
      : { unit: `${story.grid.streetName.replace('街道', '')}派出所`, documentNo: `移交${world.dice.integer(100, 999)}号`, date: world.office.dateOf(at) };

  return {
    processId: 'three-way-mediation',
    handles: new Set([
      'task_register', 'task_session', 'task_round_supervise', 'task_transfer', 'task_agreement', 'task_apply_confirmation',
      'task_performance_visit', 'task_return_visit',
    ]),

    newCase(at: number, world: DemoWorld): { story: MediationStory; start: DemoStart } {
      const { dice } = world;
      const source = dice.weighted(SOURCES);
      const grid = pickGrid(dice, world.grids);
      const refused = dice.chance(0.05);
      const story: MediationStory = {
        source,
        grid,
        type: dice.weighted(TYPES_BY_SOURCE[source]),
        refused,
        risk: dice.weighted({ 低: 70, 中: 25, 高: 5 }),
        adjourn: dice.chance(0.2),
        settles: true,
        failedRounds: 0,
        rounds: 0,
        sessions: 0,
        lateRound: dice.chance(0.05),
        confirmation: dice.weighted({ apply: 30, decline: 60, lapse: 10 }),
        courtConfirms: dice.chance(0.92),
        remediated: false,
      };
      const variables = { gridId: grid.gridId, source };
      if (source === '法院委派' || source === '公安移交') {
        return { story, start: { kind: 'message', name: 'mediation-referral', variables: { ...variables, referral: referral(story, world, at) } } };
      }
      return { story, start: { kind: 'create', variables } };
    },

    onTask(task: DemoTask, story: MediationStory, view: CaseView, world: DemoWorld): DemoPlan | undefined {
      const { dice } = world;
      switch (task.elementId) {
        case 'task_register':
          return { at: workingDaysAfter(world, task.createdAt, [0, 2]), complete: (at) => registration(story, world, at) };
        case 'task_session': {
          story.sessions++;
          if (story.sessions === 1) {
            story.rounds = 1;
            // Whether the dispute settles is drawn once: then in the first channel, or after one transfer.
            story.settles = settles.next();
            story.failedRounds = story.settles ? (dice.chance(0.85) ? 0 : 1) : dice.chance(0.6) ? 1 : 2;
          }
          const adjourned = story.adjourn && story.sessions === 1;
          const due = task.dueAt;
          const late = story.lateRound && story.rounds === 1 && !adjourned;
          const at = due === undefined ? workingDaysAfter(world, task.createdAt, [2, 8]) : late ? lateAfter(world, due, [1, 5]) : onTimeWithin(world, task.createdAt, due, [0.1, 0.5]);
          const agrees = story.remediated || (story.settles && story.rounds > story.failedRounds);
          return {
            at,
            complete: (now) => ({
              sessionDate: world.office.dateOf(now),
              place: channel(view) === '司法调解' ? '人民法院诉调对接中心' : channel(view) === '行政调解' ? '行政调解室' : `${story.grid.communityName}人民调解室`,
              mediators: [world.residents.name()],
              attendees: '双方当事人',
              summary: '双方陈述事实，调解员释法说理，提出调解方案。',
              outcome: adjourned ? '中止' : agrees ? dice.weighted({ 达成: 85, 部分达成: 15 }) : '未达成',
              ...(adjourned ? { nextSessionDate: world.office.dateOf(now + dice.integer(3, 7) * 86_400_000) } : {}),
            }),
          };
        }
        case 'task_round_supervise':
          return {
            at: workingDaysAfter(world, task.createdAt, [0, 2]),
            complete: (at) =>
              dice.chance(0.5)
                ? { instruction: '请抓紧组织调解，征求双方延期意见', extension: '双方同意延期', extendedTo: world.office.dateOf(at + 15 * 86_400_000), consentDoc: `demo-files/${caseNo(view)}/延期同意书.pdf` }
                : { instruction: '请于一周内组织下次调解', extension: '不延期' },
          };
        case 'task_transfer': {
          const next = NEXT_CHANNEL[channel(view)] ?? '终止调解';
          // A failed round: the case moves on to the next channel (联动) until its failed rounds are used up.
          const terminate = next === '终止调解' || (!story.settles && story.rounds >= story.failedRounds) || story.rounds >= 3;
          story.rounds++;
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 3]),
            complete: () =>
              terminate
                ? { nextChannel: '终止调解', reason: '双方分歧较大，调解不成', routesInformed: ['诉讼', '仲裁'], terminationNotice: `demo-files/${caseNo(view)}/终止调解告知书.pdf` }
                : { nextChannel: next, reason: `${channel(view)}未能化解，转${next}` },
          };
        }
        case 'task_agreement':
          return {
            at: workingDaysAfter(world, task.createdAt, [0, 2]),
            complete: (at) => {
              const written = dice.chance(0.7);
              return {
                form: written ? '书面' : '口头',
                content: '双方自愿达成如下协议：被申请人停止侵害并赔偿申请人损失，双方不再因此事发生争执。',
                performMethod: dice.weighted({ 银行转账: 50, 现金当面支付: 20, 恢复原状: 30 }),
                performDeadline: world.office.dateOf(at + dice.integer(7, 30) * 86_400_000),
                effectiveDate: world.office.dateOf(at),
                ...(written ? { signatures: `demo-files/${caseNo(view)}/调解协议书.pdf` } : {}),
              };
            },
          };
        case 'task_apply_confirmation':
          if (story.confirmation === 'lapse') return undefined; // the 30-day window runs out
          return {
            at: task.dueAt ? onTimeWithin(world, task.createdAt, task.dueAt, [0.05, 0.5]) : workingDaysAfter(world, task.createdAt, [1, 10]),
            complete: (at) =>
              story.confirmation === 'apply'
                ? { applied: true, applyDate: world.office.dateOf(at), court: court(story) }
                : { applied: false, note: '双方表示无需司法确认' },
          };
        case 'task_performance_visit': {
          const full = performs.next();
          const confirmed = channel(view) === '司法调解' || view.variables.get('confirmationResult') === '确认有效';
          const performed = full ? '全部' : dice.weighted({ 部分: 50, 未履行: 50 });
          let next = '结案';
          if (performed === '部分') next = !story.remediated && dice.chance(0.4) ? '再调解' : '诉讼引导';
          if (performed === '未履行') next = confirmed ? '申请强制执行' : '诉讼引导';
          if (next === '再调解') story.remediated = true;
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 3]),
            complete: () => ({ performed, next, ...(performed === '全部' ? {} : { performanceNote: performed === '部分' ? '被申请人仅履行部分义务' : '被申请人未按期履行' }) }),
          };
        }
        case 'task_return_visit': {
          const reached = dice.chance(0.9);
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 3]),
            complete: () =>
              reached
                ? { method: '电话', reached: true, satisfaction: dice.weighted({ 非常满意: 50, 满意: 40, 基本满意: 8, 不满意: 2 }), recurred: dice.chance(0.03) }
                : { method: '上门', reached: false, comment: '两次上门未遇，已电话留言' },
          };
        }
        default:
          return undefined;
      }
    },

    onWait(wait: DemoWait, story: MediationStory, view: CaseView, world: DemoWorld): DemoPlan | undefined {
      if (wait.elementId !== 'catch_court_result') return undefined; // timers: performance deadline, return visit
      return {
        at: workingDaysAfter(world, wait.since, [5, 15]),
        publish: (at) => [
          {
            name: 'mediation-judicial-confirmation-result',
            correlationKey: caseNo(view),
            variables: { result: story.courtConfirms ? '确认有效' : world.dice.weighted({ 驳回: 60, 确认无效: 40 }), rulingNo: `(${new Date(at).getUTCFullYear()})民特${world.dice.integer(100, 999)}号` },
          },
        ],
      };
    },
  };
}

import type { CaseView } from '../simulation/case-tracker.js';
import type { DemoActor, DemoPlan, DemoStart, DemoTask, DemoWait, DemoWorld } from './demo-actor.js';
import { DEMO_PROFILE } from './demo-profile.js';
import { pickGrid, type DemoGrid, type DemoResident } from './demo-residents.js';
import { chinaDateTime, instant, lateAfter, onTimeWithin, workingDaysAfter } from './demo-timing.js';
import { QuotaDraw } from './quota-draw.js';

/** Items residents ask for, by weight; HY-001 (婚姻登记) is not on the street's list and is guided elsewhere. */
const ITEMS = {
  'YL-001': 18, 'YB-001': 15, 'JZ-001': 12, 'JY-001': 6, 'YL-002': 5, 'GL-001': 7, 'LS-001': 4, 'DB-001': 5, 'TK-001': 1,
  'CJ-001': 4, 'CJ-002': 3, 'JZ-002': 5, 'YB-002': 4, 'YB-003': 3, 'JY-002': 3, 'JS-001': 3, 'HY-001': 2,
} as const;
const CHANNELS = { 社区窗口: 35, 街道窗口: 28, 网上: 20, 上门: 5, 网格员代报: 12 } as const;
type Channel = keyof typeof CHANNELS;
const SPECIAL_GROUPS = { 无: 82, 高龄: 7, 残疾: 3, 失能: 2, 空巢: 3, 困难: 3 } as const;
const DEPARTMENTS: Record<string, string> = { minzheng: '区民政局', yibao: '区医疗保障局', canlian: '区残疾人联合会', gongan: '区公安分局' };
const SATISFIED = { 非常满意: 62, 满意: 30, 基本满意: 8 } as const;
const DISSATISFIED = { 不满意: 70, 非常不满意: 30 } as const;
const COMPLAINTS = ['等候时间过长', '窗口人员解释不清楚', '材料要求反复变化', '线上系统操作困难', '办理进度不透明'];

interface CatalogueItem {
  listed?: boolean;
  itemName?: string;
  handlingType?: string;
  materials?: Array<{ code: string; name: string }>;
  dept?: string | null;
  level?: string;
}

interface ServiceItemStory {
  itemCode: string;
  channel: Channel;
  grid: DemoGrid;
  applicant: DemoResident;
  idType: '居民身份证' | '其他';
  specialGroup: keyof typeof SPECIAL_GROUPS;
  needProxy: boolean;
  acceptDecision: '受理' | '需补正' | '不予受理' | '引导';
  supplement: 'supplemented' | 'withdrawn' | 'expired';
  /** The clerk decides the intake after the 5-working-day limit (视为受理). */
  intakeLate: boolean;
  /** Promised handling decided after the promised limit (红灯). */
  late: boolean;
  withdrawWhileHandling: boolean;
  decision: '准予' | '部分准予' | '不予';
  /** Follow-up calls that do not reach the applicant before one does (3: never reached). */
  missedCalls: number;
  intakes: number;
  followUps: number;
  extraVisit: boolean;
}

const file = (caseNo: unknown, name: string) => `demo-files/${String(caseNo)}/${name}`;

/** 便民服务事项办理: residents apply at windows, online or through grid workers; clerks, back offices and district departments decide. */
export function serviceItemActor(): DemoActor<ServiceItemStory> {
  const satisfied = new QuotaDraw(DEMO_PROFILE.serviceSatisfaction);
  const onTime = new QuotaDraw(DEMO_PROFILE.serviceOnTime);
  const item = (view: CaseView) => (view.variables.get('item') ?? {}) as CatalogueItem;
  const caseNo = (view: CaseView) => view.variables.get('caseNo');
  const serviceUnit = (story: ServiceItemStory) =>
    story.channel === '街道窗口' || story.channel === '网上' ? `${story.grid.streetName}便民服务中心` : `${story.grid.communityName}便民服务站`;

  const intake = (story: ServiceItemStory, view: CaseView, world: DemoWorld) => {
    const catalogue = item(view);
    const decision = story.intakes === 1 ? story.acceptDecision : '受理';
    const materials = (catalogue.materials ?? [{ code: 'ID', name: '居民身份证' }]).map((m) => ({ code: m.code, provided: true }));
    if (decision === '需补正') materials[materials.length - 1].provided = false;
    const vars: Record<string, unknown> = {
      itemCode: story.itemCode,
      channel: story.channel,
      applicantName: story.applicant.name,
      idType: story.idType,
      idNumber: story.idType === '居民身份证' ? story.applicant.idNumber : `E${world.dice.integer(10_000_000, 99_999_999)}`,
      phone: story.applicant.phone,
      gridId: story.grid.gridId,
      specialGroup: story.specialGroup,
      needProxy: story.needProxy,
      materials,
      acceptDecision: decision,
    };
    if (story.needProxy) vars.proxyAuthorization = file(caseNo(view), '授权委托书.pdf');
    if (decision === '需补正') vars.oneTimeNotice = file(caseNo(view), '一次性告知书.pdf');
    if (decision === '不予受理') vars.reason = '经核查申请人不符合该事项的申请条件，已当面说明';
    if (decision === '引导') vars.reason = '该事项需先到区级部门办理前置手续，已告知办理地点和所需材料';
    return vars;
  };

  const decisionVariables = (story: ServiceItemStory, unit: string): Record<string, unknown> => {
    const vars: Record<string, unknown> = { handlerUnit: unit, decision: story.decision };
    if (story.decision === '不予') {
      vars.decisionReason = '经审核，申请人家庭经济状况不符合规定条件';
      vars.remedy = '如不服本决定，可自收到之日起60日内申请行政复议，或者6个月内提起行政诉讼。';
    }
    if (story.decision === '部分准予') vars.decisionReason = '部分申请事项材料不全，先行办理符合条件的部分';
    return vars;
  };

  /** When a promised-handling step is done: within the limit, or (for a late case) after it. */
  const handlingTime = (story: ServiceItemStory, from: number, dueAt: number, world: DemoWorld) =>
    story.late && Number.isFinite(dueAt) ? lateAfter(world, dueAt, [1, 4]) : Number.isFinite(dueAt) ? onTimeWithin(world, from, dueAt, [0.2, 0.85]) : workingDaysAfter(world, from, [1, 5]);

  return {
    processId: 'service-item',
    handles: new Set([
      'Activity_Intake', 'Activity_Proxy', 'Activity_OnTheSpot', 'Activity_Survey', 'Activity_BackOffice', 'Activity_Delivery',
      'Activity_FollowUp', 'Activity_VerifyComplaint', 'Activity_Rectify', 'Activity_RectifyFeedback', 'Activity_Revisit',
    ]),

    newCase(_at: number, world: DemoWorld): { story: ServiceItemStory; start: DemoStart } {
      const { dice } = world;
      const itemCode = dice.weighted(ITEMS);
      const specialGroup = dice.weighted(SPECIAL_GROUPS);
      const grid = pickGrid(dice, world.grids);
      const elderly = specialGroup === '高龄' || specialGroup === '空巢';
      const story: ServiceItemStory = {
        itemCode,
        channel: specialGroup === '失能' ? '上门' : dice.weighted(CHANNELS),
        grid,
        applicant: world.residents.resident(grid, elderly ? [78, 92] : [22, 85]),
        idType: dice.chance(0.97) ? '居民身份证' : '其他',
        specialGroup,
        needProxy: specialGroup !== '无' ? dice.chance(0.7) : dice.chance(0.03),
        acceptDecision: dice.weighted({ 受理: 85, 需补正: 10, 不予受理: 3, 引导: 2 }),
        supplement: dice.weighted({ supplemented: 75, withdrawn: 10, expired: 15 }),
        intakeLate: dice.chance(0.015),
        late: false,
        withdrawWhileHandling: dice.chance(0.01),
        decision: dice.weighted({ 准予: 93, 部分准予: 2, 不予: 5 }),
        missedCalls: { none: 0, once: 1, never: 3 }[dice.weighted({ none: 90, once: 7, never: 3 })],
        intakes: 0,
        followUps: 0,
        extraVisit: dice.chance(0.04),
      };
      const variables = { itemCode, channel: story.channel, gridId: grid.gridId, applicantName: story.applicant.name, phone: story.applicant.phone };
      const online = story.channel === '网上' || story.channel === '网格员代报';
      return { story, start: online ? { kind: 'message', name: 'service-item-application', variables } : { kind: 'create', variables } };
    },

    onTask(task: DemoTask, story: ServiceItemStory, view: CaseView, world: DemoWorld): DemoPlan | undefined {
      const { dice } = world;
      switch (task.elementId) {
        case 'Activity_Intake': {
          story.intakes++;
          const walkIn = story.channel !== '网上' && story.channel !== '网格员代报';
          let at: number;
          if (story.intakeLate && story.intakes === 1 && task.dueAt !== undefined) at = lateAfter(world, task.dueAt, [1, 2]);
          // Walk-ins are registered at the desk session they came to; online applications within a working day.
          else at = walkIn ? world.office.desk(task.createdAt) : workingDaysAfter(world, task.createdAt, [0, 1]);
          return { at, complete: () => intake(story, view, world) };
        }
        case 'Activity_Proxy':
          return {
            at: workingDaysAfter(world, task.createdAt, [0, 2]),
            complete: (at) => {
              const homeVisit = ['高龄', '失能', '残疾'].includes(story.specialGroup) || story.channel === '上门';
              return {
                proxyAgent: world.residents.name(),
                authorizationChecked: true,
                homeVisit,
                ...(homeVisit ? { visitDate: world.office.dateOf(at), visitAddress: story.applicant.address } : {}),
                materialsCollected: true,
                serviceNote: homeVisit ? '上门核验委托书并代为收取材料' : '核验委托书，代为提交材料',
              };
            },
          };
        case 'Activity_OnTheSpot':
          // 即办件 are decided while the applicant waits.
          return { at: world.office.desk(task.createdAt), complete: () => decisionVariables(story, serviceUnit(story)) };
        case 'Activity_Survey':
          return {
            at: task.dueAt ? onTimeWithin(world, task.createdAt, task.dueAt, [0.05, 0.2]) : workingDaysAfter(world, task.createdAt, [1, 4]),
            complete: (at) => ({
              surveyDate: world.office.dateOf(at),
              surveyors: `${world.residents.name()}、${world.residents.name()}`,
              householdSize: dice.integer(1, 5),
              monthlyIncomePerCapita: dice.integer(300, 900),
              findings: '入户核查家庭人口、收入和财产状况，与申报情况一致',
              noticeStart: world.office.dateOf(at),
              noticePlace: `${story.grid.communityName}居务公开栏`,
            }),
          };
        case 'Activity_BackOffice': {
          if (story.withdrawWhileHandling) return withdrawal(story, view, workingDaysAfter(world, task.createdAt, [1, 3]));
          story.late = !onTime.next();
          const unit = item(view).level === '社区可办' ? `${story.grid.communityName}社区服务站` : `${story.grid.streetName}民生保障办公室`;
          return { at: handlingTime(story, task.createdAt, task.dueAt ?? NaN, world), complete: () => decisionVariables(story, unit) };
        }
        case 'Activity_Delivery':
          return {
            at: item(view).handlingType === '即办件' ? world.office.desk(task.createdAt) : workingDaysAfter(world, task.createdAt, [0, 2]),
            complete: (at) => delivery(story, view, world, at),
          };
        case 'Activity_FollowUp': {
          story.followUps++;
          const attempt = story.followUps;
          const late = dice.chance(0.03);
          const at = task.dueAt === undefined ? workingDaysAfter(world, task.createdAt, [0, 1]) : late ? lateAfter(world, task.dueAt, [1, 1]) : onTimeWithin(world, task.createdAt, task.dueAt, [0.05, 0.9]);
          return {
            at,
            complete: () => {
              if (attempt <= story.missedCalls) return { method: '电话', reached: false, comment: '电话无人接听' };
              const happy = satisfied.next();
              const rating = happy ? dice.weighted(SATISFIED) : dice.weighted(DISSATISFIED);
              return {
                method: dice.weighted({ 电话: 80, 短信: 10, 微信: 10 }),
                reached: true,
                rating,
                resolved: happy,
                ...(happy ? {} : { comment: dice.pick(COMPLAINTS) }),
              };
            },
          };
        }
        case 'Activity_VerifyComplaint': {
          const finding = dice.weighted({ 属实: 50, 部分属实: 20, 不属实: 30 });
          return {
            at: workingDaysAfter(world, task.createdAt, [0, 2]),
            complete: () => ({
              complaintFinding: finding,
              ...(finding === '不属实' ? {} : { responsibleUnit: serviceUnit(story) }),
              verifyNote: finding === '不属实' ? '调取叫号和办理记录，未发现反映的问题' : '经调取记录和询问当班人员，反映情况基本属实',
            }),
          };
        }
        case 'Activity_Rectify':
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 5]),
            complete: (at) => ({ measures: '对窗口人员开展业务培训，优化办事指南并增设引导岗', rectifiedAt: world.office.dateOf(at) }),
          };
        case 'Activity_RectifyFeedback':
          return {
            at: workingDaysAfter(world, task.createdAt, [0, 2]),
            complete: () => ({ feedbackMethod: '电话', feedbackContent: '向申请人反馈核实结果和整改措施并致歉', applicantAccepted: true }),
          };
        case 'Activity_Revisit':
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 3]),
            complete: () => ({ method: '电话', reached: true, rating: dice.weighted({ 满意: 60, 基本满意: 40 }), resolved: true }),
          };
        default:
          return undefined;
      }
    },

    onWait(wait: DemoWait, story: ServiceItemStory, view: CaseView, world: DemoWorld): DemoPlan | undefined {
      const correlationKey = String(caseNo(view));
      switch (wait.elementId) {
        case 'Activity_WaitSupplement':
          if (story.supplement === 'supplemented') {
            return {
              at: workingDaysAfter(world, wait.since, [1, 8]),
              publish: (at) => [{ name: 'service-item-supplemented', correlationKey, variables: { supplementedAt: chinaDateTime(at) } }],
            };
          }
          if (story.supplement === 'withdrawn') return withdrawal(story, view, workingDaysAfter(world, wait.since, [2, 6]));
          return undefined; // 补正期限届满: the timer closes the case
        case 'Activity_WaitDeptResult': {
          if (story.withdrawWhileHandling) return withdrawal(story, view, workingDaysAfter(world, wait.since, [1, 3]));
          story.late = !onTime.next();
          const dueAt = instant((view.variables.get('deadline') as { dueAt?: string } | undefined)?.dueAt);
          const dept = DEPARTMENTS[String(item(view).dept)] ?? '区级主管部门';
          return {
            at: handlingTime(story, wait.since, dueAt, world),
            publish: () => [{ name: 'service-item-dept-result', correlationKey, variables: decisionVariables(story, dept) }],
          };
        }
        default:
          return undefined; // timers (公示7日, 次日再访) pass by themselves
      }
    },
  };
}

function withdrawal(story: ServiceItemStory, view: CaseView, at: number): DemoPlan {
  story.withdrawWhileHandling = false;
  return {
    at,
    publish: () => [{ name: 'service-item-withdrawn', correlationKey: String(view.variables.get('caseNo')), variables: { withdrawReason: '申请人已通过其他途径办理' } }],
  };
}

function delivery(story: ServiceItemStory, view: CaseView, world: DemoWorld, at: number): Record<string, unknown> {
  const { dice } = world;
  const immediate = (view.variables.get('item') as CatalogueItem | undefined)?.handlingType === '即办件';
  const remote = story.channel === '网上' || story.channel === '网格员代报' || story.channel === '上门';
  let mode: string;
  if (immediate) mode = remote ? dice.weighted({ 电子证照: 70, 邮寄: 20, 上门送达: 10 }) : dice.weighted({ 窗口领取: 75, 电子证照: 25 });
  else if (story.needProxy || story.channel === '上门') mode = '上门送达';
  else mode = dice.weighted({ 窗口领取: 30, 邮寄: 25, 电子证照: 35, 上门送达: 10 });
  // Visits the applicant made: applying at a window is one, collecting there another; 补正 in person adds one.
  let visits = remote ? 0 : 1;
  if (!immediate && mode === '窗口领取') visits++;
  if (immediate && mode === '窗口领取' && remote) visits++;
  if (story.intakes > 1 && !remote) visits++;
  if (story.extraVisit) visits++;
  return {
    deliveryMode: mode,
    visitCount: visits,
    deliveredAt: chinaDateTime(at),
    ...(mode === '邮寄' ? { trackingNo: `EMS${dice.integer(100_000_000, 999_999_999)}CN` } : {}),
  };
}

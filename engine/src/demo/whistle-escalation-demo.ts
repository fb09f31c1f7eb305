import type { CaseView } from '../simulation/case-tracker.js';
import type { DemoActor, DemoPlan, DemoStart, DemoTask, DemoWait, DemoWorld } from './demo-actor.js';
import { DEMO_PROFILE } from './demo-profile.js';
import { pickGrid, type DemoGrid } from './demo-residents.js';
import { chinaDateTime, instant, minutesAfter, onGrid, onTimeWithin, workingDaysAfter } from './demo-timing.js';
import { QuotaDraw } from './quota-draw.js';

const SOURCES = { 网格巡查: 35, '12345': 25, 汶诉即办: 8, 微信群: 10, APP点单: 10, 监督员: 6, 部门移交: 6 } as const;
type Source = keyof typeof SOURCES;
/** Sources that come in over the hotline and apps (message start); the others are registered by staff. */
const REPORTED: readonly Source[] = ['12345', '汶诉即办', '微信群', 'APP点单'];
const CATEGORIES = {
  私搭乱建: { weight: 12, text: ['楼顶新建彩钢板房', '小区绿地内私搭棚屋', '底商违规外扩'], depts: ['综合执法', '自然资源'] },
  道路破损: { weight: 12, text: ['人行道地砖塌陷', '小区路面坑洼积水', '井盖破损下沉'], depts: ['交通运输', '住建'] },
  占道经营: { weight: 12, text: ['早市摊贩占用人行道', '商户占道堆放货物', '流动摊贩堵塞路口'], depts: ['综合执法', '市场监管'] },
  停车秩序: { weight: 12, text: ['电动车乱停堵塞消防通道', '僵尸车长期占用车位', '机动车占用盲道'], depts: ['公安', '交通运输'] },
  小区飞线: { weight: 8, text: ['楼道飞线给电动车充电', '窗外私拉电线充电'], depts: ['消防', '水电气热企业'] },
  用电安全: { weight: 6, text: ['配电箱门损坏线路裸露', '地下室私接电源'], depts: ['消防', '水电气热企业'] },
  物业服务: { weight: 14, text: ['楼道灯长期不亮', '垃圾清运不及时', '电梯频繁故障'], depts: ['住建'] },
  安全隐患: { weight: 10, text: ['湖边护栏缺失', '健身器材松动', '空调外机支架锈蚀'], depts: ['消防', '住建'] },
  矛盾纠纷: { weight: 6, text: ['邻里装修噪音纠纷', '楼上漏水致楼下受损协商不成'], depts: ['司法'] },
  其他: { weight: 8, text: ['河道漂浮垃圾', '夜间施工噪音扰民'], depts: ['生态环境'] },
} as const;
type Category = keyof typeof CATEGORIES;
const SECTIONS = ['section-urban', 'section-safety', 'section-emergency', 'section-community', 'section-planning', 'section-livelihood'];
const HOUR = 3_600_000;

type Route = '前端处置' | '街道办理' | '会议处置' | '吹哨' | '转其他程序';

interface WhistleStory {
  source: Source;
  grid: DemoGrid;
  category: Category;
  description: string;
  address: string;
  urgency: '一般' | '紧急';
  anonymous: boolean;
  contact?: { name: string; phone: string };
  duplicateOf?: string;
  route: Route;
  dispatches: number;
  dispatchLate: boolean;
  whistleRejected: boolean;
  reason: '群众反映突出街道无法解决' | '综合执法' | '应急处置';
  depts: string[];
  /** How each department answers its call first. */
  answers: Record<string, '接单' | '退单' | '申请延期'>;
  extensionRefused: boolean;
  needsCoordination: boolean;
  reviewFails: boolean;
  reworks: number;
  followUps: number;
  /** The reply after all reopening: satisfied or not (undefined until the first follow-up decides). */
  finallySatisfied?: boolean;
  reopenAnyway: boolean;
  repliedNot: boolean;
}

/** 吹哨报到: grid patrols, hotlines and apps report events; the street dispatches, whistles departments and checks the results. */
export function whistleEscalationActor(): DemoActor<WhistleStory> {
  const satisfied = new QuotaDraw(DEMO_PROFILE.whistleSatisfaction);
  const respondsInTime = new QuotaDraw(DEMO_PROFILE.whistleResponseOnTime);
  const reportsInTime = new QuotaDraw(0.92);
  const knownEvents: string[] = [];
  const caseNo = (view: CaseView) => String(view.variables.get('caseNo'));
  const handlingDue = (view: CaseView) => instant((view.variables.get('handlingDeadline') as { dueAt?: string } | undefined)?.dueAt);
  /** Whether there is time for another round of handling before the handling limit (按时办结率 stays at 100%). */
  const slackFor = (view: CaseView, at: number) => handlingDue(view) - at > 8 * HOUR;
  const photo = (view: CaseView, name: string) => [`demo-files/${caseNo(view)}/${name}.jpg`];

  const report = (story: WhistleStory, view: CaseView): Record<string, unknown> => ({
    eventNo: caseNo(view),
    source: story.source,
    gridId: story.grid.gridId,
    location: { address: story.address, longitude: 116.4 + (story.address.length % 10) / 100, latitude: 39.9 + (story.address.length % 7) / 100 },
    category: story.category,
    description: story.description,
    urgency: story.urgency,
    ...(story.source === '网格巡查' ? { photos: photo(view, 'before-1') } : {}),
    ...(story.anonymous ? { anonymous: true } : { contact: story.contact }),
    ...(story.duplicateOf ? { duplicateOf: story.duplicateOf } : {}),
  });

  const dispatch = (story: WhistleStory): Record<string, unknown> => {
    // The route follows from the triage table (派单分流): the dispatcher's level and basis select it.
    const route = story.dispatches > 1 && story.route === '吹哨' ? '会议处置' : story.route;
    switch (route) {
      case '吹哨':
        return { level: '疑难', basis: '部门职责', assignedUnits: ['station-enforcement'], dispatchNote: '超出街道职权，提请吹哨' };
      case '会议处置':
        return { level: '复杂', basis: '街道职责清单', assignedUnits: ['section-urban', 'section-community'], needMeeting: true };
      case '转其他程序':
        return { level: '复杂', basis: '街道职责清单', assignedUnits: ['station-justice'], dispatchNote: '矛盾纠纷转三调联动' };
      default:
        return { level: '一般', basis: '街道职责清单', assignedUnits: [SECTIONS[story.description.length % SECTIONS.length]] };
    }
  };

  const feedback = (story: WhistleStory, view: CaseView, at: number, result = '已解决'): Record<string, unknown> => ({
    actions: `${story.category}问题已现场处置：${story.description}，已整改到位`,
    result,
    ...(result === '已解决' || result === '部分解决' ? { photosAfter: photo(view, `after-${story.reworks + story.followUps + 1}`) } : {}),
    doneAt: chinaDateTime(at),
  });

  /**
   * Handling within the limit: a share of the time left before handlingDeadline; at desk sessions when the limit
   * is days away, on the half hour (round the clock) when it is hours.
   */
  const handlingAt = (task: DemoTask, world: DemoWorld) =>
    task.dueAt === undefined
      ? minutesAfter(world, task.createdAt, [60, 600])
      : onTimeWithin(world, task.createdAt, task.dueAt, [0.1, 0.6], task.dueAt - task.createdAt > 3 * 24 * HOUR, 30);

  return {
    processId: 'whistle-escalation',
    handles: new Set([
      'Activity_Register', 'Activity_InitialTriage', 'Activity_Dispatch', 'Activity_Meeting', 'Activity_Whistle', 'Activity_WhistleApproval',
      'Activity_DeptResponse', 'Activity_ExtensionApproval', 'Activity_Arbitration', 'Activity_Frontline', 'Activity_StreetHandling',
      'Activity_UnitHandling', 'Activity_JointHandling', 'Activity_Review', 'Activity_FollowUp', 'Activity_Consultation', 'Activity_RateDepts',
    ]),

    newCase(_at: number, world: DemoWorld): { story: WhistleStory; start: DemoStart } {
      const { dice } = world;
      const grid = pickGrid(dice, world.grids);
      const category = dice.weighted(Object.fromEntries(Object.entries(CATEGORIES).map(([k, v]) => [k, v.weight])) as Record<Category, number>);
      const source = dice.weighted(SOURCES);
      const anonymous = source !== '网格巡查' && source !== '监督员' && dice.chance(0.08);
      const resident = world.residents.resident(grid);
      const route: Route =
        category === '矛盾纠纷'
          ? dice.chance(0.7) ? '转其他程序' : '前端处置'
          : dice.weighted({ 前端处置: 60, 街道办理: 18, 会议处置: 8, 吹哨: 14 });
      const depts = dice.sample(CATEGORIES[category].depts, dice.chance(0.6) ? 1 : 2);
      const story: WhistleStory = {
        source,
        grid,
        category,
        description: `${dice.pick(CATEGORIES[category].text)}（${grid.communityName}）`,
        address: world.residents.address(grid),
        urgency: route === '吹哨' || route === '前端处置' || dice.chance(0.8) ? '一般' : '紧急',
        anonymous,
        ...(anonymous ? {} : { contact: { name: source === '网格巡查' ? `网格员${world.residents.name()}` : resident.name, phone: resident.phone } }),
        ...(knownEvents.length > 0 && dice.chance(0.03) ? { duplicateOf: dice.pick(knownEvents) } : {}),
        route,
        dispatches: 0,
        dispatchLate: dice.chance(0.05),
        whistleRejected: dice.chance(0.08),
        reason: dice.weighted({ 群众反映突出街道无法解决: 50, 综合执法: 40, 应急处置: 10 }),
        depts,
        answers: Object.fromEntries(depts.map((d) => [d, dice.weighted({ 接单: 88, 退单: 5, 申请延期: 7 })])),
        extensionRefused: dice.chance(0.25),
        needsCoordination: route === '会议处置' && dice.chance(0.1),
        reviewFails: dice.chance(0.05),
        reworks: 0,
        followUps: 0,
        reopenAnyway: dice.chance(0.03),
        repliedNot: dice.chance(0.03),
      };
      const variables: Record<string, unknown> = {
        source,
        gridId: grid.gridId,
        location: { address: story.address },
        category,
        description: story.description,
        urgency: story.urgency,
        ...(source === '网格巡查' ? { photos: ['demo-files/photos/patrol.jpg'] } : {}),
        ...(anonymous ? { anonymous: true } : { contact: story.contact }),
      };
      return { story, start: REPORTED.includes(source) ? { kind: 'message', name: 'whistle-event-reported', variables } : { kind: 'create', variables } };
    },

    onTask(task: DemoTask, story: WhistleStory, view: CaseView, world: DemoWorld): DemoPlan | undefined {
      const { dice } = world;
      switch (task.elementId) {
        case 'Activity_Register':
          if (!story.duplicateOf) knownEvents.push(caseNo(view));
          // Grid workers and hotline operators register a report as it comes in.
          return { at: task.createdAt, complete: () => report(story, view) };
        case 'Activity_InitialTriage': {
          const frontline = story.route === '前端处置';
          return {
            // A grid worker who found the problem judges it on the spot; reports from elsewhere wait for the grid.
            at: story.source === '网格巡查' ? task.createdAt : world.office.desk(task.createdAt),
            complete: () =>
              frontline
                ? { initialLevel: '一般', frontlineHandler: dice.weighted({ 网格员: 40, 社区: 35, 物业: 25 }) }
                : { initialLevel: story.route === '吹哨' ? '疑难' : '复杂', judgementNote: '网格内无法解决，上报街道' },
          };
        }
        case 'Activity_Dispatch': {
          story.dispatches++;
          const due = task.dueAt ?? task.createdAt + 2 * HOUR;
          const at = story.dispatchLate && story.dispatches === 1 ? onGrid(due + dice.integer(10, 90) * 60_000, 15) : onTimeWithin(world, task.createdAt, due, [0.1, 0.8], false, 15);
          return { at, complete: () => dispatch(story) };
        }
        case 'Activity_Meeting':
          return {
            at: workingDaysAfter(world, task.createdAt, [0, 1]),
            complete: (at) => ({
              meetingDate: world.office.dateOf(at),
              attendees: `城管办、平安办、${story.grid.communityName}、物业服务企业`,
              resolution: '明确牵头科室和配合单位，分头落实整改',
              assignedUnits: dice.sample(SECTIONS, 2),
            }),
          };
        case 'Activity_Whistle':
          return {
            at: world.office.desk(task.createdAt),
            complete: () => ({ reason: story.reason, depts: story.depts, requiredAction: story.reason === '群众反映突出街道无法解决' ? '会商' : '到场', approver: '吴书记', whistleNote: story.description }),
          };
        case 'Activity_WhistleApproval': {
          const rejected = story.whistleRejected;
          story.whistleRejected = false;
          return {
            at: world.office.desk(task.createdAt),
            complete: () => (rejected ? { approved: false, opinion: '属街道职责，由街道科室会同社区先行处置' } : { approved: true, opinion: '同意吹哨' }),
          };
        }
        case 'Activity_DeptResponse': {
          const dept = String(task.locals.dept);
          const first = story.answers[dept] ?? '接单';
          // After an extension was refused, the department takes the call.
          const answer = first === '申请延期' && story.extensionRefused && task.locals.decision === '申请延期' ? '接单' : first;
          const due = task.dueAt ?? task.createdAt + 2 * HOUR;
          const at = respondsInTime.next() ? onTimeWithin(world, task.createdAt, due, [0.1, 0.8], false) : due + dice.integer(5, 40) * 60_000;
          return {
            at,
            complete: (now) => ({
              decision: answer,
              ...(answer === '退单' ? { refuseBasis: `该事项不属于${dept}部门职责清单，应由属地或其他部门牵头` } : {}),
              ...(answer === '申请延期' ? { eta: chinaDateTime(now + dice.integer(24, 40) * HOUR) } : {}),
              contact: { name: `${dept}联络员${world.residents.name()}`, phone: world.residents.phone() },
            }),
          };
        }
        case 'Activity_ExtensionApproval': {
          const refused = story.extensionRefused;
          story.extensionRefused = false;
          return {
            at: world.office.desk(task.createdAt),
            complete: () => (refused ? { approved: false, opinion: '问题紧急，请当日到场处置' } : { approved: true, opinion: '同意延期到场' }),
          };
        }
        case 'Activity_Arbitration': {
          const dept = String(task.locals.dept);
          const upheld = dice.chance(0.7);
          const lead = upheld ? (story.depts.find((d) => d !== dept) ?? '综合执法') : dept;
          return {
            at: world.office.desk(task.createdAt + HOUR),
            complete: () => ({ refusalUpheld: upheld, leadUnit: lead, arbitrationNote: upheld ? `退单理由成立，由${lead}牵头处置` : `退单理由不成立，仍由${dept}牵头处置` }),
          };
        }
        case 'Activity_Frontline':
        case 'Activity_StreetHandling':
        case 'Activity_JointHandling': {
          const unfounded = task.elementId === 'Activity_Frontline' && story.reworks === 0 && story.followUps === 0 && dice.chance(0.04);
          return { at: handlingAt(task, world), complete: (at) => (unfounded ? { actions: '现场核查，反映情况不属实', result: '不属实', doneAt: chinaDateTime(at) } : feedback(story, view, at)) };
        }
        case 'Activity_UnitHandling': {
          const coordinate = story.needsCoordination;
          story.needsCoordination = false;
          return { at: handlingAt(task, world), complete: (at) => (coordinate ? { actions: '需产权单位配合，提请重新派单', result: '需协调', doneAt: chinaDateTime(at) } : feedback(story, view, at)) };
        }
        case 'Activity_Review': {
          const at = world.office.desk(task.createdAt);
          const fail = story.reviewFails && story.reworks === 0 && slackFor(view, at);
          if (fail) story.reworks++;
          return {
            at,
            complete: () => (fail ? { passed: false, score: 2, returnReason: '复查发现问题仍未彻底解决，返工' } : { passed: true, score: dice.integer(4, 5) }),
          };
        }
        case 'Activity_FollowUp': {
          story.followUps++;
          const at = world.office.desk(task.createdAt);
          if (story.repliedNot) return { at, complete: () => ({ replyMethod: '电话', replied: false, comment: '多次联系未接通' }) };
          const attempt = story.followUps;
          // A dissatisfied reply reopens the event: only when its handling limit leaves time for another round.
          const canReopen = attempt === 1 && slackFor(view, at);
          return {
            at,
            complete: () => {
              // Drawn when the reply is given, so that replies never given do not count against the quota.
              story.finallySatisfied ??= satisfied.next(canReopen || attempt > 1);
              const unhappyNow = !story.finallySatisfied || (story.reopenAnyway && canReopen);
              return unhappyNow
                ? { replyMethod: '电话', replied: true, satisfaction: '不满意', comment: attempt === 1 ? '问题没有彻底解决' : '问题反复出现' }
                : { replyMethod: dice.weighted({ 电话: 70, 微信: 20, APP: 10 }), replied: true, satisfaction: dice.weighted({ 满意: 80, 基本满意: 20 }) };
            },
          };
        }
        case 'Activity_Consultation':
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 3]),
            complete: (at) => {
              const conclusion = dice.weighted({ 办结: 40, 列入台账长期治理: 40, 转其他程序: 20 });
              return {
                consultationDate: world.office.dateOf(at),
                participants: `街道相关科室、${story.grid.communityName}、反映人代表`,
                conclusion,
                measures: conclusion === '转其他程序' ? '涉及民事争议，转人民调解' : '明确长效管理措施并告知反映人',
                ...(conclusion === '列入台账长期治理' ? { ledgerReviewDate: world.office.dateOf(at + 30 * 24 * HOUR) } : {}),
              };
            },
          };
        case 'Activity_RateDepts': {
          const result = (task.locals.deptResult ?? {}) as { overdue?: boolean };
          return {
            at: workingDaysAfter(world, task.createdAt, [1, 3]),
            complete: () => ({ timely: result.overdue !== true, attitude: dice.integer(result.overdue ? 3 : 4, 5), effect: dice.integer(3, 5) }),
          };
        }
        default:
          return undefined;
      }
    },

    onWait(wait: DemoWait, _story: WhistleStory, view: CaseView, world: DemoWorld): DemoPlan | undefined {
      if (wait.elementId !== 'Activity_WaitReport') return undefined;
      const due = instant((wait.locals.arriveDeadline as { dueAt?: string } | undefined)?.dueAt);
      const deadline = Number.isFinite(due) ? due : wait.since + 24 * HOUR;
      const at = reportsInTime.next() ? onTimeWithin(world, wait.since, deadline, [0.1, 0.7], false, 15) : deadline + world.dice.integer(1, 6) * HOUR;
      return {
        at,
        publish: (now) => [{ name: 'whistle-dept-reported', correlationKey: `${caseNo(view)}:${String(wait.locals.deptCode)}`, variables: { reportedAt: chinaDateTime(now) } }],
      };
    },
  };
}

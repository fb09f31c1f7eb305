/**
 * Zeebe has no exporter a client can read, so the Zeebe runtime learns what an instance did from execution
 * listeners it adds at deploy time: every element Zeebe 8.6 allows them on gets a start and/or end listener whose
 * job (type gongzhi.history.start / gongzhi.history.end) the server's history worker turns into records. The
 * designer's copy of the XML in our store stays the user's; only what goes to the cluster carries the listeners.
 */
import { createZeebeModdle } from '../../deployment/zeebe-moddle.js';

export const HISTORY_START_JOB_TYPE = 'gongzhi.history.start';
export const HISTORY_END_JOB_TYPE = 'gongzhi.history.end';

type ListenerEvent = 'start' | 'end';

const BOTH: ListenerEvent[] = ['start', 'end'];
const ACTIVITIES = new Set([
  'bpmn:Task', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:UserTask', 'bpmn:ManualTask',
  'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:CallActivity', 'bpmn:SubProcess',
]);
const GATEWAYS = new Set(['bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway']);

/**
 * Which listeners an element gets. Conservative where Zeebe 8.6 restricts them: gateways take start listeners only,
 * start and boundary events end listeners only, end events that end the scope another way (error, escalation,
 * terminate, compensation) a start listener only; event sub-processes and what is inside them get none.
 */
export function historyListenerEvents(element: { $type: string; triggeredByEvent?: boolean; eventDefinitions?: Array<{ $type: string }> }): ListenerEvent[] {
  const type = element.$type;
  if (type === 'bpmn:Process') return BOTH;
  if (type === 'bpmn:SubProcess' && element.triggeredByEvent) return [];
  if (ACTIVITIES.has(type)) return BOTH;
  if (GATEWAYS.has(type)) return ['start'];
  if (type === 'bpmn:StartEvent' || type === 'bpmn:BoundaryEvent') return ['end'];
  if (type === 'bpmn:IntermediateCatchEvent' || type === 'bpmn:IntermediateThrowEvent') return BOTH;
  if (type === 'bpmn:EndEvent') {
    const special = (element.eventDefinitions ?? []).some((d) =>
      ['bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:TerminateEventDefinition', 'bpmn:CompensateEventDefinition'].includes(d.$type),
    );
    return special ? ['start'] : BOTH;
  }
  return [];
}

interface ModdleElement {
  $type: string;
  id?: string;
  triggeredByEvent?: boolean;
  eventDefinitions?: Array<{ $type: string }>;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  extensionElements?: { values?: ModdleElement[] } & ModdleElement;
  listeners?: ModdleElement[];
  eventType?: string;
  type?: string;
  get?(name: string): unknown;
  set?(name: string, value: unknown): void;
}

/**
 * The XML with history listeners added to every executable process's elements (at every depth). Listeners the
 * user declared are kept, ours come after them, and an element that already has ours is left alone (redeploying
 * the same file gives the same XML, so Zeebe keeps its version).
 */
export async function withHistoryListeners(xml: string): Promise<string> {
  const moddle = createZeebeModdle();
  const { rootElement } = await moddle.fromXML(xml);
  const definitions = rootElement as ModdleElement;
  let changed = false;
  const visit = (element: ModdleElement) => {
    for (const event of historyListenerEvents(element)) changed = addListener(moddle, element, event) || changed;
    // An event sub-process is left whole: what Zeebe 8.6 allows inside one is not settled enough to risk a refused deployment.
    if (element.$type === 'bpmn:SubProcess' && element.triggeredByEvent) return;
    for (const child of element.flowElements ?? []) visit(child);
  };
  for (const root of definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Process' && (root as { isExecutable?: boolean }).isExecutable !== false) visit(root);
  }
  if (!changed) return xml;
  return (await moddle.toXML(definitions, { format: true })).xml;
}

function addListener(moddle: ReturnType<typeof createZeebeModdle>, element: ModdleElement, event: ListenerEvent): boolean {
  const type = event === 'start' ? HISTORY_START_JOB_TYPE : HISTORY_END_JOB_TYPE;
  let extensions = element.extensionElements;
  if (!extensions) {
    extensions = moddle.create('bpmn:ExtensionElements', { values: [] });
    element.extensionElements = extensions;
    (extensions as { $parent?: unknown }).$parent = element;
  }
  extensions!.values ??= [];
  let container = extensions!.values!.find((v) => v.$type === 'zeebe:ExecutionListeners');
  if (!container) {
    container = moddle.create('zeebe:ExecutionListeners', { listeners: [] }) as ModdleElement;
    extensions!.values!.push(container);
  }
  container.listeners ??= [];
  if (container.listeners.some((l) => l.type === type && l.eventType === event)) return false;
  // Retries 3, like a service task's default: a store hiccup in the history worker should not stop a case.
  container.listeners.push(moddle.create('zeebe:ExecutionListener', { eventType: event, type, retries: '3' }) as ModdleElement);
  return true;
}

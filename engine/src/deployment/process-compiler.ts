/**
 * One executable bpmn:Process → ExecutableProcess: walks the process and its sub-processes,
 * compiles every flow node, connects sequence flows and boundary events, and resolves each
 * container's start events and link targets. Graph-only rules run afterwards.
 */
import type { ExecutableProcess, FlowNode, SequenceFlow } from '../model/executable-process.js';
import {
  elementIdOf,
  elementListProperty,
  elementProperty,
  expressionBody,
  nonBlankProperty,
  stringProperty,
  type BpmnElement,
} from './bpmn-element.js';
import type { CompilationContext } from './compilation-context.js';
import { capitalise, describeElement, typeWords } from './element-description.js';
import { ACTIVITY_KINDS, classifyFlowElement } from './flow-element-kinds.js';
import { compileExecutionListeners } from './execution-listener-compiler.js';
import { compileFlowNode, reportUnsupportedExtensions, type ContainerKind } from './flow-node-compiler.js';
import { validateProcessGraph } from './process-graph-validation.js';
import { compileVariableMappings } from './variable-mapping-compiler.js';

interface PendingFlow {
  element: BpmnElement;
  id: string;
  scopeId: string;
}

/** Compiles one process; undefined when it has problems (they are in the context). */
export function compileProcess(context: CompilationContext, processElement: BpmnElement): ExecutableProcess | undefined {
  const before = context.problems.length;
  const processId = elementIdOf(processElement);
  if (processId === undefined) {
    context.report(undefined, 'An executable process has no id');
    return undefined;
  }
  const graph = new ProcessGraphBuilder(context, processElement, processId).build();
  validateProcessGraph(context, graph);
  return context.problems.length === before ? graph : undefined;
}

class ProcessGraphBuilder {
  private readonly elements = new Map<string, FlowNode>();
  private readonly sources = new Map<string, BpmnElement>();
  private readonly pendingFlows: PendingFlow[] = [];
  /** Ids of elements already reported as unsupported: flows to them are not reported again. */
  private readonly unsupportedIds = new Set<string>();
  private readonly ignoredIds = new Set<string>();

  constructor(
    private readonly context: CompilationContext,
    private readonly processElement: BpmnElement,
    private readonly processId: string,
  ) {}

  build(): ExecutableProcess {
    const processNode: FlowNode = {
      id: this.processId,
      kind: 'process',
      flowScopeId: '',
      incoming: [],
      outgoing: [],
      ...compileVariableMappings(this.context, this.processElement),
      boundaryEventIds: [],
      childIds: [],
      eventSubProcessStartIds: [],
    };
    const name = nonBlankProperty(this.processElement, 'name');
    if (name) processNode.name = name;
    this.elements.set(this.processId, processNode);
    reportUnsupportedExtensions(this.context, this.processElement, this.processId);
    compileExecutionListeners(this.context, this.processElement, processNode);

    this.walk(this.processElement, processNode, 'process');
    const flows = this.connectFlows();
    this.attachBoundaryEvents();
    this.resolveStartEvents();

    const graph: ExecutableProcess = {
      bpmnProcessId: this.processId,
      elements: this.elements,
      flows,
      eventStartIds: processNode.childIds!.filter((id) => this.isEventStart(this.elements.get(id)!)),
      linkTargets: this.linkTargets(),
    };
    if (name) graph.name = name;
    if (processNode.noneStartEventId) graph.noneStartEventId = processNode.noneStartEventId;
    const versionTag = this.context.singleExtension(this.processElement, 'zeebe:VersionTag');
    const versionTagValue = versionTag && nonBlankProperty(versionTag, 'value');
    if (versionTagValue) graph.versionTag = versionTagValue;
    return graph;
  }

  private walk(container: BpmnElement, containerNode: FlowNode, containerKind: ContainerKind): void {
    for (const element of elementListProperty(container, 'flowElements')) {
      const category = classifyFlowElement(element);
      const id = elementIdOf(element);
      if (category.category === 'ignored') {
        if (id !== undefined) this.ignoredIds.add(id);
        continue;
      }
      if (id === undefined) {
        this.context.report(containerNode.id, `A ${typeWords(element.$type)} in ${describeElement(container)} has no id`);
        continue;
      }
      if (category.category === 'unsupported') {
        this.unsupportedIds.add(id);
        this.context.report(id, `Element '${id}' of type '${element.$type}' is not supported`);
        continue;
      }
      if (category.category === 'sequenceFlow') {
        this.pendingFlows.push({ element, id, scopeId: containerNode.id });
        continue;
      }
      const node = compileFlowNode(this.context, element, id, category.kind, containerNode.id, containerKind);
      this.elements.set(id, node);
      this.sources.set(id, element);
      containerNode.childIds!.push(id);
      if (category.kind === 'subProcess' || category.kind === 'eventSubProcess') {
        this.walk(element, node, category.kind);
      }
    }
  }

  private connectFlows(): Map<string, SequenceFlow> {
    const flows = new Map<string, SequenceFlow>();
    for (const pending of this.pendingFlows) {
      const source = this.flowEnd(pending, 'sourceRef');
      const target = this.flowEnd(pending, 'targetRef');
      if (!source || !target) continue;
      if (source.flowScopeId !== pending.scopeId || target.flowScopeId !== pending.scopeId) {
        this.context.report(
          pending.id,
          `Sequence flow '${pending.id}' connects '${source.id}' and '${target.id}', which are not both directly inside ` +
            `'${pending.scopeId}': sequence flows cannot cross sub-process boundaries`,
        );
        continue;
      }
      const flow: SequenceFlow = { id: pending.id, sourceId: source.id, targetId: target.id };
      const name = nonBlankProperty(pending.element, 'name');
      if (name) flow.name = name;
      const condition = this.compileCondition(pending, source);
      if (condition !== undefined) flow.condition = condition;
      flows.set(flow.id, flow);
      source.outgoing.push(flow.id);
      target.incoming.push(flow.id);
    }
    return flows;
  }

  /** The flow node at one end of a sequence flow, or a report of why there is none. */
  private flowEnd(pending: PendingFlow, property: 'sourceRef' | 'targetRef'): FlowNode | undefined {
    const end = property === 'sourceRef' ? 'source' : 'target';
    const referenced = elementProperty(pending.element, property);
    const id = referenced ? elementIdOf(referenced) : this.context.unresolvedReferences.idWrittenIn(pending.element, property);
    if (id === undefined) {
      this.context.report(pending.id, `Sequence flow '${pending.id}' has no ${end} (${property})`);
      return undefined;
    }
    if (this.unsupportedIds.has(id)) return undefined;
    const node = this.elements.get(id);
    if (node && node.kind !== 'process') return node;
    if (!referenced) {
      this.context.report(pending.id, `The ${end} '${id}' of sequence flow '${pending.id}' does not exist`);
    } else {
      const what = this.ignoredIds.has(id) ? 'a data element' : `not a flow node of process '${this.processId}'`;
      this.context.report(pending.id, `The ${end} '${id}' of sequence flow '${pending.id}' is ${what}`);
    }
    return undefined;
  }

  private compileCondition(pending: PendingFlow, source: FlowNode): string | undefined {
    const conditionElement = elementProperty(pending.element, 'conditionExpression');
    if (!conditionElement) return undefined;
    const body = expressionBody(pending.element, 'conditionExpression')?.trim();
    if (!body) {
      this.context.report(pending.id, `Sequence flow '${pending.id}' has an empty condition`);
      return undefined;
    }
    if (source.kind !== 'exclusiveGateway' && source.kind !== 'inclusiveGateway') {
      this.context.report(
        pending.id,
        `Sequence flow '${pending.id}' has a condition but starts at ${typeWords(source.kind)} '${source.id}': ` +
          'conditional sequence flows are only supported after exclusive or inclusive gateways',
      );
      return undefined;
    }
    const language = stringProperty(conditionElement, 'language');
    if (language && !/feel/i.test(language)) {
      this.context.report(pending.id, `The condition of sequence flow '${pending.id}' is in language '${language}'; only FEEL is supported`);
      return undefined;
    }
    return this.context.feelExpression(pending.id, `the condition of sequence flow '${pending.id}'`, body);
  }

  private attachBoundaryEvents(): void {
    for (const node of this.elements.values()) {
      if (node.kind !== 'boundaryEvent') continue;
      const element = this.sources.get(node.id)!;
      const subject = capitalise(describeElement(element));
      const attached = elementProperty(element, 'attachedToRef');
      const attachedId = attached
        ? elementIdOf(attached)
        : this.context.unresolvedReferences.idWrittenIn(element, 'attachedToRef');
      if (attachedId === undefined) {
        this.context.report(node.id, `${subject} is not attached to an activity (attachedToRef)`);
        continue;
      }
      if (this.unsupportedIds.has(attachedId)) continue;
      const activity = this.elements.get(attachedId);
      if (!attached || !activity) {
        this.context.report(node.id, `${subject} is attached to '${attachedId}', which does not exist in process '${this.processId}'`);
        continue;
      }
      if (!ACTIVITY_KINDS.has(activity.kind)) {
        this.context.report(node.id, `${subject} is attached to ${typeWords(activity.kind)} '${activity.id}'; boundary events attach to activities`);
        continue;
      }
      if (activity.flowScopeId !== node.flowScopeId) {
        this.context.report(node.id, `${subject} must be defined in the same scope as the activity '${activity.id}' it is attached to`);
        continue;
      }
      if (node.eventDefinition?.type === 'escalation' && activity.kind !== 'subProcess' && activity.kind !== 'callActivity') {
        this.context.report(node.id, `${subject} catches an escalation, so it must be attached to a sub-process or call activity`);
        continue;
      }
      node.attachedToId = activity.id;
      activity.boundaryEventIds.push(node.id);
    }
  }

  /** Each container's none start event, and where event sub-processes start. */
  private resolveStartEvents(): void {
    for (const container of this.elements.values()) {
      if (container.kind !== 'process' && container.kind !== 'subProcess' && container.kind !== 'eventSubProcess') continue;
      const starts = container.childIds!.map((id) => this.elements.get(id)!).filter((node) => node.kind === 'startEvent');
      const subject = container.kind === 'process' ? `Process '${container.id}'` : capitalise(`${typeWords(container.kind)} '${container.id}'`);
      if (container.kind === 'process') {
        if (starts.length === 0) {
          this.context.report(container.id, `${subject} must have at least one start event (none, message, timer or signal)`);
        }
        const noneStarts = starts.filter((node) => node.eventDefinition?.type === 'none');
        if (noneStarts.length > 1) {
          this.context.report(
            noneStarts[1].id,
            `${subject} has ${noneStarts.length} none start events (${noneStarts.map((node) => node.id).join(', ')}); at most one is allowed`,
          );
        }
        if (noneStarts[0]) container.noneStartEventId = noneStarts[0].id;
        continue;
      }
      if (starts.length !== 1) {
        this.context.report(container.id, `${subject} must have exactly one start event (found ${starts.length})`);
      }
      const start = starts[0];
      if (!start) continue;
      if (container.kind === 'subProcess') {
        if (start.eventDefinition?.type === 'none') container.noneStartEventId = start.id;
      } else {
        container.startEventId = start.id;
        this.elements.get(container.flowScopeId)?.eventSubProcessStartIds?.push(start.id);
      }
    }
  }

  private isEventStart(node: FlowNode): boolean {
    const type = node.kind === 'startEvent' ? node.eventDefinition?.type : undefined;
    return type === 'message' || type === 'timer' || type === 'signal';
  }

  /** Link catch events by `${flowScopeId}/${linkName}`: a link throw jumps to the catch of that name in its scope. */
  private linkTargets(): Map<string, string> {
    const targets = new Map<string, string>();
    for (const node of this.elements.values()) {
      if (node.kind !== 'intermediateCatchEvent' || node.eventDefinition?.type !== 'link') continue;
      const key = `${node.flowScopeId}/${node.eventDefinition.linkName}`;
      const existing = targets.get(key);
      if (existing !== undefined) {
        this.context.report(
          node.id,
          `Link catch events '${existing}' and '${node.id}' have the same link name '${node.eventDefinition.linkName}' in one scope`,
        );
        continue;
      }
      targets.set(key, node.id);
    }
    return targets;
  }
}

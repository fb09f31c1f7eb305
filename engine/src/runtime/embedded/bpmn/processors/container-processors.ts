import type { ElementProcessor } from './element-processor.js';
import { completeElement, createElementInstance, markActivated, processOf } from '../element-lifecycle.js';
import { openEventSubProcessSubscriptions } from '../behaviours/event-subscription-behaviour.js';
import { raiseIncident } from '../behaviours/incident-behaviour.js';

/** The process itself: starts at its none start event, a triggered start event, or start instructions. */
export const processProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    markActivated(b, ei);
    await openEventSubProcessSubscriptions(b, ei, element);
    const process = processOf(b, ei);
    const startAt = ei.data.startAt ?? (element.noneStartEventId ? [element.noneStartEventId] : []);
    const triggerVariables = ei.data.triggerVariables;
    ei.data.triggerVariables = undefined;
    b.state.elementInstances.update(ei);
    if (startAt.length === 0) {
      await raiseIncident(b, ei, 'UNKNOWN', `Process '${process.bpmnProcessId}' has no none start event to start at`, 'none');
      return;
    }
    for (const elementId of startAt) {
      await createElementInstance(b, { process, elementId, flowScope: ei, data: triggerVariables ? { triggerVariables } : undefined });
    }
  },

  async rootLeft(b, root, variables, terminated) {
    if (root.data.startCorrelationKey !== undefined) {
      b.state.messageStartLocks.delete(`${root.data.bpmnProcessId}|${root.data.startCorrelationKey}`);
    }
    if (terminated || root.data.parentElementInstanceKey === undefined) return;
    const callActivity = await b.state.elementInstances.get(String(root.data.parentElementInstanceKey));
    if (!callActivity || callActivity.state !== 'ACTIVATED') return;
    callActivity.data.triggerVariables = variables ?? {};
    callActivity.data.calledProcessInstanceKey = undefined;
    b.steps.push({ kind: 'run', run: () => completeElement(b, callActivity) });
  },
};

/** Embedded sub-process: a scope that starts at its none start event. */
export const subProcessProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    markActivated(b, ei);
    await openEventSubProcessSubscriptions(b, ei, element);
    if (!element.noneStartEventId) {
      await raiseIncident(b, ei, 'UNKNOWN', `Sub-process '${element.id}' has no none start event`, 'none');
      return;
    }
    await createElementInstance(b, { process: processOf(b, ei), elementId: element.noneStartEventId, flowScope: ei });
  },
};

/** Event sub-process: started by its (triggered) start event, which carries the event's variables. */
export const eventSubProcessProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    markActivated(b, ei);
    await openEventSubProcessSubscriptions(b, ei, element);
    const triggerVariables = ei.data.triggerVariables;
    ei.data.triggerVariables = undefined;
    b.state.elementInstances.update(ei);
    const startId = ei.data.startAt?.[0] ?? element.startEventId!;
    await createElementInstance(b, { process: processOf(b, ei), elementId: startId, flowScope: ei, data: { triggerVariables } });
  },
};

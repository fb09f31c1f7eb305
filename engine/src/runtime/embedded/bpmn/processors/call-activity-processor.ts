import type { ElementProcessor } from './element-processor.js';
import { createElementInstance, markActivated, terminateElement } from '../element-lifecycle.js';
import { raiseIncident } from '../behaviours/incident-behaviour.js';
import { errorMessage } from '../behaviours/error-message.js';
import { evaluateMappings, propagateVariables, setLocalVariables, visibleVariables } from '../behaviours/variable-behaviour.js';
import { stringOf } from '../behaviours/expression-values.js';

/** Call activity: runs another process as a child instance and completes with it. */
export const callActivityProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    const called = element.calledElement!;
    let processId: string;
    try {
      processId = await stringOf(b, ei.key, called.processId, `the called process id of '${element.id}'`);
    } catch (error) {
      await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
      return;
    }
    const parent = b.definitions.process(ei.data.processDefinitionKey)!;
    const child =
      called.bindingType === 'versionTag' && called.versionTag
        ? b.definitions.processByVersionTag(processId, called.versionTag)
        : called.bindingType === 'deployment'
          ? b.definitions.allProcesses().find((p) => p.bpmnProcessId === processId && p.deploymentKey === parent.deploymentKey)
          : b.definitions.latestProcess(processId);
    if (!child) {
      const binding = called.bindingType === 'versionTag' ? ` with version tag '${called.versionTag}'` : '';
      await raiseIncident(
        b,
        ei,
        'CALLED_ELEMENT_ERROR',
        `Expected process with BPMN process id '${processId}'${binding} to be deployed, but not found.`,
        'activate',
      );
      return;
    }
    // All visible variables go to the child, or only the input-mapped ones.
    const variables = called.propagateAllParentVariables
      ? await visibleVariables(b, ei.key)
      : Object.fromEntries(await b.state.variables.scope(ei.key));
    markActivated(b, ei);
    const root = await createElementInstance(b, {
      process: child,
      elementId: child.bpmnProcessId,
      flowScope: null,
      data: { parentElementInstanceKey: ei.key, parentProcessInstanceKey: ei.processInstanceKey, createdAt: b.now() },
      variables,
    });
    ei.data.calledProcessInstanceKey = root.key;
    b.state.elementInstances.update(ei);
  },

  /** The child's variables: all of them (propagateAllChildVariables) or only what the output mappings make of them. */
  async applyOutputs(b, ei, element) {
    const childVariables = ei.data.triggerVariables ?? {};
    if (element.outputMappings.length > 0) {
      await setLocalVariables(b, ei, childVariables);
      const document = evaluateMappings(element.outputMappings, await visibleVariables(b, ei.key));
      await propagateVariables(b, ei.flowScopeKey!, document);
    } else if (element.calledElement!.propagateAllChildVariables) {
      await propagateVariables(b, ei.key, childVariables);
    }
  },

  async terminate(b, ei) {
    if (ei.data.calledProcessInstanceKey === undefined) return;
    const child = await b.state.elementInstances.get(String(ei.data.calledProcessInstanceKey));
    if (child) await terminateElement(b, child);
  },
};

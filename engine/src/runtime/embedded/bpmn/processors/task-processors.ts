import type { ElementProcessor } from './element-processor.js';
import { completeElement, markActivated } from '../element-lifecycle.js';
import { cancelJob, createJob } from '../behaviours/job-behaviour.js';
import { raiseIncident } from '../behaviours/incident-behaviour.js';
import { errorMessage } from '../behaviours/error-message.js';
import { evaluateInScope, propagateVariables, setLocalVariable, visibleVariables } from '../behaviours/variable-behaviour.js';
import { valueOf } from '../behaviours/expression-values.js';
import { evaluateDecision } from '../../../../decision/index.js';
import type { Batch } from '../../batch.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { FlowNode } from '../../../../model/executable-process.js';

/** Service, send and user tasks (and script / business rule tasks with a job definition) wait for a job worker. */
export const jobWorkerTaskProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    try {
      await createJob(b, ei, element);
    } catch (error) {
      await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
      return;
    }
    markActivated(b, ei);
  },
  async terminate(b, ei) {
    await cancelJob(b, ei);
  },
};

/** A result variable is set like a job's variables: local when output mappings read it, else propagated. */
async function setResult(b: Batch, ei: ElementInstanceRow, element: FlowNode, name: string, value: unknown): Promise<void> {
  if (element.outputMappings.length > 0) await setLocalVariable(b, ei, name, value);
  else await propagateVariables(b, ei.key, { [name]: value });
}

/** Script task with zeebe:script: a FEEL expression whose result is stored in the result variable. */
export const scriptTaskProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    if (element.job) return jobWorkerTaskProcessor.activate(b, ei, element);
    const script = element.script!;
    let result: unknown;
    try {
      result = await evaluateInScope(b, ei.key, script.expression);
    } catch (error) {
      await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
      return;
    }
    markActivated(b, ei);
    await setResult(b, ei, element, script.resultVariable, result);
    await completeElement(b, ei);
  },
  terminate: jobWorkerTaskProcessor.terminate,
};

/** Business rule task with zeebe:calledDecision: evaluates a deployed DMN decision. */
export const businessRuleTaskProcessor: ElementProcessor = {
  async activate(b, ei, element) {
    if (element.job) return jobWorkerTaskProcessor.activate(b, ei, element);
    const called = element.calledDecision!;
    let decisionId: string;
    try {
      decisionId = String(await valueOf(b, ei.key, called.decisionId));
    } catch (error) {
      await raiseIncident(b, ei, 'EXTRACT_VALUE_ERROR', errorMessage(error), 'activate');
      return;
    }
    const deployed = b.definitions.latestDecision(decisionId);
    if (!deployed) {
      await raiseIncident(
        b,
        ei,
        'CALLED_DECISION_ERROR',
        `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`,
        'activate',
      );
      return;
    }
    let output: unknown;
    try {
      const evaluation = evaluateDecision(deployed.drg.drg, decisionId, await visibleVariables(b, ei.key));
      output = evaluation.output;
      b.records.append('DECISION_EVALUATION', 'EVALUATED', b.keys.next(), ei.processInstanceKey, {
        decisionId,
        decisionKey: deployed.key,
        decisionVersion: deployed.version,
        decisionOutput: output,
        evaluatedDecisions: evaluation.evaluatedDecisions,
        elementId: element.id,
        elementInstanceKey: ei.key,
        processInstanceKey: ei.processInstanceKey,
      });
    } catch (error) {
      await raiseIncident(b, ei, 'DECISION_EVALUATION_ERROR', errorMessage(error), 'activate');
      return;
    }
    markActivated(b, ei);
    await setResult(b, ei, element, called.resultVariable, output);
    await completeElement(b, ei);
  },
  terminate: jobWorkerTaskProcessor.terminate,
};

import type { Batch } from '../batch.js';
import { propagateVariables, setLocalVariables } from '../bpmn/behaviours/variable-behaviour.js';
import { notFound } from '../../engine-rejection.js';

/** Sets variables on an element instance's scope (local) or merges them upwards (propagated). */
export async function setVariables(
  b: Batch,
  elementInstanceKey: number,
  variables: Record<string, unknown>,
  local: boolean,
): Promise<{ key: number }> {
  const ei = await b.state.elementInstances.get(String(elementInstanceKey));
  if (!ei) {
    throw notFound(`Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`);
  }
  const key = b.keys.next();
  if (local) await setLocalVariables(b, ei, variables);
  else await propagateVariables(b, ei.key, variables);
  b.records.append('VARIABLE_DOCUMENT', 'UPDATED', key, ei.processInstanceKey, {
    scopeKey: ei.key,
    updateSemantics: local ? 'LOCAL' : 'PROPAGATE',
    variables,
  });
  return { key };
}

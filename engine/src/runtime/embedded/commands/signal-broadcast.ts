import type { Batch } from '../batch.js';
import { triggerEvent } from '../bpmn/behaviours/event-trigger-behaviour.js';
import { startProcessInstance } from './process-instance-commands.js';

/** Broadcasts a signal to every catch, boundary and event sub-process subscription and every signal start event. */
export async function broadcastSignalInBatch(b: Batch, signalName: string, variables: Record<string, unknown>): Promise<{ signalKey: number }> {
  const signalKey = b.keys.next();
  b.records.append('SIGNAL', 'BROADCASTED', signalKey, null, { signalName, variables });
  const subscriptions = await b.state.signalSubscriptions.query('signal_name = $1', [signalName], (r) => r.signalName === signalName);
  subscriptions.sort((x, y) => x.key - y.key);
  for (const sub of subscriptions) {
    // A subscription closed by an earlier trigger of this broadcast (an interrupted scope) is skipped.
    if (!(await b.state.signalSubscriptions.get(String(sub.key)))) continue;
    await triggerEvent(b, sub.elementInstanceKey, sub.data.elementId, variables);
  }
  for (const start of b.definitions.signalStartEvents(signalName)) {
    await startProcessInstance(b, start.process, { startEventId: start.elementId, triggerVariables: variables });
  }
  return { signalKey };
}

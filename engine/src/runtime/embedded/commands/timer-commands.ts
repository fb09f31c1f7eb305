import type { Batch } from '../batch.js';
import type { TimerRow } from '../state/rows.js';
import { nextCycleDue } from '../../../timer/index.js';
import { timerValue } from '../bpmn/behaviours/event-subscription-behaviour.js';
import { triggerEvent } from '../bpmn/behaviours/event-trigger-behaviour.js';
import { startProcessInstance } from './process-instance-commands.js';

/** Fires one due timer: a start event creates an instance; a catch or boundary event is triggered. Cycles repeat. */
export async function triggerTimer(b: Batch, timerKey: number): Promise<void> {
  const timer = await b.state.timers.get(String(timerKey));
  if (!timer || timer.dueDate > b.now()) return;
  b.state.timers.delete(String(timer.key));
  b.records.append('TIMER', 'TRIGGERED', timer.key, timer.processInstanceKey, timerValue(timer));
  const repeat = timer.data.repetitions !== 0 && timer.data.cycle !== undefined;
  if (timer.elementInstanceKey === null) {
    const process = b.definitions.process(timer.processDefinitionKey);
    if (!process) return;
    await startProcessInstance(b, process, { startEventId: timer.elementId, triggerVariables: {} });
    if (repeat) reschedule(b, timer);
    return;
  }
  const triggered = await triggerEvent(b, timer.elementInstanceKey, timer.elementId, {});
  if (!triggered || !repeat) return;
  // A non-interrupting cycle keeps firing while its element instance waits.
  const owner = await b.state.elementInstances.get(String(timer.elementInstanceKey));
  if (owner && owner.state === 'ACTIVATED') reschedule(b, timer);
}

function reschedule(b: Batch, timer: TimerRow): void {
  const dueDate = nextCycleDue(timer.data.cycle!, timer.dueDate);
  if (dueDate === undefined) return; // the cycle has no further occurrence
  const next: TimerRow = {
    ...timer,
    key: b.keys.next(),
    dueDate,
    data: { ...timer.data, repetitions: timer.data.repetitions < 0 ? -1 : timer.data.repetitions - 1 },
  };
  b.state.timers.insert(next);
  b.earliestTimer = Math.min(b.earliestTimer, next.dueDate);
  b.records.append('TIMER', 'CREATED', next.key, next.processInstanceKey, timerValue(next));
}

/**
 * The last scenarios a tester edited for each process, kept in the browser (localStorage): the page cannot read the
 * repository's scenario files, so what was pasted or uploaded must survive a reload.
 */

const PREFIX = 'gongzhi.simulation.scenarios.';

export function scenarioStorageKey(processId: string): string {
  if (!processId) throw new Error('scenarioStorageKey: the process id is empty');
  return PREFIX + processId;
}

export function loadScenarios(storage: Pick<Storage, 'getItem'>, processId: string): string | null {
  return storage.getItem(scenarioStorageKey(processId));
}

/** Keeps the text; false when the browser refused (storage full or disabled), so the page can say so. */
export function saveScenarios(storage: Pick<Storage, 'setItem'>, processId: string, text: string): boolean {
  try {
    storage.setItem(scenarioStorageKey(processId), text);
    return true;
  } catch {
    return false;
  }
}

export function forgetScenarios(storage: Pick<Storage, 'removeItem'>, processId: string): void {
  storage.removeItem(scenarioStorageKey(processId));
}

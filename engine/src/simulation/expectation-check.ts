import { jsonEquals } from '../decision/json-equality.js';
import type { CaseView } from './case-tracker.js';
import type { Expectation } from './scenario-file.js';

/** What an expectation wanted and what the case showed instead. */
export interface Mismatch {
  message: string;
  expected: unknown;
  found: unknown;
}

/** Checks one `expect` step against a case; every part must hold, and the first that does not is reported. */
export function checkExpectation(expect: Expectation, view: CaseView): Mismatch | undefined {
  if (expect.waitingAt) {
    const active = view.activeElementIds();
    const missing = expect.waitingAt.filter((id) => !active.includes(id));
    if (missing.length > 0) {
      return {
        message: `expected the instance to wait at ${list(expect.waitingAt)}, but ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} not active; active: ${list(active)}`,
        expected: { waitingAt: expect.waitingAt },
        found: { waitingAt: active },
      };
    }
  }
  if (expect.passed) {
    const missing = expect.passed.filter((id) => !view.completed.has(id));
    if (missing.length > 0) {
      return {
        message: `expected ${list(expect.passed)} to have been passed, but ${list(missing)} never completed`,
        expected: { passed: expect.passed },
        found: { passed: [...view.completed] },
      };
    }
  }
  if (expect.notPassed) {
    const passed = expect.notPassed.filter((id) => view.completed.has(id));
    if (passed.length > 0) {
      return {
        message: `expected ${list(expect.notPassed)} not to have been passed, but ${list(passed)} completed`,
        expected: { notPassed: expect.notPassed },
        found: { passed: [...view.completed] },
      };
    }
  }
  if (expect.variables) {
    const wrong = Object.entries(expect.variables).filter(([name, value]) => !view.variables.has(name) || !jsonEquals(view.variables.get(name), value));
    if (wrong.length > 0) {
      const found = Object.fromEntries(wrong.map(([name]) => [name, view.variables.has(name) ? view.variables.get(name) : null]));
      const detail = wrong
        .map(([name, value]) => `${name} = ${show(value)} expected, ${view.variables.has(name) ? `${show(view.variables.get(name))} found` : 'not set'}`)
        .join('; ');
      return { message: `variables differ: ${detail}`, expected: { variables: Object.fromEntries(wrong) }, found: { variables: found } };
    }
  }
  if (expect.incidents !== undefined && view.openIncidents.size !== expect.incidents) {
    const incidents = [...view.openIncidents.values()].map((i) => ({ elementId: i.elementId, errorType: i.errorType, errorMessage: i.errorMessage }));
    return {
      message: `expected ${expect.incidents} open incident(s), found ${incidents.length}${incidents.length ? `: ${incidents.map((i) => `${i.elementId} (${i.errorType}: ${i.errorMessage})`).join('; ')}` : ''}`,
      expected: { incidents: expect.incidents },
      found: { incidents },
    };
  }
  if (expect.completed !== undefined && (view.state === 'COMPLETED') !== expect.completed) {
    return {
      message: expect.completed
        ? `expected the instance to have completed, but it is ${view.state.toLowerCase()}${view.state === 'ACTIVE' ? `, waiting at ${list(view.activeElementIds())}` : ''}`
        : 'expected the instance not to have completed, but it has',
      expected: { completed: expect.completed },
      found: { completed: view.state === 'COMPLETED', state: view.state },
    };
  }
  if (expect.endEvent !== undefined && (view.state !== 'COMPLETED' || view.endEventId !== expect.endEvent)) {
    return {
      message:
        view.state === 'COMPLETED'
          ? `expected the instance to end at ${expect.endEvent}, but it ended at ${view.endEventId ?? 'no end event'}`
          : `expected the instance to end at ${expect.endEvent}, but it is ${view.state.toLowerCase()}${view.state === 'ACTIVE' ? `, waiting at ${list(view.activeElementIds())}` : ''}`,
      expected: { endEvent: expect.endEvent },
      found: { endEvent: view.state === 'COMPLETED' ? (view.endEventId ?? null) : null, state: view.state },
    };
  }
  return undefined;
}

function list(ids: string[]): string {
  return ids.length === 0 ? '(nothing)' : `[${ids.join(', ')}]`;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

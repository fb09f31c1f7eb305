import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../../src/deployment/bpmn-compiler.js';
import type { ElementKind, ExecutableProcess } from '../../src/model/executable-process.js';

// The corpora live next to the repository clone, in ../shared/corpora.
const CORPORA = new URL('../../../../shared/corpora/', import.meta.url);

function bpmnFiles(corpus: string): string[] {
  return readdirSync(fileURLToPath(new URL(`${corpus}/`, CORPORA)))
    .filter((name) => name.endsWith('.bpmn'))
    .sort();
}

function read(corpus: string, file: string): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`${corpus}/${file}`, CORPORA)));
}

function kinds(process: ExecutableProcess): Record<string, ElementKind> {
  return Object.fromEntries([...process.elements.values()].map((node) => [node.id, node.kind]));
}

function countKinds(process: ExecutableProcess): Partial<Record<ElementKind, number>> {
  const counts: Partial<Record<ElementKind, number>> = {};
  for (const node of process.elements.values()) counts[node.kind] = (counts[node.kind] ?? 0) + 1;
  return counts;
}

/** What each zeebe-process-test model is made of (see the corpora README for what upstream asserts). */
const EXPECTED_KINDS: Record<string, Partial<Record<ElementKind, number>>> = {
  'alternate-start-end.bpmn': { process: 1, startEvent: 1, endEvent: 1 },
  'automated-tests.bpmn': { process: 1, startEvent: 2, endEvent: 2, subProcess: 1, serviceTask: 1 },
  'call-activity.bpmn': { process: 1, startEvent: 1, callActivity: 1, endEvent: 1 },
  'looping-servicetask.bpmn': { process: 1, startEvent: 1, serviceTask: 1, exclusiveGateway: 1, endEvent: 1 },
  'message-event.bpmn': { process: 1, startEvent: 1, intermediateCatchEvent: 1, endEvent: 1 },
  'message-start-event.bpmn': { process: 1, startEvent: 1, endEvent: 1 },
  'multiple-call-activity.bpmn': { process: 1, startEvent: 1, callActivity: 2, endEvent: 1 },
  'multiple-tasks.bpmn': { process: 1, startEvent: 1, parallelGateway: 2, serviceTask: 3, endEvent: 1 },
  'named-elements-v2.bpmn': { process: 1, startEvent: 1, task: 2, endEvent: 1 },
  'named-elements.bpmn': { process: 1, startEvent: 1, task: 2, endEvent: 1 },
  'pr-created.bpmn': {
    process: 1,
    startEvent: 1,
    parallelGateway: 2,
    exclusiveGateway: 1,
    eventBasedGateway: 1,
    callActivity: 1,
    userTask: 3,
    serviceTask: 2,
    intermediateCatchEvent: 2,
    endEvent: 1,
  },
  'start-end.bpmn': { process: 1, startEvent: 1, endEvent: 1 },
  'test_timer_events.bpmn': { process: 1, startEvent: 1, parallelGateway: 1, serviceTask: 1, intermediateCatchEvent: 2, endEvent: 2 },
  'timer-start-event-daily.bpmn': { process: 1, startEvent: 1, endEvent: 1 },
};

describe('zeebe-process-test corpus', () => {
  const files = bpmnFiles('zeebe-process-test');

  it('has every file this test knows about', () => {
    expect(files).toEqual(Object.keys(EXPECTED_KINDS).sort());
  });

  for (const file of files) {
    it(`compiles ${file} without problems and with the right element kinds`, async () => {
      const compiled = await compileBpmn(file, read('zeebe-process-test', file));
      expect(compiled.problems).toEqual([]);
      expect(compiled.processes).toHaveLength(1);
      expect(countKinds(compiled.processes[0])).toEqual(EXPECTED_KINDS[file]);
    });
  }

  it('compiles the review process as upstream describes it', async () => {
    const [prCreated] = (await compileBpmn('pr-created.bpmn', read('zeebe-process-test', 'pr-created.bpmn'))).processes;
    expect(prCreated.eventStartIds).toEqual(['prCreated']);
    expect(prCreated.elements.get('prCreated')?.eventDefinition).toEqual({
      type: 'message',
      messageName: { type: 'static', value: 'prCreated' },
    });
    expect(prCreated.elements.get('reviewReceived')?.eventDefinition).toEqual({
      type: 'message',
      messageName: { type: 'static', value: 'reviewReceived' },
      correlationKey: { type: 'feel', source: 'prId' },
    });
    expect(prCreated.elements.get('remindReviewerTimer')?.eventDefinition).toEqual({
      type: 'timer',
      timer: { kind: 'timeDuration', expression: { type: 'static', value: 'P1D' } },
    });
    expect(prCreated.elements.get('triggerTests')?.calledElement).toMatchObject({
      processId: { type: 'static', value: 'automatedTestsProcess' },
      propagateAllChildVariables: false,
    });
    expect(prCreated.flows.get('Flow_0n392s5')?.condition).toBe('reviewResult = "approved"');
    expect(kinds(prCreated)).toMatchObject({ requestReview: 'userTask', mergeCode: 'userTask', deploySnapshot: 'serviceTask' });

    const [automated] = (await compileBpmn('automated-tests.bpmn', read('zeebe-process-test', 'automated-tests.bpmn'))).processes;
    expect(automated.elements.get('Activity_1kq2g9a')?.multiInstance).toEqual({
      sequential: false,
      inputCollection: '["ubuntu", "windows", "macos"]',
      inputElement: 'operatingSystem',
    });
    expect(automated.elements.get('runTests')?.flowScopeId).toBe('Activity_1kq2g9a');

    const [daily] = (await compileBpmn('timer.bpmn', read('zeebe-process-test', 'timer-start-event-daily.bpmn'))).processes;
    expect(daily.elements.get('timer')?.eventDefinition).toEqual({
      type: 'timer',
      timer: { kind: 'timeCycle', expression: { type: 'static', value: 'R/P1D' } },
    });
  });
});

describe('MIWG reference corpus', () => {
  const files = bpmnFiles('miwg-reference');

  it('has the 21 reference models', () => {
    expect(files).toHaveLength(21);
  });

  for (const file of files) {
    it(`compiles ${file} or rejects it naming an element or a line`, async () => {
      const compiled = await compileBpmn(file, read('miwg-reference', file));
      if (compiled.problems.length === 0) {
        expect(compiled.processes.length).toBeGreaterThan(0);
        return;
      }
      for (const problem of compiled.problems) {
        expect(problem.resourceName).toBe(file);
        expect(problem.message).not.toMatch(/could not be compiled/);
        expect(problem.elementId !== undefined || problem.line !== undefined, JSON.stringify(problem)).toBe(true);
      }
    });
  }

  it('reads the ISO-8859-1 models and accepts the executable Zeebe models', async () => {
    const a10 = await compileBpmn('A.1.0.bpmn', read('miwg-reference', 'A.1.0.bpmn'));
    // Descriptive, not executable: rejected for that reason alone.
    expect(a10.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/no executable process/)]);

    for (const file of ['C.9.0.bpmn', 'C.9.1.bpmn', 'C.9.2.bpmn']) {
      const compiled = await compileBpmn(file, read('miwg-reference', file));
      expect(compiled.problems, file).toEqual([]);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BpmnDeploymentError, compileBpmn, compileBpmnProcesses } from '../../src/deployment/bpmn-compiler.js';
import { definitions, expectProblem, problemsOf, processDocument, startElementEnd } from './bpmn-fixture.js';

const VALID = processDocument(startElementEnd('task', '<bpmn:task id="task" name="处理"/>'));

describe('reading the resource', () => {
  it('reports XML that is not well-formed with line and column', async () => {
    const xml = definitions('<bpmn:process id="p" isExecutable="true">\n  <bpmn:startEvent id="s">\n</bpmn:process>');
    const problems = await problemsOf(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/not well-formed.*closing tag mismatch/);
    // The mismatching </bpmn:process> is on line 5 of the document, at its first column.
    expect(problems[0]).toMatchObject({ resourceName: 'test.bpmn', line: 5, column: 1 });
  });

  it('reports an empty resource and text that is not XML', async () => {
    expect((await problemsOf(''))[0]).toMatchObject({ message: 'The resource is empty', line: 1 });
    const garbage = await problemsOf('this is not xml');
    expect(garbage[0].message).toMatch(/not well-formed/);
    expect(garbage[0].line).toBe(1);
  });

  it('reports a document element that is not bpmn:definitions', async () => {
    const problems = await problemsOf('<?xml version="1.0"?>\n<dmn:definitions xmlns:dmn="https://www.omg.org/spec/DMN/20191111/MODEL/"/>');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/must be bpmn:definitions/);
    expect(problems[0].line).toBe(2);
  });

  it('reports unknown BPMN elements and duplicate ids with their position', async () => {
    const unknown = await problemsOf(processDocument(`${startElementEnd('task', '<bpmn:task id="task"/>')}\n<bpmn:fancyTask id="x"/>`));
    expect(unknown).toHaveLength(1);
    expect(unknown[0].message).toMatch(/<bpmn:fancyTask> is not a BPMN 2.0 element/);
    expect(unknown[0].line).toBe(9);

    const duplicate = await problemsOf(processDocument(`${startElementEnd('task', '<bpmn:task id="task"/>')}\n<bpmn:task id="task"/>`));
    expectProblem(duplicate, 'task', /Duplicate id 'task'/);
    expect(duplicate[0].line).toBe(9);
  });

  it('honours a UTF-8 byte order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(VALID)]);
    const compiled = await compileBpmn('bom.bpmn', bytes);
    expect(compiled.problems).toEqual([]);
    expect(compiled.processes[0].elements.get('task')?.name).toBe('处理');
    expect((await compileBpmn('bom.bpmn', `\ufeff${VALID}`)).problems).toEqual([]);
  });

  it('decodes bytes in the encoding the XML declaration names', async () => {
    const xml = processDocument(startElementEnd('task', '<bpmn:task id="task" name="Prüfung €"/>')).replace(
      'encoding="UTF-8"',
      'encoding="ISO-8859-1"',
    );
    // ISO-8859-1 bytes: ü is 0xFC; the euro sign does not exist there, so use a character that does.
    const latin1 = Uint8Array.from(xml.replace('€', '§'), (char) => char.charCodeAt(0));
    const compiled = await compileBpmn('latin1.bpmn', latin1);
    expect(compiled.problems).toEqual([]);
    expect(compiled.processes[0].elements.get('task')?.name).toBe('Prüfung §');
  });

  it('reports bytes that are not valid in their encoding, and unknown encodings', async () => {
    const bytes = new TextEncoder().encode(VALID);
    const broken = new Uint8Array([...bytes.subarray(0, 60), 0xff, ...bytes.subarray(60)]);
    const invalid = await problemsOf(broken);
    expect(invalid).toHaveLength(1);
    expect(invalid[0].message).toMatch(/not valid UTF-8/);
    expect(invalid[0].line).toBe(2);

    const unknown = await problemsOf(new TextEncoder().encode(VALID.replace('UTF-8', 'x-klingon')));
    expect(unknown[0].message).toMatch(/encoding 'x-klingon', which is not supported/);
    expect(unknown[0]).toMatchObject({ line: 1, column: 31 });
  });

  it('never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const compiled = await compileBpmn('random.bin', bytes);
        expect(compiled.processes).toEqual([]);
        expect(compiled.problems.length).toBeGreaterThan(0);
        for (const problem of compiled.problems) expect(problem.line ?? problem.elementId).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on mutilated BPMN either', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(VALID.length), fc.nat(40), fc.string({ maxLength: 8 }), async (at, cut, insert) => {
        const text = VALID.slice(0, at) + insert + VALID.slice(at + cut);
        const compiled = await compileBpmn('mutilated.bpmn', text);
        expect(Array.isArray(compiled.problems)).toBe(true);
        if (compiled.problems.length === 0) expect(compiled.processes.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('compileBpmnProcesses returns the graphs or throws every problem at once', async () => {
    const processes = await compileBpmnProcesses('ok.bpmn', VALID);
    expect(processes.map((process) => process.bpmnProcessId)).toEqual(['p']);
    const bad = processDocument('<bpmn:serviceTask id="a"/><bpmn:serviceTask id="b"/>');
    const error = await compileBpmnProcesses('bad.bpmn', bad).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BpmnDeploymentError);
    expect((error as BpmnDeploymentError).problems.map((problem) => problem.elementId)).toEqual(
      expect.arrayContaining(['p', 'a', 'b']),
    );
  });

  it('locates problems about an element at its start tag', async () => {
    const problems = await problemsOf(processDocument(startElementEnd('charge', '<bpmn:serviceTask id="charge"/>')));
    expect(problems).toEqual([
      {
        resourceName: 'test.bpmn',
        elementId: 'charge',
        line: 6,
        column: 1,
        message: "Service task 'charge' must have a job type (zeebe:taskDefinition type)",
      },
    ]);
  });
});

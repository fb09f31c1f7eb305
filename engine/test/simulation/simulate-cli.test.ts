import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINT_BPMN, REGISTER_FORM } from './simulation-fixtures.js';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/simulate.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function simulate(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // INIT_CWD is where npm was invoked; the CLI reads paths relative to it.
    const env = { ...process.env, INIT_CWD: repository };
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repository, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const passing = `process: complaint
scenarios:
  - name: 普通投诉
    mockJobs: { dept.result: {} }
    start: { variables: { caseNo: C-1 } }
    steps:
      - completeTask: { element: register, variables: { category: noise, urgent: false } }
      - completeTask: { element: handle }
      - expect: { completed: true, endEvent: done }
`;

// The same format as JSON, with an expectation that cannot hold.
const failing = JSON.stringify({
  process: 'complaint',
  scenarios: [
    {
      name: '等错了地方',
      start: { variables: { caseNo: 'C-2' } },
      steps: [{ expect: { waitingAt: ['handle'] } }],
    },
  ],
});

describe('npm run simulate', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongzhi-simulate-'));
    writeFileSync(join(dir, 'complaint.bpmn'), COMPLAINT_BPMN);
    writeFileSync(join(dir, 'register.form.json'), REGISTER_FORM);
    writeFileSync(join(dir, 'complaint.scenarios.yaml'), passing);
    writeFileSync(join(dir, 'complaint-wrong.scenarios.json'), failing);
    writeFileSync(join(dir, 'notes.txt'), 'not a resource');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when every scenario passes; --json prints the report as the last line and nothing else on stdout', async () => {
    const run = await simulate('--json', join(dir, 'complaint.bpmn'), join(dir, 'register.form.json'), join(dir, 'complaint.scenarios.yaml'));
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]);
    expect(report.processes).toHaveLength(1);
    expect(report.processes[0]).toMatchObject({ bpmnProcessId: 'complaint', passed: 1, failed: 0, elementCoverage: 0.6667, flowCoverage: 0.625 });
    expect(report.processes[0].scenarios[0]).toMatchObject({ name: '普通投诉', passed: true, path: expect.arrayContaining(['register', 'handle', 'done']) });
    expect(report.processes[0].scenarios[0].failure).toBeUndefined();
    // Progress went to stderr.
    expect(run.stderr).toContain('[1/1] complaint · 普通投诉');
  }, 600_000);

  it('exits 1 when a scenario fails, printing the failure, the path and the coverage; folders are searched', async () => {
    const run = await simulate(dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('✓ 普通投诉');
    expect(run.stdout).toContain('✗ 等错了地方 — step 1 (expect): expected the instance to wait at [handle], but [handle] is not active; active: [register]');
    expect(run.stdout).toContain('path: start → f_start_register → register');
    expect(run.stdout).toMatch(/complaint: 1 passed, 1 failed; elements 6\/9 \(66\.7%\), flows 5\/8 \(62\.5%\)/);
    expect(run.stdout).toContain('untaken elements: escalate, refused, refusedEnd');
  }, 600_000);

  it('exits 2 on input it cannot use, saying what is wrong', async () => {
    const notResource = await simulate(join(dir, 'notes.txt'));
    expect(notResource.code).toBe(2);
    expect(notResource.stderr).toMatch(/notes\.txt: is neither a resource .* nor a scenario file/);

    const missing = await simulate('--json', join(dir, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout.trim().split('\n').at(-1)!)).toEqual({
      error: 'invalid input',
      problems: [{ file: join(dir, 'nowhere'), path: '', message: 'no such file or folder' }],
    });

    const option = await simulate('--fast');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Unknown option --fast');
  }, 600_000);
});

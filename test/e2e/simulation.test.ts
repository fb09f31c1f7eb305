/**
 * The designer's 模拟 page. Without a browser: the template runs on the simulator as it stands, scenarios are kept per
 * process, untaken elements get a scoped grey style, a path splits into steps, the server's problems are matched to
 * files. In a real browser against a real server (processes/ deployed): the tester opens 模拟, picks service-item,
 * runs the first scenario of processes/service-item.scenarios.yaml, sees it pass with the coverage painted and
 * steps through its path; a wrong expectation shows the failure; a malformed file shows its problems by path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_PASSWORD, DEMO_PASSWORD, E2eApi, logIn, repoRoot, screenshot, startE2eServer, withBrowser, type E2eServer } from './harness/index.js';
import { newScenarioTemplate, scenarioFileName } from '../../designer/src/pages/simulation/scenario-template.js';
import { forgetScenarios, loadScenarios, saveScenarios, scenarioStorageKey } from '../../designer/src/pages/simulation/scenario-storage.js';
import { untakenCoverageCss } from '../../designer/src/pages/simulation/coverage-paint.js';
import { pathSteps } from '../../designer/src/pages/simulation/path-walk.js';
import { simulationInputProblems } from '../../designer/src/pages/simulation/simulation-problems.js';
import { percentText } from '../../designer/src/pages/simulation/percent-text.js';
import { ApiError } from '../../designer/src/app/api.js';
import { parseScenarioFile } from '../../engine/src/simulation/scenario-file.js';
import { runSimulation } from '../../engine/src/simulation/run-simulation.js';
import type { SimulationReport } from '../../engine/src/simulation/simulation-report.js';
import { ROUTING_BPMN, ROUTING_PROCESS_ID } from './fixtures/grid-report.js';

const LONG = 240_000;
const TINY_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="tiny" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

/** The first scenario of the repository's service-item file: everything before the second `- name:`. */
function firstServiceItemScenario(): string {
  const text = readFileSync(join(repoRoot, 'processes', 'service-item.scenarios.yaml'), 'utf8');
  const starts = [...text.matchAll(/^ {2}- name:/gm)].map((m) => m.index!);
  expect(starts.length).toBeGreaterThan(1);
  return text.slice(0, starts[1]);
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe('simulation page logic (no browser)', () => {
  it('ships a template that parses and runs as it stands, in either language', async () => {
    for (const language of ['zh', 'en'] as const) {
      const template = newScenarioTemplate('tiny', language);
      const file = parseScenarioFile(scenarioFileName('tiny'), template);
      expect(file.process).toBe('tiny');
      expect(file.scenarios).toHaveLength(1);
    }
    const report = await runSimulation({ resources: [{ name: 'tiny.bpmn', content: TINY_BPMN }], scenarioFiles: [{ name: 'tiny.scenarios.yaml', content: newScenarioTemplate('tiny', 'zh') }] });
    expect(report.processes[0]).toMatchObject({ bpmnProcessId: 'tiny', passed: 1, failed: 0, elementCoverage: 1, flowCoverage: 1 });
    // An id YAML would misread is quoted; an empty one is refused.
    expect(parseScenarioFile('x.yaml', newScenarioTemplate('a: b', 'en')).process).toBe('a: b');
    expect(() => newScenarioTemplate(' ', 'zh')).toThrow(/process id is empty/);
  }, 120_000);

  it('keeps the last scenarios per process and says when the browser refuses', () => {
    const storage = new MemoryStorage();
    expect(loadScenarios(storage, 'service-item')).toBeNull();
    expect(saveScenarios(storage, 'service-item', 'process: service-item')).toBe(true);
    expect(saveScenarios(storage, 'whistle-escalation', 'process: whistle-escalation')).toBe(true);
    expect(loadScenarios(storage, 'service-item')).toBe('process: service-item');
    expect(storage.items.get(scenarioStorageKey('whistle-escalation'))).toBe('process: whistle-escalation');
    storage.full = true;
    expect(saveScenarios(storage, 'service-item', 'changed')).toBe(false);
    expect(loadScenarios(storage, 'service-item')).toBe('process: service-item');
    forgetScenarios(storage, 'service-item');
    expect(loadScenarios(storage, 'service-item')).toBeNull();
    expect(() => scenarioStorageKey('')).toThrow(/process id is empty/);
  });

  it('greys exactly the untaken elements and flows, inside the page diagram only, whatever their ids hold', () => {
    const css = untakenCoverageCss('gz-sim-diagram', ['Task_A', 'odd"id\\x'], ['Flow_1']);
    expect(css).toContain('.gz-sim-diagram .djs-element[data-element-id="Task_A"] .djs-visual');
    expect(css).toContain('[data-element-id="odd\\"id\\\\x"]');
    expect(css).toContain('.gz-sim-diagram .djs-connection[data-element-id="Flow_1"] .djs-visual > path');
    expect(css).not.toContain('Task_B');
    expect(untakenCoverageCss('gz-sim-diagram', [], [])).toBe('');
    expect(untakenCoverageCss('gz-sim-diagram', [], ['F'])).not.toContain('djs-element[');
    expect(() => untakenCoverageCss('not a class', [], [])).toThrow(/not a CSS class name/);
  });

  it('splits a path into element steps, each with what came before as passed', () => {
    const steps = pathSteps(['s', 'f1', 'a', 'f2', 'g', 'f3', 'a', 'f2', 'g', 'f4', 'e'], new Set(['f1', 'f2', 'f3', 'f4']));
    expect(steps.map((s) => s.elementId)).toEqual(['s', 'a', 'g', 'a', 'g', 'e']);
    expect(steps[0].marks).toEqual({ completed: [], active: ['s'], takenFlows: [] });
    expect(steps[2]).toEqual({ pathIndex: 4, elementId: 'g', marks: { completed: ['s', 'a'], active: ['g'], takenFlows: ['f1', 'f2'] } });
    // A loop enters `a` again: it stays passed, no duplicates.
    expect(steps[3].marks).toEqual({ completed: ['s', 'a', 'g'], active: ['a'], takenFlows: ['f1', 'f2', 'f3'] });
    expect(steps[5].marks.takenFlows).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(pathSteps([], new Set())).toEqual([]);
  });

  it('matches the server problems to the files sent, a name with spaces included', () => {
    const error = new ApiError(400, {
      title: 'INVALID_ARGUMENT',
      errors: [
        { field: 'my file.yaml scenarios[0].steps[1]', message: 'unknown step' },
        { field: 'my file.yaml', message: 'not valid YAML' },
        { field: 'other thing', message: 'odd' },
      ],
    });
    expect(simulationInputProblems(error, ['my file.yaml'])).toEqual([
      { file: 'my file.yaml', path: 'scenarios[0].steps[1]', message: 'unknown step' },
      { file: 'my file.yaml', path: '', message: 'not valid YAML' },
      { file: '', path: 'other thing', message: 'odd' },
    ]);
    expect(simulationInputProblems(new ApiError(500, { title: 'boom' }), ['a.yaml'])).toEqual([]);
    expect(simulationInputProblems(new Error('x'), ['a.yaml'])).toEqual([]);
  });

  it('writes shares as percentages with one decimal', () => {
    expect(percentText(0.375)).toBe('37.5%');
    expect(percentText(1)).toBe('100.0%');
    expect(percentText(0)).toBe('0.0%');
    expect(percentText(0.12345)).toBe('12.3%');
    expect(() => percentText(Number.NaN)).toThrow(/not a share/);
  });
});

describe('the 模拟 page in a browser', () => {
  let server: E2eServer;
  let tester: E2eApi;

  beforeAll(async () => {
    server = await startE2eServer({ withProductResources: true });
    tester = await E2eApi.login(server.url, 'tester', DEMO_PASSWORD);
    await tester.until(
      'service-item deployed',
      () => tester.post('/v2/process-definitions/search', { filter: { processDefinitionId: 'service-item' } }),
      (r) => r.items.length > 0,
      60_000,
    );
    // A small process with two ends for the what-if run (the tester may simulate, not deploy).
    await (await E2eApi.login(server.url, 'admin', ADMIN_PASSWORD)).deploy([{ name: 'e2e-routing.bpmn', content: ROUTING_BPMN }]);
  }, LONG);

  afterAll(async () => {
    await server?.close();
  });

  it('runs a scenario: passes, coverage painted, path stepped through; a wrong expectation fails; a bad file names its problems', async () => {
    const scenario = firstServiceItemScenario();
    // The same file through the API: runs are deterministic, so the page must show exactly this.
    const expected = (await tester.post<SimulationReport>('/v2/simulations', { scenarioFiles: [{ name: 'service-item.scenarios.yaml', content: scenario }] })).processes[0];
    expect(expected).toMatchObject({ bpmnProcessId: 'service-item', passed: 1, failed: 0 });

    await withBrowser('simulation', {}, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}/login`);
      await logIn(page, server.url, 'tester', DEMO_PASSWORD);
      const nav = page.getByTestId('main-nav');
      await expect.poll(() => nav.getByTestId('nav-simulation').textContent()).toBe('模拟');
      await nav.getByTestId('nav-simulation').click();
      await page.getByTestId('simulation-page').waitFor();

      // Pick service-item (latest version): the template comes up for a process never edited here.
      await page.getByTestId('simulation-process-select').click();
      await page.keyboard.type('service-item');
      await page.locator('.ant-select-item-option').filter({ hasText: 'service-item' }).first().click();
      await page.waitForURL((url) => url.pathname === '/simulation/service-item');
      const editor = page.getByTestId('scenario-editor');
      await expect.poll(() => editor.inputValue()).toContain('process: service-item');
      await page.locator('[data-testid="bpmn-viewer"] .djs-element[data-element-id="Activity_Intake"]').waitFor();

      await editor.fill(scenario);
      await page.getByTestId('simulation-run').click();
      const result = page.getByTestId('scenario-result');
      await result.first().waitFor({ timeout: 120_000 });
      expect(await result.count()).toBe(1);
      expect(await result.getAttribute('data-passed')).toBe('true');
      const processCard = page.getByTestId('simulation-process');
      expect(Number(await processCard.getAttribute('data-element-coverage'))).toBe(expected.elementCoverage);
      expect(Number(await processCard.getAttribute('data-flow-coverage'))).toBe(expected.flowCoverage);
      await expect.poll(() => processCard.textContent()).toContain(percentText(expected.elementCoverage));

      // Coverage painted: taken elements and flows marked, untaken ones grey.
      const diagram = page.getByTestId('simulation-diagram');
      expect(await diagram.getAttribute('data-mode')).toBe('coverage');
      await page.locator('.djs-element.gz-completed[data-element-id="Activity_Intake"]').waitFor();
      // A connection's group has no box of its own, so it is never "visible" to Playwright: attached is what counts.
      await page.locator('.djs-connection.gz-taken[data-element-id="Flow_IntakeToDecision"]').waitFor({ state: 'attached' });
      expect(expected.untakenElements).toContain('Activity_BackOffice');
      const stroke = (id: string) =>
        page.locator(`.djs-element[data-element-id="${id}"] .djs-visual > rect`).first().evaluate((el) => getComputedStyle(el).stroke);
      expect(await stroke('Activity_BackOffice')).toBe('rgb(180, 185, 194)');
      expect(await stroke('Activity_Intake')).toBe('rgb(46, 125, 50)');
      expect(await page.locator('.djs-element.gz-completed[data-element-id="Activity_BackOffice"]').count()).toBe(0);
      await screenshot(page, 'simulation-coverage');

      // Step through the scenario's path: each element of it in order, the current one active.
      const elementsInPath = expected.scenarios[0].path.filter((id) => !expected.takenFlows.includes(id));
      await page.getByTestId('scenario-step-through').click();
      await expect.poll(() => diagram.getAttribute('data-step-element')).toBe(elementsInPath[0]);
      await page.locator(`.djs-element.gz-active[data-element-id="${elementsInPath[0]}"]`).waitFor();
      expect(await page.getByTestId('step-prev').isDisabled()).toBe(true);
      for (const id of elementsInPath.slice(1, 5)) {
        await page.getByTestId('step-next').click();
        await expect.poll(() => diagram.getAttribute('data-step-element')).toBe(id);
        await page.locator(`.djs-element.gz-active[data-element-id="${id}"]`).waitFor();
      }
      expect(await page.getByTestId('step-label').textContent()).toContain(`5 / ${elementsInPath.length}`);
      // The first element is now passed, not active; going back makes it active again.
      await page.locator(`.djs-element.gz-completed[data-element-id="${elementsInPath[0]}"]`).waitFor();
      await page.getByTestId('step-prev').click();
      await expect.poll(() => diagram.getAttribute('data-step-element')).toBe(elementsInPath[3]);
      await screenshot(page, 'simulation-step-through');
      await page.getByTestId('step-stop').click();
      await expect.poll(() => diagram.getAttribute('data-mode')).toBe('coverage');

      // The edited scenarios survive a reload.
      await page.reload();
      await expect.poll(() => page.getByTestId('scenario-editor').inputValue()).toBe(scenario);

      // A wrong expectation: the case waits at Activity_Intake, not Activity_Proxy.
      const wrong = scenario.replace('waitingAt: [Activity_Intake]', 'waitingAt: [Activity_Proxy]');
      expect(wrong).not.toBe(scenario);
      await page.getByTestId('scenario-editor').fill(wrong);
      await page.getByTestId('simulation-run').click();
      const failed = page.locator('[data-testid="scenario-result"][data-passed="false"]');
      await failed.waitFor({ timeout: 120_000 });
      const failure = failed.getByTestId('scenario-failure');
      const failureText = (await failure.textContent()) ?? '';
      expect(failureText).toContain('第 1 步（expect）');
      expect(failureText).toContain('Activity_Proxy');
      expect(failureText).toContain('Activity_Intake');
      expect(await failure.getByTestId('scenario-failure-path').textContent()).toContain('StartEvent_Walkin');
      expect(await page.getByTestId('simulation-process').getAttribute('data-failed')).toBe('1');
      await screenshot(page, 'simulation-failure');

      // A malformed file: nothing runs, each problem is shown with its file and path.
      await page.getByTestId('scenario-editor').fill(scenario.replace('- advanceTime: P7D', '- waitAWhile: P7D'));
      await page.getByTestId('simulation-run').click();
      const problems = page.getByTestId('simulation-problem');
      await problems.first().waitFor();
      expect(await problems.first().textContent()).toMatch(/service-item\.scenarios\.yaml · scenarios\[0\]\.steps\[\d+\]/);
      expect(await page.getByTestId('scenario-result').count()).toBe(0);
      await screenshot(page, 'simulation-problems');
      expect(errors).toEqual([]);
    });
  }, LONG);

  it('shows a what-if run in English: end events with shares, cycle time, deadline breaches', async () => {
    const whatIf = [
      `process: ${ROUTING_PROCESS_ID}`,
      'scenarios:',
      '  - name: amounts',
      '    runs: 40',
      '    seed: 7',
      '    startEvery: PT1H',
      '    start: { variables: { amount: { $range: [1, 20] } } }',
      '    deadlines: { same-day: P1D }',
      '',
    ].join('\n');
    const expected = (await tester.post<SimulationReport>('/v2/simulations', { scenarioFiles: [{ name: 'w.scenarios.yaml', content: whatIf }] })).processes[0].scenarios[0].whatIf!;
    expect(expected.runs).toBe(40);
    expect(expected.endEvents.map((e) => e.endEvent).sort()).toEqual(['bigEnd', 'smallEnd']);

    await withBrowser('simulation-what-if', {}, async ({ page }) => {
      await page.goto(`${server.url}/login`);
      await logIn(page, server.url, 'tester', DEMO_PASSWORD);
      await page.getByTestId('language-switch').click();
      await expect.poll(() => page.getByTestId('main-nav').getByTestId('nav-simulation').textContent()).toBe('Simulation');
      await page.goto(`${server.url}/simulation/${ROUTING_PROCESS_ID}`);
      const editor = page.getByTestId('scenario-editor');
      // The template in English for a process never edited here.
      await expect.poll(() => editor.inputValue()).toContain('# Simulation scenarios');
      await page.locator('[data-testid="bpmn-viewer"] .djs-element[data-element-id="route"]').waitFor();
      await editor.fill(whatIf);
      await page.getByTestId('simulation-run').click();
      const table = page.getByTestId('what-if-end-events');
      await table.waitFor({ timeout: 120_000 });
      for (const row of expected.endEvents) {
        const line = table.locator('tr').filter({ hasText: row.endEvent });
        expect(await line.textContent()).toContain(`${row.cases}${percentText(row.share)}`);
      }
      const cycle = (await page.getByTestId('what-if-cycle-time').textContent()) ?? '';
      expect(cycle).toContain(expected.cycleTime!.p50);
      expect(cycle).toContain(expected.cycleTime!.p90);
      const deadlines = (await page.getByTestId('what-if-deadlines').textContent()) ?? '';
      const breach = expected.deadlines.find((d) => d.id === 'same-day')!;
      expect(deadlines).toContain(`same-dayCycle-time limit${breach.breached}${percentText(breach.share)}`);
      expect(await page.getByTestId('scenario-result').getAttribute('data-passed')).toBe('true');
      await screenshot(page, 'simulation-what-if-en');
    });
  }, LONG);
});

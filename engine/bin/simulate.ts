/**
 * `npm run simulate -- [--json] [paths…]`: runs process scenarios on the embedded engine with virtual time.
 * Paths are .bpmn, .dmn, .form.json and *.scenarios.yaml files or folders (default: processes/ and forms/);
 * every resource found is deployed for every scenario. Prints progress, each scenario's result and each
 * process's coverage; with --json the report is the last line of stdout (everything else goes to stderr).
 * Exit status: 0 all scenarios passed, 1 some failed, 2 the input was unusable.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  collectSimulationFiles,
  runSimulation,
  SimulationInputError,
  type ProcessReport,
  type ScenarioReport,
  type SimulationProgress,
  type WhatIfReport,
} from '../src/simulation/index.js';

const usage = `Usage: npm run simulate -- [--json] [paths…]
  paths    .bpmn, .dmn, .form.json and *.scenarios.yaml (.yml, .json) files, or folders holding them
           (default: processes/ and forms/ of the repository)
  --json   print the report as JSON on the last line of stdout; progress goes to stderr
Exit status: 0 all scenarios passed, 1 a scenario failed, 2 the input could not be used.`;

const args = process.argv.slice(2);
const json = args.includes('--json');
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(', ')}\n${usage}`);
  process.exit(2);
}

// npm runs scripts from the repository root; INIT_CWD is where the command was typed, which paths are relative to.
const base = process.env.INIT_CWD ?? process.cwd();
const repository = fileURLToPath(new URL('../../', import.meta.url));
const given = args.filter((a) => !a.startsWith('-'));
const paths = given.length > 0 ? given : ['processes', 'forms'].map((dir) => `${repository}${dir}`).filter((dir) => existsSync(dir));

const say = (line: string): void => {
  if (json) process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
};

async function main(): Promise<number> {
  const files = await collectSimulationFiles(paths, base);
  if (files.scenarioFiles.length === 0) {
    throw new SimulationInputError([{ file: paths.join(', ') || '(no paths)', path: '', message: 'holds no scenario files (*.scenarios.yaml, *.scenarios.yml, *.scenarios.json)' }]);
  }
  say(`Simulating ${files.scenarioFiles.length} scenario file(s) with ${files.resources.length} resource(s)`);
  let lastShare = -1;
  const report = await runSimulation({
    ...files,
    onProgress: (event: SimulationProgress) => {
      if (event.kind === 'scenario-started') {
        lastShare = -1;
        say(`[${event.index}/${event.total}] ${event.bpmnProcessId} · ${event.scenario}`);
      } else if (event.kind === 'what-if-cases') {
        const share = Math.floor((event.finished / event.runs) * 10);
        if (share !== lastShare) {
          lastShare = share;
          say(`      ${event.finished}/${event.runs} cases finished`);
        }
      } else {
        say(scenarioLine(event.report));
      }
    },
  });
  for (const process of report.processes) say(processLines(process));
  const failed = report.processes.reduce((n, p) => n + p.failed, 0);
  const passed = report.processes.reduce((n, p) => n + p.passed, 0);
  say(`${passed} passed, ${failed} failed`);
  if (json) console.log(JSON.stringify(report));
  return failed > 0 ? 1 : 0;
}

function scenarioLine(r: ScenarioReport): string {
  if (r.passed) return `  ✓ ${r.name}${r.whatIf ? `\n${whatIfLines(r.whatIf)}` : ''}`;
  const f = r.failure!;
  const where = f.step === 0 ? f.action : `step ${f.step} (${f.action})`;
  return [`  ✗ ${r.name} — ${where}: ${f.message}`, ...(r.path.length ? [`      path: ${r.path.join(' → ')}`] : [])].join('\n');
}

function whatIfLines(w: WhatIfReport): string {
  const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
  const lines = [
    `      ${w.runs} cases (seed ${w.seed}): ${w.completed} completed, ${w.notCompleted} not completed, ${w.withIncidents} with incidents`,
    `      ends: ${w.endEvents.map((e) => `${e.endEvent} ${percent(e.share)}`).join(', ')}`,
  ];
  if (w.cycleTime) lines.push(`      cycle time: p50 ${w.cycleTime.p50}, p90 ${w.cycleTime.p90}, mean ${w.cycleTime.mean}, max ${w.cycleTime.max}`);
  if (w.deadlines.length) lines.push(`      deadlines breached: ${w.deadlines.map((d) => `${d.id} (${d.kind}) ${percent(d.share)}`).join(', ')}`);
  if (w.waitingAt.length) lines.push(`      open cases wait at: ${w.waitingAt.map((e) => `${e.elementId} ×${e.cases}`).join(', ')}`);
  return lines.join('\n');
}

function processLines(p: ProcessReport): string {
  const count = (taken: string[], untaken: string[], share: number) => `${taken.length}/${taken.length + untaken.length} (${Math.round(share * 1000) / 10}%)`;
  const lines = [
    `${p.bpmnProcessId}: ${p.passed} passed, ${p.failed} failed; elements ${count(p.takenElements, p.untakenElements, p.elementCoverage)}, flows ${count(p.takenFlows, p.untakenFlows, p.flowCoverage)}`,
  ];
  if (p.untakenElements.length) lines.push(`  untaken elements: ${p.untakenElements.join(', ')}`);
  if (p.untakenFlows.length) lines.push(`  untaken flows: ${p.untakenFlows.join(', ')}`);
  return lines.join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SimulationInputError) {
      process.stderr.write(`Cannot simulate:\n${error.problems.map((p) => `  ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`).join('\n')}\n`);
      if (json) console.log(JSON.stringify({ error: 'invalid input', problems: error.problems }));
    } else {
      process.stderr.write(`Simulation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      if (json) console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    }
    process.exitCode = 2;
  },
);

/**
 * `node --import tsx engine/bench/what-if.ts [cases] [--json]`: a what-if run of the service-item process
 * (default 1,000 cases) on one in-memory store with virtual time; prints cases per second of wall time.
 * A figure, not a test. The last line is JSON: { whatIfCases, whatIfSeconds, whatIfCasesPerSec }.
 */
import { runSimulation } from '../src/simulation/index.js';
import { round } from './measure.js';
import { ACCEPT_FORM, SERVICE_ITEM_BPMN, serviceItemWhatIf } from './service-item-what-if.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const cases = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const log = (line: string) => (json ? console.error(line) : console.log(line));

const started = performance.now();
const report = await runSimulation({
  resources: [
    { name: 'service-item.bpmn', content: SERVICE_ITEM_BPMN },
    { name: 'accept.form.json', content: ACCEPT_FORM },
  ],
  scenarioFiles: [{ name: 'service-item.scenarios.yaml', content: serviceItemWhatIf(cases) }],
});
const seconds = (performance.now() - started) / 1000;
const scenario = report.processes[0].scenarios[0];
if (!scenario.passed || !scenario.whatIf) throw new Error(`the what-if run failed: ${scenario.failure?.message}`);
const w = scenario.whatIf;
log(`what-if: ${w.runs} service-item cases in ${round(seconds, 1)} s (${round(w.runs / seconds)} cases/s), store opening included`);
log(`   ends ${w.endEvents.map((e) => `${e.endEvent} ${e.cases}`).join(', ')}; cycle time p50 ${w.cycleTime?.p50}, p90 ${w.cycleTime?.p90}`);
console.log(JSON.stringify({ whatIfCases: w.runs, whatIfSeconds: round(seconds, 2), whatIfCasesPerSec: round(w.runs / seconds) }));

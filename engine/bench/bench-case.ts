/**
 * One benchmark case in a process of its own (so each RSS figure is that case's alone):
 * prints one JSON line.  Usage: bench-case.ts embedded|bpmn-engine|waiting [count] [inFlight]
 */
import { embeddedThroughput } from './embedded-throughput.js';
import { bpmnEngineThroughput } from './bpmn-engine-throughput.js';
import { waitingInstances } from './waiting-instances.js';

const [kind, countArg, inFlightArg] = process.argv.slice(2);
const count = Number(countArg ?? 5000);
const inFlight = Number(inFlightArg ?? 200);

const result =
  kind === 'embedded'
    ? await embeddedThroughput(count, inFlight)
    : kind === 'bpmn-engine'
      ? { piPerSec: await bpmnEngineThroughput(count, inFlight) }
      : kind === 'waiting'
        ? await waitingInstances(count)
        : undefined;
if (!result) {
  console.error(`unknown benchmark case '${kind}'`);
  process.exit(2);
}
console.log(JSON.stringify(result));

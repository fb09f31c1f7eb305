/**
 * The process the crash test kills: an engine on a PGlite directory that starts instances as fast
 * as it can and holds the jobs it activates. Prints one line per acknowledged fact:
 *   started <processInstanceKey>    activated <jobKey>
 */
import { openStore } from '../../engine/src/store/store.js';
import { createEngine } from '../../engine/src/runtime/embedded/embedded-engine.js';

const dataDir = process.argv[2];
export const CRASH_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="crash-defs" targetNamespace="http://gongzhi">
  <bpmn:process id="crash" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="work" />
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="crash-work" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const store = await openStore({ dataDir });
const engine = await createEngine({ store, pollInterval: 100 });
await engine.deploy([{ name: 'crash.bpmn', content: CRASH_PROCESS }]);
console.log('ready');

// A worker that takes jobs and never finishes them: they must come back after their timeout.
void (async () => {
  for (;;) {
    const jobs = await engine.activateJobs({ type: 'crash-work', worker: 'doomed', timeout: 3000, maxJobsToActivate: 50, requestTimeout: 200 });
    for (const job of jobs) console.log(`activated ${job.key}`);
  }
})();

let n = 0;
const starter = async () => {
  for (;;) {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'crash', variables: { n: ++n } });
    console.log(`started ${processInstanceKey}`);
  }
};
await Promise.all([starter(), starter(), starter(), starter()]);

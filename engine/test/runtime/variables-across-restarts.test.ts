import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.js';
import { createEngine } from '../../src/runtime/embedded/embedded-engine.js';
import type { Store } from '../../src/store/store.js';
import { chain, flow, ioMapping, processXml, serviceTask } from '../support/bpmn-xml.js';
import { testStores } from '../support/test-stores.js';

/**
 * The engine keeps no variable rows of its own: a scope it has not cached is read from variable_view, which the
 * read model writes from the VARIABLE records. A second engine on the same store starts with empty caches, as
 * after a restart, so every scope it needs comes from there.
 */
const PROCESS = processXml(
  'grant',
  `<bpmn:startEvent id="start" />
   ${serviceTask('review', 'grant-review', ioMapping({ local: 'amount * 2' }))}
   <bpmn:exclusiveGateway id="size" default="f_small" />
   <bpmn:endEvent id="big" /><bpmn:endEvent id="small" />
   ${chain('start', 'review', 'size')}
   ${flow('f_big', 'size', 'big', 'amount > 100')}
   ${flow('f_small', 'size', 'small')}`,
);

describe.each(testStores)('variables across engine restarts on $name', ({ open }) => {
  let store: Store;
  const clock = new VirtualClock(Date.UTC(2026, 10, 22));
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  const rows = async (pi: number) =>
    (await sql<{ scope_key: string; name: string; value: unknown }>`SELECT scope_key, name, value FROM variable_view WHERE process_instance_key = ${pi} ORDER BY name`.execute(store.db)).rows;

  it('reads the variables of waiting scopes from the read model, and updates them there', async () => {
    const first = await createEngine({ store, clock });
    await first.deploy([{ name: 'grant.bpmn', content: PROCESS }]);
    const { processInstanceKey: big } = await first.createProcessInstance({ bpmnProcessId: 'grant', variables: { amount: 150, applicant: '王芳' } });
    const { processInstanceKey: small } = await first.createProcessInstance({ bpmnProcessId: 'grant', variables: { amount: 150 } });
    await first.close();

    const second = await createEngine({ store, clock });
    try {
      const jobs = await second.activateJobs({ type: 'grant-review', worker: 'test', timeout: 60_000, maxJobsToActivate: 10 });
      const byInstance = new Map(jobs.map((job) => [job.processInstanceKey, job]));
      // The job's variables come from both scopes: the instance's and the task's local input.
      expect(byInstance.get(big)!.variables).toEqual({ amount: 150, applicant: '王芳', local: 300 });
      await second.completeJob(byInstance.get(big)!.key, { decidedBy: '李主任' });
      // Updating a variable the first engine created: the gateway must see the new value.
      await second.completeJob(byInstance.get(small)!.key, { amount: 40 });
      const ended = async (pi: number) => (await second.records(pi)).filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => (r.value as { elementId: string }).elementId);
      expect(await ended(big)).toContain('big');
      expect(await ended(small)).toContain('small');
      expect((await rows(big)).filter((r) => Number(r.scope_key) === big).map((r) => [r.name, r.value])).toEqual([
        ['amount', 150],
        ['applicant', '王芳'],
        ['decidedBy', '李主任'],
      ]);
      expect((await rows(small)).filter((r) => Number(r.scope_key) === small).map((r) => [r.name, r.value])).toEqual([['amount', 40]]);
    } finally {
      await second.close();
    }
  });
});

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.js';
import { createEngine } from '../../src/runtime/embedded/embedded-engine.js';
import { openStore } from '../../src/store/store.js';
import { latestDeployedResources, runSimulation } from '../../src/simulation/index.js';
import { ScenarioStore } from '../../src/simulation/scenario-store.js';
import { COMPLAINT_BPMN, complaintResources, prCreatedResources, REGISTER_FORM } from './simulation-fixtures.js';

describe('isolation of scenarios', () => {
  it('lets no scenario see what another left behind', async () => {
    // A review message buffered for a day is caught by a review subscription opened later — in its own
    // scenario (the control), but not in the next scenario, which gets an empty store.
    const report = await runSimulation({
      resources: prCreatedResources(),
      scenarioFiles: [
        {
          name: 'i.scenarios.yaml',
          content: `process: prCreatedProcess
mockJobs: { runTests: {} }
scenarios:
  - name: a buffered message is caught later in its own scenario
    start: { message: { name: prCreated, variables: { prId: PR-0 } } }
    steps:
      - publishMessage: { name: reviewReceived, correlationKey: PR-0, timeToLive: P1D, variables: { reviewResult: approved } }
      - completeTask: { element: requestReview }
      - expect: { passed: [reviewReceived], waitingAt: [mergeCode] }
      - publishMessage: { name: reviewReceived, correlationKey: PR-1, timeToLive: P1D, variables: { reviewResult: approved } }
  - name: the next scenario does not see it
    start: { message: { name: prCreated, variables: { prId: PR-1 } } }
    steps:
      - completeTask: { element: requestReview }
      - expect: { waitingAt: [Gateway_1wymgxc], notPassed: [reviewReceived] }
`,
        },
      ],
    });
    const [control, isolated] = report.processes[0].scenarios;
    expect(control.failure).toBeUndefined();
    expect(isolated.failure).toBeUndefined();
  }, 600_000);

  it('hands out a store as empty as a new one, with its sequences restarted', async () => {
    const stores = new ScenarioStore();
    try {
      const store = await stores.take();
      const engine = await createEngine({ store, clock: new VirtualClock() });
      const deployed = await engine.deploy(complaintResources);
      const started = await engine.createProcessInstance({ bpmnProcessId: 'complaint', variables: { caseNo: 'S-1' } });
      await engine.close();
      expect(started.processInstanceKey).toBeGreaterThan(deployed.deploymentKey);

      const again = await stores.take();
      expect(again).toBe(store);
      const tables = await sql<{ name: string }>`
        SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely%'`.execute(again.db);
      expect(tables.rows.length).toBeGreaterThan(10);
      for (const { name } of tables.rows) {
        const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(again.db);
        expect([name, rows.rows[0].n]).toEqual([name, 0]);
      }
      const engine2 = await createEngine({ store: again, clock: new VirtualClock() });
      const redeployed = await engine2.deploy(complaintResources);
      const restarted = await engine2.createProcessInstance({ bpmnProcessId: 'complaint', variables: { caseNo: 'S-1' } });
      await engine2.close();
      // Keys start over: a scenario's records do not depend on the scenarios before it.
      expect(redeployed.deploymentKey).toBe(deployed.deploymentKey);
      expect(restarted.processInstanceKey).toBe(started.processInstanceKey);
    } finally {
      await stores.close();
    }
  }, 600_000);
});

describe('latestDeployedResources', () => {
  it('gives what a store has deployed, latest versions, ready to simulate', async () => {
    const store = await openStore({ memory: true });
    try {
      const engine = await createEngine({ store, clock: new VirtualClock() });
      await engine.deploy([{ name: 'complaint.bpmn', content: COMPLAINT_BPMN.replace('name="办理"', 'name="旧版办理"') }]);
      await engine.deploy(complaintResources);
      await engine.close();

      const resources = await latestDeployedResources(store.db);
      expect(resources.map((r) => r.name).sort()).toEqual(['complaint.bpmn', 'register.form.json']);
      expect(resources.find((r) => r.name === 'complaint.bpmn')!.content).toBe(COMPLAINT_BPMN);
      expect(JSON.parse(String(resources.find((r) => r.name === 'register.form.json')!.content))).toEqual(JSON.parse(REGISTER_FORM));

      const report = await runSimulation({
        resources,
        scenarioFiles: [
          {
            name: 'd.scenarios.yaml',
            content: `process: complaint
scenarios:
  - name: the deployed form still checks completions
    start: { variables: {} }
    steps:
      - completeTask: { element: register, variables: { category: river, urgent: false } }
`,
          },
        ],
      });
      expect(report.processes[0].scenarios[0].failure?.message).toMatch(/^completing register was rejected by its form register: \/category: /);
    } finally {
      await store.close();
    }
  }, 600_000);

  it('leaves deleted versions out: the version before a deleted latest one is the latest again', async () => {
    const store = await openStore({ memory: true });
    try {
      const engine = await createEngine({ store, clock: new VirtualClock() });
      const older = COMPLAINT_BPMN.replace('name="办理"', 'name="旧版办理"');
      await engine.deploy([{ name: 'complaint.bpmn', content: older }]);
      const latest = await engine.deploy([{ name: 'complaint.bpmn', content: COMPLAINT_BPMN }]);
      await engine.deleteResource(latest.processes[0].processDefinitionKey);
      await engine.close();

      const resources = await latestDeployedResources(store.db);
      expect(resources.map((r) => r.content)).toEqual([older]);
    } finally {
      await store.close();
    }
  }, 600_000);
});

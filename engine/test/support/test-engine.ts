import { CompiledQuery } from 'kysely';
import { VirtualClock } from '../../src/clock/clock.js';
import { createEngine, type EmbeddedEngine } from '../../src/runtime/embedded/embedded-engine.js';
import type { Store } from '../../src/store/store.js';
import type { TestStore } from './test-stores.js';

/** An embedded engine on a fresh test store with a virtual clock, plus read helpers over the read model. */
export class TestEngine {
  private constructor(
    readonly engine: EmbeddedEngine,
    readonly store: Store,
    readonly clock: VirtualClock,
  ) {}

  static async start(testStore: TestStore, clock = new VirtualClock()): Promise<TestEngine> {
    const store = await testStore.open();
    const engine = await createEngine({ store, clock });
    return new TestEngine(engine, store, clock);
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.store.close();
  }

  async deploy(xml: string, name = 'test.bpmn') {
    return this.engine.deploy([{ name, content: xml }]);
  }

  async start(bpmnProcessId: string, variables: Record<string, unknown> = {}): Promise<number> {
    return (await this.engine.createProcessInstance({ bpmnProcessId, variables })).processInstanceKey;
  }

  private async rows<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.store.db.executeQuery<T>(CompiledQuery.raw(sql, params))).rows;
  }

  async state(piKey: number): Promise<string | undefined> {
    return (await this.rows<{ state: string }>('SELECT state FROM process_instance_view WHERE key = $1', [piKey]))[0]?.state;
  }

  /** Element ids waiting (ACTIVATED) in an instance and its called children. */
  async activeElements(piKey: number): Promise<string[]> {
    const rows = await this.rows<{ element_id: string }>(
      `SELECT element_id FROM element_instance_view WHERE process_instance_key = $1 AND state IN ('ACTIVATED', 'ACTIVATING')
       AND element_type NOT IN ('PROCESS', 'SUB_PROCESS', 'MULTI_INSTANCE_BODY', 'EVENT_SUB_PROCESS') ORDER BY key`,
      [piKey],
    );
    return rows.map((r) => r.element_id);
  }

  /** Element ids completed in an instance, in completion order (the path taken). */
  async completedElements(piKey: number): Promise<string[]> {
    // The virtual clock gives one batch one time: the record stream's order is the completion order.
    const records = await this.engine.records(piKey);
    return records.filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => (r.value as { elementId: string }).elementId);
  }

  async terminatedElements(piKey: number): Promise<string[]> {
    const rows = await this.rows<{ element_id: string }>(
      `SELECT element_id FROM element_instance_view WHERE process_instance_key = $1 AND state = 'TERMINATED' ORDER BY key`,
      [piKey],
    );
    return rows.map((r) => r.element_id);
  }

  /** The process instance's root-scope variables, from the read model. */
  async variables(piKey: number): Promise<Record<string, unknown>> {
    const rows = await this.rows<{ name: string; value: unknown }>('SELECT name, value FROM variable_view WHERE scope_key = $1', [piKey]);
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  async incidents(piKey?: number): Promise<Array<{ key: number; state: string; errorType: string; errorMessage: string; elementId: string; jobKey: number | null }>> {
    const rows = await this.rows<Record<string, any>>(
      piKey === undefined ? 'SELECT * FROM incidents ORDER BY key' : 'SELECT * FROM incidents WHERE process_instance_key = $1 ORDER BY key',
      piKey === undefined ? [] : [piKey],
    );
    return rows.map((r) => ({ key: r.key, state: r.state, errorType: r.data.errorType, errorMessage: r.data.errorMessage, elementId: r.data.elementId, jobKey: r.job_key }));
  }

  /** Activates and completes every available job of a type; returns how many. */
  async completeJobs(type: string, variables: Record<string, unknown> = {}): Promise<number> {
    const jobs = await this.engine.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: 100 });
    for (const job of jobs) await this.engine.completeJob(job.key, typeof variables === 'function' ? (variables as any)(job) : variables);
    return jobs.length;
  }

  async activate(type: string, max = 100) {
    return this.engine.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: max });
  }

  async records(piKey?: number) {
    return this.engine.records(piKey);
  }
}

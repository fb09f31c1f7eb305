import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { openStore } from '../../src/store/store.js';
import { createEngine } from '../../src/runtime/embedded/embedded-engine.js';
import { processXml, chain } from '../support/bpmn-xml.js';

const XML = processXml('seq', `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${chain('s', 'e')}`);

describe('keys and record positions', () => {
  it('never repeat across restarts, though they are saved a block ahead rather than with every batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongzhi-seq-'));
    try {
      const seen: { keys: number[]; positions: number[] } = { keys: [], positions: [] };
      for (let run = 0; run < 3; run++) {
        const store = await openStore({ dataDir: join(dir, 'data') });
        const engine = await createEngine({ store });
        const writes = await store.db.executeQuery<{ n: number }>(CompiledQuery.raw("SELECT count(*)::int AS n FROM engine_meta"));
        if (run === 0) await engine.deploy([{ name: 'seq.bpmn', content: XML }]);
        for (let i = 0; i < 5; i++) seen.keys.push((await engine.createProcessInstance({ bpmnProcessId: 'seq' })).processInstanceKey);
        for (const r of await engine.records(seen.keys.at(-1)!)) seen.positions.push(r.position);
        expect(writes.rows[0].n).toBe(run === 0 ? 0 : 2);
        await engine.close();
        await store.close();
      }
      expect(new Set(seen.keys).size).toBe(seen.keys.length);
      expect([...seen.keys].sort((a, b) => a - b)).toEqual(seen.keys);
      expect([...seen.positions].sort((a, b) => a - b)).toEqual(seen.positions);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

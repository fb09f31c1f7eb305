import { describe, it, expect } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { RuntimeTableVacuum } from '../../src/runtime/embedded/state/runtime-table-vacuum.js';

describe('RuntimeTableVacuum', () => {
  it('on PGlite (no autovacuum there) falls due after enough records and vacuums the runtime tables', async () => {
    const store = await openStore({ memory: true });
    try {
      const vacuum = new RuntimeTableVacuum(store);
      vacuum.noteRecords(99_999);
      expect(vacuum.due).toBe(false);
      vacuum.noteRecords(1);
      expect(vacuum.due).toBe(true);
      await vacuum.run(); // a statement PGlite refused would throw here
      expect(vacuum.due).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('never falls due on a PostgreSQL server, which vacuums by itself', () => {
    const vacuum = new RuntimeTableVacuum({ kind: 'postgres' } as never);
    vacuum.noteRecords(1_000_000);
    expect(vacuum.due).toBe(false);
  });
});

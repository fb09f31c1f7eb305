import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/store.js';
import { migrations } from '../../src/store/migrations/index.js';

// A new data directory is made from the empty-cluster image when one is cached, by initdb in a child process
// otherwise (pristine-cluster-image.test.ts covers both roads).

describe('PGlite data directory', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gongzhi-pglite-'));
  });
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is created when missing, keeps its data when reopened, and migrates only once', async () => {
    const dataDir = join(root, 'nested', 'state');
    const first = await openStore({ dataDir });
    opened.push(first);
    expect(first.kind).toBe('pglite');
    await first.db.schema.createTable('kept').addColumn('text', 'text').execute();
    await first.db.insertInto('kept').values({ text: '居民议事会' }).execute();
    await first.close();

    const second = await openStore({ dataDir });
    opened.push(second);
    expect(await second.db.selectFrom('kept').selectAll().execute()).toEqual([{ text: '居民议事会' }]);
    const applied = await second.db.selectFrom('kysely_migration').select('name').execute();
    expect(applied.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
  });

  it('cannot be opened twice at once in one process', async () => {
    const dataDir = join(root, 'single');
    opened.push(await openStore({ dataDir }));
    await expect(openStore({ dataDir })).rejects.toThrow(/already open in this process/);
  });

  it('reports a path it cannot create', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'not a directory');
    await expect(openStore({ dataDir: join(file, 'data') })).rejects.toThrow(
      new RegExp(`Cannot create PGlite data directory ${file}/data`),
    );
    await expect(openStore({ dataDir: file })).rejects.toThrow(/is not a directory/);
  });

  it('starts a new directory from the in-memory image once there is one, and keeps what is written', async () => {
    const memory = await openStore({ memory: true });
    opened.push(memory);
    await memory.db.schema.createTable('memory_only').addColumn('x', 'integer').execute();
    const dataDir = join(root, 'seeded');
    const seeded = await openStore({ dataDir });
    opened.push(seeded);
    expect(await readdir(dataDir)).toContain('PG_VERSION');
    // The image is the empty cluster, not the memory store's current state.
    await expect(seeded.db.selectFrom('memory_only').selectAll().execute()).rejects.toThrow(/does not exist/);
    await seeded.db.schema.createTable('kept').addColumn('text', 'text').execute();
    await seeded.db.insertInto('kept').values({ text: '楼栋长' }).execute();
    await seeded.close();
    const reopened = await openStore({ dataDir });
    opened.push(reopened);
    expect(await reopened.db.selectFrom('kept').selectAll().execute()).toEqual([{ text: '楼栋长' }]);
  });

  it('refuses a directory holding other files', async () => {
    const dataDir = join(root, 'someone-elses');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), '台账');
    await expect(openStore({ dataDir })).rejects.toThrow(/not empty and holds no PostgreSQL cluster/);
  });
});

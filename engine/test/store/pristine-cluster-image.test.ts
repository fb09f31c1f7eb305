import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { openStore } from '../../src/store/store.js';
import { forgetPristineCluster, pristineClusterImageFile } from '../../src/store/pristine-cluster-image.js';

describe('the empty-cluster image', () => {
  it('is kept in node_modules/.cache after a store opens, and a damaged one is replaced, not trusted', async () => {
    const file = pristineClusterImageFile()!;
    expect(file).toMatch(/node_modules[\\/]\.cache[\\/]gongzhi[\\/]pglite-.+-empty-cluster\.tar\.gz$/);

    await forgetPristineCluster();
    const first = await openStore({ memory: true });
    await first.close();
    expect(existsSync(file)).toBe(true);

    // Garbage in the cache file: opening still works (initdb again) and the file is written anew.
    await forgetPristineCluster();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'not a cluster image');
    const second = await openStore({ memory: true });
    expect(await second.db.selectFrom('engine_meta').selectAll().execute()).toEqual([]);
    await second.close();
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip again

    // A new data directory starts from the image too, and a damaged image does not leave it half made.
    await forgetPristineCluster();
    writeFileSync(file, 'not a cluster image either');
    const dir = join(mkdtempSync(join(tmpdir(), 'gongzhi-image-')), 'data');
    try {
      const onDisk = await openStore({ dataDir: dir });
      await onDisk.close();
      const again = await openStore({ dataDir: dir });
      await again.close();
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

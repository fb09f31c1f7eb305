import type { PGlite } from '@electric-sql/pglite';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A gzip image of a freshly initialised, empty PGlite cluster. Starting PGlite from it skips initdb, which is
 * most of PGlite's start-up time (seconds). Kept in this process and, across processes, in the installation's
 * node_modules/.cache (where build tools keep theirs): every test file, simulation and first start would
 * otherwise run initdb again. The file is named after PGlite's version, so an upgrade makes a new one.
 */
let inProcess: Promise<Blob | undefined> | undefined;

/** Where the image is kept across processes (undefined when PGlite is not under a node_modules folder). */
export function pristineClusterImageFile(): string | undefined {
  try {
    const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
    const at = entry.lastIndexOf(`${sep}node_modules${sep}`);
    if (at < 0) return undefined;
    const packageDir = join(entry.slice(0, at), 'node_modules', '@electric-sql', 'pglite');
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return join(entry.slice(0, at), 'node_modules', '.cache', 'gongzhi', `pglite-${version}-empty-cluster.tar.gz`);
  } catch {
    return undefined;
  }
}

/** The image, from this process or the cache file; undefined when neither has one yet. */
export function pristineClusterImage(): Promise<Blob | undefined> {
  inProcess ??= (async () => {
    const file = pristineClusterImageFile();
    if (!file) return undefined;
    const bytes = await readFile(file).catch(() => undefined);
    return bytes && bytes.length > 0 ? new Blob([bytes]) : undefined;
  })();
  return inProcess;
}

/** Takes the image of a just-created, still empty cluster (before migrations) and keeps it. */
export async function rememberPristineCluster(pglite: PGlite): Promise<void> {
  const image = pglite.dumpDataDir('gzip');
  inProcess = image.then(
    (blob) => blob,
    () => undefined,
  );
  const blob = await inProcess;
  const file = pristineClusterImageFile();
  if (!blob || !file) return;
  // Written aside and renamed: processes starting together never read half a file.
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(partial, new Uint8Array(await blob.arrayBuffer()));
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => {});
  }
}

/** A cluster could not be started from the image: drop it everywhere, so the next start runs initdb. */
export async function forgetPristineCluster(): Promise<void> {
  inProcess = undefined;
  const file = pristineClusterImageFile();
  if (file) await rm(file, { force: true }).catch(() => {});
}

import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { access, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { pgliteParsers, pgliteSerializers } from './column-types.js';
import { forgetPristineCluster, pristineClusterImage, rememberPristineCluster } from './pristine-cluster-image.js';

export interface OpenedPglite {
  pglite: PGlite;
  /** Where it lives, for messages: the data directory or 'memory'. */
  location: string;
  /** Call once PGlite is closed: frees the data directory for another open in this process. */
  release(): void;
}

const typeOptions: PGliteOptions = { parsers: pgliteParsers, serializers: pgliteSerializers };

/**
 * PGlite's own start parameters, plus a smaller buffer pool (WASM memory never shrinks, and the OS caches the files
 * anyway) and no full-page images in the WAL. Those guard against a page half-written when the machine loses power;
 * PGlite never fsyncs (-F), so it promises to survive a killed process, not a power cut — and a killed process cannot
 * half-write a page (each page is one write call into the OS's cache). Benchmark A ran ~10 % faster without them.
 */
const PGLITE_START = [
  '--single', '-F', '-O', '-j',
  '-c', 'search_path=public', '-c', 'exit_on_error=false', '-c', 'log_checkpoints=false',
  '-c', 'max_worker_processes=0', '-c', 'max_parallel_workers=0', '-c', 'max_parallel_workers_per_gather=0',
  '-c', 'io_method=sync', '-c', 'max_parallel_maintenance_workers=0',
  '-c', 'full_page_writes=off',
];

function startParams(): string[] {
  const buffers = process.env.GONGZHI_PGLITE_SHARED_BUFFERS ?? '32MB';
  if (!/^[0-9]+(kB|MB|GB)$/.test(buffers)) throw new Error(`GONGZHI_PGLITE_SHARED_BUFFERS must look like 32MB, but was '${buffers}'`);
  return [...PGLITE_START, '-c', `shared_buffers=${buffers}`];
}

/**
 * Creates the cluster of a new data directory in a child process: initdb makes WASM memory grow by
 * hundreds of megabytes that a process never gets back, and the engine's process should not carry that.
 */
async function initialiseInChild(dir: string): Promise<void> {
  // Plain JavaScript given on the command line: it runs the same from sources (tsx, vitest) and from dist.
  const moduleUrl = import.meta.resolve('@electric-sql/pglite');
  const script = [
    `const { PGlite } = await import(${JSON.stringify(moduleUrl)});`,
    'const pglite = await PGlite.create({ dataDir: process.env.GONGZHI_INITDB_DIR });',
    'await pglite.close();',
    'process.exit(0);',
  ].join('\n');
  await new Promise<void>((resolveDone, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, GONGZHI_INITDB_DIR: dir },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveDone() : reject(new Error(`initdb failed (exit ${code}): ${stderr.trim().slice(-500)}`))));
  });
}

/**
 * Data directories open in this process. Two PGlite instances on one directory would both write it and
 * corrupt it; refuse the second instead.
 */
const openDataDirs = new Set<string>();

export async function openPgliteInMemory(): Promise<OpenedPglite> {
  let pglite: PGlite | undefined;
  try {
    const image = await pristineClusterImage();
    if (image) {
      pglite = await PGlite.create({ ...typeOptions, loadDataDir: image }).catch(async () => {
        await forgetPristineCluster();
        return undefined;
      });
    }
    if (!pglite) {
      pglite = await PGlite.create(typeOptions);
      // Taken before migrations touch it, so the image stays empty.
      await rememberPristineCluster(pglite);
    }
  } catch (error) {
    throw new Error(`Cannot start in-memory PGlite: ${messageOf(error)}`, { cause: error });
  }
  return { pglite, location: 'memory', release: () => {} };
}

export async function openPgliteDataDir(dataDir: string): Promise<OpenedPglite> {
  const dir = resolve(dataDir);
  const empty = await prepareDataDir(dir);
  if (openDataDirs.has(dir)) {
    throw new Error(`PGlite data directory ${dir} is already open in this process; close that store first`);
  }
  openDataDirs.add(dir);
  const release = () => {
    openDataDirs.delete(dir);
  };
  try {
    // A new directory starts from the image of an empty cluster when there is one; otherwise its cluster is
    // made in a child process.
    const open = (image?: Blob) => PGlite.create({ ...typeOptions, dataDir: dir, startParams: startParams(), ...(image && { loadDataDir: image }) });
    const image = empty ? await pristineClusterImage() : undefined;
    if (image) {
      const pglite = await open(image).catch(async () => {
        // A damaged image: forget it and make the cluster the slow way, in a directory emptied again.
        await forgetPristineCluster();
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
        return undefined;
      });
      if (pglite) return { pglite, location: dir, release };
    }
    if (empty) await initialiseInChild(dir);
    return { pglite: await open(), location: dir, release };
  } catch (error) {
    release();
    throw new Error(`Cannot open PGlite data directory ${dir}: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * Creates the directory when missing and rejects one PGlite cannot use, with a message saying why.
 * Returns whether it is empty (a cluster still has to be created there).
 */
async function prepareDataDir(dir: string): Promise<boolean> {
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new Error(`PGlite data directory ${dir} is not a directory`);
  }
  if (!existing) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new Error(`Cannot create PGlite data directory ${dir}: ${messageOf(error)}`, { cause: error });
    }
  }
  try {
    await access(dir, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new Error(`PGlite data directory ${dir} is not writable: ${messageOf(error)}`, { cause: error });
  }
  const entries = await readdir(dir);
  // PG_VERSION marks an initialised cluster; an empty directory gets one. Anything else is someone's files.
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new Error(
      `PGlite data directory ${dir} is not empty and holds no PostgreSQL cluster (no PG_VERSION); choose an empty or a PGlite directory`,
    );
  }
  return entries.length === 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

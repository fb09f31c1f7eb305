import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { access, mkdir, readdir, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { resolve } from 'node:path';
import { pgliteParsers, pgliteSerializers } from './column-types.js';

export interface OpenedPglite {
  pglite: PGlite;
  /** Where it lives, for messages: the data directory or 'memory'. */
  location: string;
  /** Call once PGlite is closed: frees the data directory for another open in this process. */
  release(): void;
}

const typeOptions: PGliteOptions = { parsers: pgliteParsers, serializers: pgliteSerializers };

/**
 * Data directories open in this process. Two PGlite instances on one directory would both write it and
 * corrupt it; refuse the second instead.
 */
const openDataDirs = new Set<string>();

/**
 * A gzip image of a freshly initialised, empty cluster. Starting PGlite from it skips initdb, which is most
 * of PGlite's start-up time (seconds); tests and simulations open many in-memory stores in one process.
 */
let pristineImage: Promise<File | Blob> | undefined;

async function cachedPristineImage(): Promise<File | Blob | undefined> {
  return pristineImage && (await pristineImage.catch(() => undefined));
}

export async function openPgliteInMemory(): Promise<OpenedPglite> {
  const image = await cachedPristineImage();
  let pglite: PGlite;
  try {
    if (image) {
      pglite = await PGlite.create({ ...typeOptions, loadDataDir: image });
    } else {
      pglite = await PGlite.create(typeOptions);
      // Taken before migrations touch it, so the image stays empty.
      const dumping = pglite.dumpDataDir('gzip');
      pristineImage = dumping;
      await dumping.catch(() => {
        if (pristineImage === dumping) pristineImage = undefined;
      });
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
    // A new directory starts from the cached empty cluster when this process has one: no initdb.
    const image = empty ? await cachedPristineImage() : undefined;
    const pglite = await PGlite.create({ ...typeOptions, dataDir: dir, ...(image && { loadDataDir: image }) });
    return { pglite, location: dir, release };
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

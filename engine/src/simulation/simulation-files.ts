import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { SimulationResource } from './run-simulation.js';
import { SimulationInputError, type InputProblem } from './simulation-input-error.js';

export interface SimulationFiles {
  /** BPMN, DMN and form files, to deploy. */
  resources: SimulationResource[];
  /** Scenario files. */
  scenarioFiles: SimulationResource[];
}

const resourceEndings = ['.bpmn', '.bpmn20.xml', '.dmn', '.dmn11.xml', '.form', '.form.json'];
const scenarioEndings = ['.scenarios.yaml', '.scenarios.yml', '.scenarios.json'];

export function isScenarioFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return scenarioEndings.some((ending) => lower.endsWith(ending));
}

function isResourceName(name: string): boolean {
  const lower = name.toLowerCase();
  return resourceEndings.some((ending) => lower.endsWith(ending));
}

/**
 * The files a simulation is run on, from files and folders (folders are searched recursively, skipping hidden
 * ones and node_modules, in name order). Files are named by their path relative to `base`, with `/`; a file
 * reached twice is read once. Throws SimulationInputError for paths that do not exist and files given by name
 * that are neither a resource nor a scenario file.
 */
export async function collectSimulationFiles(paths: string[], base = process.cwd()): Promise<SimulationFiles> {
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      problems.push({ file: path, path: '', message: 'no such file or folder' });
      return;
    }
    const real = await realpath(path);
    if (seen.has(real)) return;
    seen.add(real);
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.') && name !== 'node_modules').sort();
      for (const name of entries) await visit(join(path, name), false);
      return;
    }
    if (isScenarioFileName(path) || isResourceName(path)) found.push(path);
    else if (explicit) {
      problems.push({
        file: path,
        path: '',
        message: `is neither a resource (${resourceEndings.join(', ')}) nor a scenario file (${scenarioEndings.join(', ')})`,
      });
    }
  };
  for (const path of paths) await visit(resolve(base, path), true);
  if (problems.length > 0) {
    throw new SimulationInputError(problems.map((p) => ({ ...p, file: displayName(base, p.file) })));
  }
  const files: SimulationFiles = { resources: [], scenarioFiles: [] };
  for (const path of found) {
    const name = displayName(base, path);
    if (isScenarioFileName(path)) files.scenarioFiles.push({ name, content: await readFile(path, 'utf8') });
    // Bytes: XML resources say their own encoding.
    else files.resources.push({ name, content: new Uint8Array(await readFile(path)) });
  }
  return files;
}

function displayName(base: string, path: string): string {
  const rel = relative(base, path);
  return (rel.startsWith('..') || rel === '' ? path : rel).split(sep).join('/');
}

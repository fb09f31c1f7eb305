import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployResource } from '../runtime/runtime-port.js';

/** The deployable files of the product's folders: processes/*.bpmn, *.dmn and forms/*.form.json. */
export function resourceFiles(...dirs: string[]): DeployResource[] {
  const out: DeployResource[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(bpmn|dmn|form\.json)$/.test(name)) continue;
      out.push({ name, content: readFileSync(join(dir, name)) });
    }
  }
  return out;
}

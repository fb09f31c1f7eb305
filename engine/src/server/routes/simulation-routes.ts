import { CompiledQuery } from 'kysely';
import { defineRoute, type Route } from '../http/route.js';
import { HttpProblem } from '../http/problem.js';
import { runSimulation, type SimulationResource } from '../../simulation/run-simulation.js';
import { SimulationInputError } from '../../simulation/simulation-input-error.js';
import type { ServerServices } from '../server-services.js';

const FILE = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'content'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, content: { type: 'string', maxLength: 2_000_000 } },
};

/** The latest deployed version of every process, decision and form, as resources a simulation deploys again. */
async function deployedResources(services: ServerServices): Promise<SimulationResource[]> {
  const db = services.store.db;
  const latest = async (sql: string) => (await db.executeQuery<{ name: string; content: unknown }>(CompiledQuery.raw(sql))).rows;
  const processes = await latest(
    `SELECT DISTINCT ON (bpmn_process_id) resource_name AS name, resource AS content FROM process_definitions ORDER BY bpmn_process_id, version DESC`,
  );
  const decisions = await latest(
    `SELECT DISTINCT ON (drg_id) resource_name AS name, resource AS content FROM decision_requirements ORDER BY drg_id, version DESC`,
  );
  const forms = await latest(`SELECT DISTINCT ON (form_id) resource_name AS name, content FROM forms ORDER BY form_id, version DESC`);
  const byName = new Map<string, SimulationResource>();
  for (const row of [...processes, ...decisions]) byName.set(row.name, { name: row.name, content: String(row.content) });
  for (const row of forms) byName.set(row.name, { name: row.name, content: JSON.stringify(row.content) });
  return [...byName.values()];
}

const simulate = defineRoute<{ scenarioFiles: SimulationResource[]; resources?: SimulationResource[] }>({
  method: 'post',
  path: '/v2/simulations',
  operationId: 'runSimulation',
  summary: 'Run scenario files (YAML or JSON) on virtual time against the deployed processes plus any resources given; returns pass/fail per scenario, coverage and what-if distributions',
  tag: 'Simulations',
  permission: 'simulate',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['scenarioFiles'],
    properties: {
      scenarioFiles: { type: 'array', minItems: 1, maxItems: 50, items: FILE },
      resources: { type: 'array', maxItems: 200, items: FILE, description: 'BPMN, DMN and form files not deployed yet (they replace deployed ones of the same name)' },
    },
  },
  responses: { 200: { description: 'The simulation report' }, 400: { description: 'A file does not parse or names what does not exist' } },
  async handler({ body, services }) {
    const given = body.resources ?? [];
    const names = new Set(given.map((r) => r.name));
    const resources = [...(await deployedResources(services)).filter((r) => !names.has(r.name)), ...given];
    try {
      return { body: await runSimulation({ resources, scenarioFiles: body.scenarioFiles }) };
    } catch (error) {
      if (error instanceof SimulationInputError) {
        throw new HttpProblem(400, 'INVALID_ARGUMENT', 'The simulation input is invalid', {
          errors: error.problems.map((p) => ({ field: `${p.file}${p.path ? ` ${p.path}` : ''}`, message: p.message })),
        });
      }
      throw error;
    }
  },
});

export const simulationRoutes: Route[] = [simulate];

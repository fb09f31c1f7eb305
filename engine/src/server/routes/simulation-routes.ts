import { defineRoute, type Route } from '../http/route.js';
import { HttpProblem } from '../http/problem.js';
import { runSimulation, type SimulationResource } from '../../simulation/run-simulation.js';
import { SimulationInputError } from '../../simulation/simulation-input-error.js';
import { latestDeployedResources } from '../../simulation/deployed-resources.js';

const FILE = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'content'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, content: { type: 'string', maxLength: 2_000_000 } },
};

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
    const resources = [...(await latestDeployedResources(services.store.db)).filter((r) => !names.has(r.name)), ...given];
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

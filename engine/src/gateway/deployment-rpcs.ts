import type { DeploymentResult } from '../runtime/embedded/commands/deployment.js';
import type { GatewayContext } from './gateway-context.js';
import type { GatewayHandlers } from './gateway-protocol.js';
import { unaryCall } from './unary-call.js';
import { checkTenant, DEFAULT_TENANT, keyFromWire, keyToWire } from './wire-values.js';

interface WireResource {
  name: string;
  content: Buffer;
}

function processMetadata(result: DeploymentResult) {
  return result.processes.map((p) => ({
    bpmnProcessId: p.bpmnProcessId,
    version: p.version,
    processDefinitionKey: keyToWire(p.processDefinitionKey),
    resourceName: p.resourceName,
    tenantId: DEFAULT_TENANT,
  }));
}

/** DeployResource and the deprecated DeployProcess (all resources deploy, or none: one batch), and DeleteResource. */
export function deploymentRpcs(context: GatewayContext): GatewayHandlers {
  return {
    DeployResource: unaryCall(context, 'CREATE', async (request: { resources: WireResource[]; tenantId: string }) => {
      checkTenant('DeployResource', request.tenantId);
      const result = await context.engine.deploy(request.resources.map((r) => ({ name: r.name, content: new Uint8Array(r.content) })));
      return {
        key: keyToWire(result.deploymentKey),
        deployments: [
          ...processMetadata(result).map((process) => ({ process })),
          ...result.decisions.map((d) => ({
            decision: {
              dmnDecisionId: d.decisionId,
              dmnDecisionName: d.name ?? d.decisionId,
              version: d.version,
              decisionKey: keyToWire(d.decisionKey),
              dmnDecisionRequirementsId: d.decisionRequirementsId,
              decisionRequirementsKey: keyToWire(d.decisionRequirementsKey),
              tenantId: DEFAULT_TENANT,
            },
          })),
          ...result.decisionRequirements.map((r) => ({
            decisionRequirements: {
              dmnDecisionRequirementsId: r.decisionRequirementsId,
              dmnDecisionRequirementsName: context.engine.definitions.latestDrg(r.decisionRequirementsId)?.drg.name ?? r.decisionRequirementsId,
              version: r.version,
              decisionRequirementsKey: keyToWire(r.decisionRequirementsKey),
              resourceName: r.resourceName,
              tenantId: DEFAULT_TENANT,
            },
          })),
          ...result.forms.map((f) => ({
            form: { formId: f.formId, version: f.version, formKey: keyToWire(f.formKey), resourceName: f.resourceName, tenantId: DEFAULT_TENANT },
          })),
        ],
        tenantId: DEFAULT_TENANT,
      };
    }),
    // A process definition, decision requirements graph or form, by key; Zeebe's DeleteResourceResponse is empty.
    DeleteResource: unaryCall(context, 'DELETE', async (request: { resourceKey: string }) => {
      await context.engine.deleteResource(keyFromWire('resourceKey', request.resourceKey));
      return {};
    }),
    DeployProcess: unaryCall(context, 'CREATE', async (request: { processes: Array<{ name: string; definition: Buffer }> }) => {
      const result = await context.engine.deploy(request.processes.map((p) => ({ name: p.name, content: new Uint8Array(p.definition) })));
      return { key: keyToWire(result.deploymentKey), processes: processMetadata(result) };
    }),
  };
}

import { defineRoute, type Route } from '../http/route.js';
import { badRequest } from '../http/problem.js';
import { auditActorOf } from '../../audit/index.js';
import type { DeploymentResult } from '../../runtime/runtime-port.js';

interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

/**
 * The uploaded file's name as the client wrote it (UTF-8). busboy 0.x (multer 1) already decodes it as UTF-8;
 * busboy 1.x (multer 2) hands over the raw bytes as latin1: decode only what is latin1-shaped and valid UTF-8.
 */
function resourceName(file: UploadedFile): string {
  const name = file.originalname;
  if (/[^\x00-\xff]/.test(name)) return name;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(name, 'latin1'));
  } catch {
    return name;
  }
}

/** The Camunda v2 deployment response. */
export function deploymentResponse(result: DeploymentResult): Record<string, unknown> {
  return {
    deploymentKey: String(result.deploymentKey),
    tenantId: '<default>',
    deployments: [
      ...result.processes.map((p) => ({
        processDefinition: {
          processDefinitionId: p.bpmnProcessId,
          processDefinitionVersion: p.version,
          processDefinitionKey: String(p.processDefinitionKey),
          resourceName: p.resourceName,
          tenantId: '<default>',
        },
      })),
      ...result.decisions.map((d) => ({
        decisionDefinition: {
          decisionDefinitionId: d.decisionId,
          version: d.version,
          decisionDefinitionKey: String(d.decisionKey),
          name: d.name ?? null,
          decisionRequirementsId: d.decisionRequirementsId,
          decisionRequirementsKey: String(d.decisionRequirementsKey),
          tenantId: '<default>',
        },
      })),
      ...result.decisionRequirements.map((d) => ({
        decisionRequirements: {
          decisionRequirementsId: d.decisionRequirementsId,
          version: d.version,
          decisionRequirementsKey: String(d.decisionRequirementsKey),
          resourceName: d.resourceName,
          tenantId: '<default>',
        },
      })),
      ...result.forms.map((f) => ({ form: { formId: f.formId, version: f.version, formKey: String(f.formKey), resourceName: f.resourceName, tenantId: '<default>' } })),
    ],
  };
}

const deploy = defineRoute<{ files: UploadedFile[] }>({
  method: 'post',
  path: '/v2/deployments',
  operationId: 'createDeployment',
  summary: 'Deploy BPMN, DMN and form resources (multipart, parts named `resources`)',
  tag: 'Deployments',
  permission: 'deploy',
  multipart: { field: 'resources', maxFiles: 100 },
  body: { type: 'object', properties: { resources: { type: 'array', items: { type: 'string', format: 'binary' } } } },
  responses: {
    200: { description: 'Deployed (unchanged resources keep their version)' },
    400: { description: 'Invalid resources: a problem per resource/element/line' },
  },
  async handler({ body, services, principal }) {
    if (!body.files || body.files.length === 0) throw badRequest("Expected at least one file in the multipart part 'resources'", [{ field: '/resources', message: 'no file' }]);
    const names = body.files.map(resourceName);
    const result = await services.engine.deploy(body.files.map((f, i) => ({ name: names[i], content: new Uint8Array(f.buffer) })));
    await services.audit.append({
      actor: auditActorOf(principal),
      action: 'deployment.create',
      target: `deployment:${result.deploymentKey}`,
      details: { resources: names, processes: result.processes.map((p) => `${p.bpmnProcessId}:${p.version}`) },
    });
    return { body: deploymentResponse(result) };
  },
});

/** Camunda 8.6's "Delete resource": a process definition, decision requirements or form, by its key. */
const deleteResource = defineRoute<{ operationReference?: number }>({
  method: 'post',
  path: '/v2/resources/:resourceKey/deletion',
  operationId: 'deleteResource',
  summary: 'Delete a deployed process definition, decision requirements graph or form (the version before becomes the latest again)',
  tag: 'Deployments',
  permission: 'deploy',
  body: { type: 'object', additionalProperties: false, properties: { operationReference: { type: 'integer', minimum: 1 } } },
  responses: {
    200: { description: 'The resource is deleted' },
    400: { description: 'The key is not a key' },
    404: { description: 'No resource with this key' },
    409: { description: 'A process definition with running instances (Zeebe 8.6 does not delete it)' },
  },
  async handler({ params, services, principal }) {
    const resourceKey = Number(params.resourceKey);
    if (!Number.isSafeInteger(resourceKey) || resourceKey <= 0) {
      throw badRequest(`Expected the resource key to be a key the engine issued, but was '${params.resourceKey}'`, [{ field: '/resourceKey', message: 'not a key' }]);
    }
    await services.engine.deleteResource(resourceKey);
    await services.audit.append({ actor: auditActorOf(principal), action: 'resource.delete', target: `resource:${resourceKey}` });
    return { status: 200, body: {} };
  },
});

export const deploymentRoutes: Route[] = [deploy, deleteResource];

import type { DeploymentProblem } from './deployment-problem.js';

/** Thrown by compileBpmnProcesses when a resource has problems; carries all of them. */
export class BpmnDeploymentError extends Error {
  constructor(readonly resourceName: string, readonly problems: DeploymentProblem[]) {
    super(
      `Resource '${resourceName}' cannot be deployed:\n` +
        problems.map((problem) => `- ${problem.message}`).join('\n'),
    );
    this.name = 'BpmnDeploymentError';
  }
}

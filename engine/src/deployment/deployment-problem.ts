/**
 * One reason a resource cannot be deployed, shaped like Zeebe's deployment rejection:
 * the resource, the element (when one is to blame) and where in the XML it sits.
 */
export interface DeploymentProblem {
  resourceName: string;
  elementId?: string;
  /** 1-based line in the resource text. */
  line?: number;
  /** 1-based column in that line. */
  column?: number;
  message: string;
}

/**
 * One reason a DMN resource cannot be deployed, shaped like a BPMN deployment problem: the
 * resource, the element to blame and where in the XML it sits.
 */
export interface DecisionProblem {
  resourceName: string;
  elementId?: string;
  /** 1-based line in the resource text. */
  line?: number;
  /** 1-based column, when the XML parser knows it. */
  column?: number;
  message: string;
}

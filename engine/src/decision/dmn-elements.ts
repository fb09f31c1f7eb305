/**
 * The shapes of the dmn-moddle elements the compiler reads (DMN 1.3 names; older files are lifted
 * to 1.3 namespaces before parsing).
 */

export interface DmnElement {
  readonly $type: string;
  id?: string;
  name?: string;
  label?: string;
}

export interface DmnText extends DmnElement {
  text?: string;
  expressionLanguage?: string;
}

export interface DmnDefinitions extends DmnElement {
  expressionLanguage?: string;
  drgElement?: DmnElement[];
}

export interface DmnDecision extends DmnElement {
  variable?: DmnElement & { typeRef?: string };
  informationRequirement?: Array<DmnElement & { requiredDecision?: { href?: string }; requiredInput?: { href?: string } }>;
  decisionLogic?: DmnElement;
}

export interface DmnDecisionTable extends DmnElement {
  hitPolicy?: string;
  aggregation?: string;
  input?: DmnInputClause[];
  output?: DmnOutputClause[];
  rule?: DmnRule[];
}

export interface DmnInputClause extends DmnElement {
  inputExpression?: DmnText;
}

export interface DmnOutputClause extends DmnElement {
  outputValues?: DmnText;
  defaultOutputEntry?: DmnText;
}

export interface DmnRule extends DmnElement {
  inputEntry?: DmnText[];
  outputEntry?: DmnText[];
}

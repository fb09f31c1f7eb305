/**
 * The feelin dialect matching Zeebe's FEEL (feel-scala): it accepts `backtick names`, which Camunda
 * Modeler writes for variables whose names contain spaces or operators.
 */
export const ZEEBE_FEEL_DIALECT = 'camunda';

/**
 * Writes small DMN 1.3 documents for the tests, the way Camunda Modeler lays them out, so each test
 * can state its table inline.
 */

export interface TableSpec {
  id: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  /** Ids of required decisions (informationRequirement). */
  requires?: string[];
  /** Name of the decision's variable, when it has one. */
  variable?: string;
  inputs: Array<{ label?: string; expression: string }>;
  outputs: Array<{ name?: string; label?: string; values?: string; defaultEntry?: string }>;
  rules: Array<{ id?: string; when: string[]; then: string[] }>;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function decisionTable(spec: TableSpec): string {
  const attributes = [`id="${spec.id}_table"`];
  if (spec.hitPolicy) attributes.push(`hitPolicy="${spec.hitPolicy}"`);
  if (spec.aggregation) attributes.push(`aggregation="${spec.aggregation}"`);
  const inputs = spec.inputs.map(
    (input, i) =>
      `      <input id="${spec.id}_in${i + 1}"${input.label ? ` label="${escapeXml(input.label)}"` : ''}>\n` +
      `        <inputExpression id="${spec.id}_in${i + 1}_expr" typeRef="string"><text>${escapeXml(input.expression)}</text></inputExpression>\n` +
      `      </input>`,
  );
  const outputs = spec.outputs.map((output, i) => {
    const attrs = [`id="${spec.id}_out${i + 1}"`];
    if (output.name) attrs.push(`name="${escapeXml(output.name)}"`);
    if (output.label) attrs.push(`label="${escapeXml(output.label)}"`);
    const values = output.values ? `\n        <outputValues id="${spec.id}_out${i + 1}_values"><text>${escapeXml(output.values)}</text></outputValues>` : '';
    const defaultEntry = output.defaultEntry
      ? `\n        <defaultOutputEntry id="${spec.id}_out${i + 1}_default"><text>${escapeXml(output.defaultEntry)}</text></defaultOutputEntry>`
      : '';
    return `      <output ${attrs.join(' ')}>${values}${defaultEntry}\n      </output>`;
  });
  const rules = spec.rules.map((rule, r) => {
    const id = rule.id ?? `${spec.id}_r${r + 1}`;
    const when = rule.when.map((text, i) => `        <inputEntry id="${id}_in${i + 1}"><text>${escapeXml(text)}</text></inputEntry>`);
    const then = rule.then.map((text, i) => `        <outputEntry id="${id}_out${i + 1}"><text>${escapeXml(text)}</text></outputEntry>`);
    return `      <rule id="${id}">\n${[...when, ...then].join('\n')}\n      </rule>`;
  });
  const requirements = (spec.requires ?? []).map(
    (required, i) => `    <informationRequirement id="${spec.id}_req${i + 1}"><requiredDecision href="#${required}" /></informationRequirement>`,
  );
  const variable = spec.variable ? [`    <variable id="${spec.id}_var" name="${spec.variable}" />`] : [];
  return [
    `  <decision id="${spec.id}"${spec.name ? ` name="${escapeXml(spec.name)}"` : ''}>`,
    ...variable,
    ...requirements,
    `    <decisionTable ${attributes.join(' ')}>`,
    ...inputs,
    ...outputs,
    ...rules,
    '    </decisionTable>',
    '  </decision>',
  ].join('\n');
}

export function literalDecision(id: string, expression: string, options: { requires?: string[]; variable?: string; name?: string } = {}): string {
  const requirements = (options.requires ?? []).map(
    (required, i) => `    <informationRequirement id="${id}_req${i + 1}"><requiredDecision href="#${required}" /></informationRequirement>`,
  );
  const variable = options.variable ? [`    <variable id="${id}_var" name="${options.variable}" />`] : [];
  return [
    `  <decision id="${id}"${options.name ? ` name="${escapeXml(options.name)}"` : ''}>`,
    ...variable,
    ...requirements,
    `    <literalExpression id="${id}_expr"><text>${escapeXml(expression)}</text></literalExpression>`,
    '  </decision>',
  ].join('\n');
}

export function dmn(decisions: string[], definitions: { id?: string; name?: string } = {}): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" ` +
      `xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:modeler="http://camunda.org/schema/modeler/1.0" ` +
      `id="${definitions.id ?? 'drg'}" name="${escapeXml(definitions.name ?? 'DRG')}" namespace="http://camunda.org/schema/1.0/dmn" ` +
      `exporter="Camunda Modeler" exporterVersion="5.31.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">`,
    ...decisions,
    '</definitions>',
  ].join('\n');
}

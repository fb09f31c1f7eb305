import { describe, it, expect } from 'vitest';
import { compileDmn, evaluateDecision } from '../../src/decision/index.js';
import { decisionTable, dmn, literalDecision } from './dmn-builder.js';

/** As Camunda Modeler 5 writes it for Camunda 8: DMN 1.3 with DMNDI. */
const modelerDmn13 = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:di="http://www.omg.org/spec/DMN/20180521/DI/" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="mediation" name="调解分派" namespace="http://camunda.org/schema/1.0/dmn" exporter="Camunda Modeler" exporterVersion="5.31.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <decision id="mediator" name="调解员分派">
    <informationRequirement id="InformationRequirement_1">
      <requiredDecision href="#severity" />
    </informationRequirement>
    <decisionTable id="DecisionTable_1" hitPolicy="FIRST">
      <input id="Input_1" label="严重程度">
        <inputExpression id="InputExpression_1" typeRef="string">
          <text>severity</text>
        </inputExpression>
      </input>
      <output id="Output_1" label="调解员" name="mediator" typeRef="string" />
      <rule id="Rule_1">
        <inputEntry id="UnaryTests_1"><text>"高"</text></inputEntry>
        <outputEntry id="LiteralExpression_1"><text>"街道调解委员会"</text></outputEntry>
      </rule>
      <rule id="Rule_2">
        <inputEntry id="UnaryTests_2"><text>-</text></inputEntry>
        <outputEntry id="LiteralExpression_2"><text>"社区调解员"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <decision id="severity" name="严重程度">
    <variable id="InformationItem_1" name="severity" typeRef="string" />
    <literalExpression id="LiteralExpression_3">
      <text>if amount &gt; 10000 or parties &gt; 2 then "高" else "低"</text>
    </literalExpression>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="DMNDiagram_1">
      <dmndi:DMNShape id="DMNShape_1" dmnElementRef="mediator">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
      <dmndi:DMNEdge id="DMNEdge_1" dmnElementRef="InformationRequirement_1">
        <di:waypoint x="250" y="250" />
        <di:waypoint x="250" y="180" />
      </dmndi:DMNEdge>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;

/** As Camunda Modeler 3/4 wrote it for Camunda 7: DMN 1.1 (or 1.2) with bpmn.io DI extensions. */
function olderDmn(namespace: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${namespace}" xmlns:biodi="http://bpmn.io/schema/dmn/biodi/1.0" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="legacy" name="Legacy" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="fee" name="Fee">
    <extensionElements><biodi:bounds x="150" y="80" width="180" height="80" /></extensionElements>
    <decisionTable id="decisionTable_1" hitPolicy="COLLECT" aggregation="SUM">
      <input id="input_1" label="Pages" camunda:inputVariable="pages">
        <inputExpression id="inputExpression_1" typeRef="integer"><text>pages</text></inputExpression>
      </input>
      <output id="output_1" label="Fee" name="fee" typeRef="double" />
      <rule id="row_1">
        <description>base fee</description>
        <inputEntry id="UnaryTests_1"><text></text></inputEntry>
        <outputEntry id="LiteralExpression_1"><text>2</text></outputEntry>
      </rule>
      <rule id="row_2">
        <inputEntry id="UnaryTests_2"><text><![CDATA[> 10]]></text></inputEntry>
        <outputEntry id="LiteralExpression_2"><text>0.5 * (pages - 10)</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>`;
}

describe('compileDmn', () => {
  it('compiles a Camunda Modeler DMN 1.3 file', async () => {
    const { drg, problems } = await compileDmn('mediation.dmn', modelerDmn13);
    expect(problems).toEqual([]);
    expect(drg).toMatchObject({ id: 'mediation', name: '调解分派', resourceName: 'mediation.dmn' });
    expect(drg!.decisions.map((d) => ({ id: d.decisionId, name: d.name, requires: d.requiredDecisions }))).toEqual([
      { id: 'mediator', name: '调解员分派', requires: ['severity'] },
      { id: 'severity', name: '严重程度', requires: [] },
    ]);
    expect(evaluateDecision(drg!, 'mediator', { amount: 20000, parties: 2 }).output).toBe('街道调解委员会');
    expect(evaluateDecision(drg!, 'mediator', { amount: 500, parties: 2 }).output).toBe('社区调解员');
  });

  it('reads DMN 1.1 and 1.2 namespaces as Camunda Modeler wrote them', async () => {
    for (const namespace of ['http://www.omg.org/spec/DMN/20151101/dmn.xsd', 'http://www.omg.org/spec/DMN/20180521/MODEL/']) {
      const { drg, problems } = await compileDmn('legacy.dmn', olderDmn(namespace));
      expect(problems, namespace).toEqual([]);
      expect(evaluateDecision(drg!, 'fee', { pages: 14 }).output).toBe(4);
      expect(evaluateDecision(drg!, 'fee', { pages: 3 }).output).toBe(2);
    }
  });

  it('accepts bytes, with or without a byte order mark', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${modelerDmn13}`);
    const { drg, problems } = await compileDmn('mediation.dmn', bytes);
    expect(problems).toEqual([]);
    expect(drg!.decisions).toHaveLength(2);
  });

  it('reports XML that is not well-formed with its line', async () => {
    const broken = modelerDmn13.replace('</decisionTable>', '</decisionTabel>');
    const { drg, problems } = await compileDmn('broken.dmn', broken);
    expect(drg).toBeUndefined();
    const line = broken.split('\n').findIndex((text) => text.includes('</decisionTabel>')) + 1;
    expect(line).toBe(22);
    expect(problems).toEqual([
      { resourceName: 'broken.dmn', message: 'The DMN is not well-formed XML: closing tag mismatch at </decisionTabel>', line, column: 5 },
    ]);
  });

  it('reports resources that are not DMN or not text', async () => {
    const bpmn = '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="x" />';
    const notDmn = await compileDmn('process.dmn', bpmn);
    expect(notDmn.drg).toBeUndefined();
    expect(notDmn.problems[0].message).toMatch(/^The resource is not DMN: the root element must be <definitions>/);

    const binary = await compileDmn('image.dmn', new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28]));
    expect(binary.problems).toEqual([{ resourceName: 'image.dmn', message: 'The DMN resource is not UTF-8 text' }]);

    for (const garbage of ['', 'not xml at all', '<definitions', '<<<>>>']) {
      const result = await compileDmn('garbage.dmn', garbage);
      expect(result.drg, garbage).toBeUndefined();
      expect(result.problems.length, garbage).toBeGreaterThan(0);
    }
  });

  it('reports FEEL that does not parse, at the element that holds it', async () => {
    const source = dmn([
      decisionTable({
        id: 'd',
        inputs: [{ label: 'Age', expression: 'age >' }],
        outputs: [{ name: 'out' }],
        rules: [{ id: 'r1', when: ['[1..'], then: ['"a" +'] }],
      }),
      literalDecision('lit', 'if x then'),
    ]);
    const { drg, problems } = await compileDmn('bad-feel.dmn', source);
    expect(drg).toBeUndefined();
    const lines = source.split('\n');
    const lineOf = (id: string) => lines.findIndex((line) => line.includes(`id="${id}"`)) + 1;
    expect(problems).toEqual([
      {
        resourceName: 'bad-feel.dmn',
        elementId: 'd_in1_expr',
        line: lineOf('d_in1_expr'),
        message: "Decision 'd', input 'Age': syntax error: the expression ends too early, after 'age >' in 'age >'",
      },
      {
        resourceName: 'bad-feel.dmn',
        elementId: 'r1_in1',
        line: lineOf('r1_in1'),
        message: "Decision 'd', rule 'r1' (row 1), input entry for 'Age': syntax error: the expression ends too early, after '[1..' in '[1..'",
      },
      {
        resourceName: 'bad-feel.dmn',
        elementId: 'r1_out1',
        line: lineOf('r1_out1'),
        message: `Decision 'd', rule 'r1' (row 1), output entry for 'out': syntax error: the expression ends too early, after '"a" +' in '"a" +'`,
      },
      {
        resourceName: 'bad-feel.dmn',
        elementId: 'lit_expr',
        line: lineOf('lit_expr'),
        message: "Decision 'lit', literal expression: syntax error: the expression ends too early, after 'if x then' in 'if x then'",
      },
    ]);
  });

  it('reports unknown hit policies and misplaced aggregations', async () => {
    const spec = { inputs: [{ expression: 'x' }], outputs: [{ name: 'y' }], rules: [{ when: ['-'], then: ['1'] }] };
    const { problems } = await compileDmn(
      'policies.dmn',
      dmn([
        decisionTable({ id: 'a', hitPolicy: 'SOMETIMES', ...spec }),
        decisionTable({ id: 'b', hitPolicy: 'FIRST', aggregation: 'SUM', ...spec }),
        decisionTable({ id: 'c', hitPolicy: 'COLLECT', aggregation: 'AVERAGE', ...spec }),
        decisionTable({ id: 'd', hitPolicy: 'PRIORITY', ...spec }),
      ]),
    );
    expect(problems.map((p) => [p.elementId, p.message])).toEqual([
      ['a_table', "Decision 'a' has the unknown hit policy 'SOMETIMES'; expected one of UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER, OUTPUT ORDER"],
      ['b_table', "Decision 'b' aggregates with SUM, which only the hit policy COLLECT allows (it has FIRST)"],
      ['c_table', "Decision 'c' has the unknown aggregation 'AVERAGE'; expected one of SUM, MIN, MAX, COUNT"],
      ['d_table', "Decision 'd' has the hit policy PRIORITY, which orders by output values, but no output lists its values"],
    ]);
  });

  it('reports tables whose outputs or rows do not fit', async () => {
    const { problems } = await compileDmn(
      'shape.dmn',
      dmn([
        decisionTable({
          id: 'a',
          hitPolicy: 'COLLECT',
          aggregation: 'SUM',
          inputs: [{ expression: 'x' }],
          outputs: [{ label: 'One' }, { name: 'two' }],
          rules: [{ id: 'r1', when: ['-', '-'], then: ['1'] }],
        }),
        decisionTable({
          id: 'b',
          hitPolicy: 'OUTPUT ORDER',
          inputs: [{ expression: 'x' }],
          outputs: [{ name: 'level', values: '> 3' }],
          rules: [{ when: ['-'], then: ['1'] }],
        }),
      ]),
    );
    expect(problems.map((p) => p.message)).toEqual([
      "Decision 'a' has several outputs, so each needs a name; output 'One' has none",
      "Decision 'a' aggregates with SUM, which needs a single output, but it has 2",
      "Decision 'a', rule 'r1' (row 1) has 2 input entries for 1 inputs",
      "Decision 'a', rule 'r1' (row 1) has 1 output entries for 2 outputs",
      `Decision 'b', output 'level', output values must list plain values to order by, like "high","medium","low"; got '> 3'`,
      "Decision 'b' has the hit policy OUTPUT ORDER, which orders by output values, but no output lists its values",
    ]);
  });

  it('reports missing and cyclic required decisions', async () => {
    const { drg, problems } = await compileDmn(
      'requirements.dmn',
      dmn([
        literalDecision('a', 'b + 1', { requires: ['b'] }),
        literalDecision('b', 'c + 1', { requires: ['c'] }),
        literalDecision('c', 'a + 1', { requires: ['a'] }),
        literalDecision('d', 'ghost', { requires: ['ghost'] }),
      ]),
    );
    expect(drg).toBeUndefined();
    expect(problems.map((p) => [p.elementId, p.message])).toEqual([
      ['d', "Decision 'd' requires the decision 'ghost', which is not in this DMN resource"],
      ['a', "Decisions require each other in a cycle: 'a' → 'b' → 'c' → 'a'"],
    ]);
  });

  it('reports decisions it cannot evaluate', async () => {
    const source = dmn([
      '  <decision id="boxed">\n    <context id="ctx" />\n  </decision>',
      '  <decision id="empty" />',
      '  <decision id="juel">\n    <literalExpression id="juel_expr" expressionLanguage="juel"><text>${a}</text></literalExpression>\n  </decision>',
    ]);
    const { problems } = await compileDmn('unsupported.dmn', source);
    expect(problems.map((p) => [p.elementId, p.line, p.message])).toEqual([
      ['ctx', 4, "Decision 'boxed' uses a Context; only decision tables and literal expressions are supported, as in Camunda 8"],
      ['empty', 6, "Decision 'empty' has no decision logic; give it a decision table or a literal expression"],
      ['juel_expr', 8, "Element 'juel_expr' uses the expression language 'juel'; only FEEL is supported"],
    ]);
  });

  it('reports a file without decisions', async () => {
    const { problems } = await compileDmn('empty.dmn', dmn([]));
    expect(problems.map((p) => p.message)).toEqual(['The DMN resource contains no decision']);
  });
});

import { describe, it, expect } from 'vitest';
import { compileDmn, evaluateDecision, DecisionEvaluationError, type CompiledDecisionRequirements } from '../../src/decision/index.js';
import { decisionTable, dmn, literalDecision, type TableSpec } from './dmn-builder.js';

async function compiled(...decisions: string[]): Promise<CompiledDecisionRequirements> {
  const { drg, problems } = await compileDmn('test.dmn', dmn(decisions));
  expect(problems).toEqual([]);
  return drg!;
}

async function table(spec: Omit<TableSpec, 'id'>): Promise<CompiledDecisionRequirements> {
  return compiled(decisionTable({ id: 'd', ...spec }));
}

function evaluationError(run: () => unknown): DecisionEvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof DecisionEvaluationError) return error;
    throw error;
  }
  throw new Error('expected a DecisionEvaluationError');
}

/** Subsidy by age: rules 1 and 2 overlap for ages 60..69. */
const subsidyRules = [
  { when: ['>= 60'], then: ['"老年补贴"'] },
  { when: ['[60..69]'], then: ['"低龄老人"'] },
  { when: ['< 60'], then: ['"无"'] },
];

describe('hit policy UNIQUE (the default)', () => {
  const spec = {
    inputs: [{ label: '人员类别', expression: 'category' }],
    outputs: [{ name: 'allowance' }],
    rules: [
      { when: ['"低保"'], then: ['800'] },
      { when: ['"特困"'], then: ['1200'] },
      { when: ['"低保","残疾"'], then: ['900'] },
    ],
  };

  it('gives the single matching rule’s output and reports it', async () => {
    const drg = await table(spec);
    const evaluation = evaluateDecision(drg, 'd', { category: '特困' });
    expect(evaluation.output).toBe(1200);
    expect(evaluation.evaluatedDecisions).toEqual([
      {
        decisionId: 'd',
        decisionName: undefined,
        decisionType: 'DECISION_TABLE',
        output: 1200,
        evaluatedInputs: [{ inputId: 'd_in1', inputName: '人员类别', inputValue: '特困' }],
        matchedRules: [{ ruleId: 'd_r2', ruleIndex: 2, evaluatedOutputs: [{ outputId: 'd_out1', outputName: 'allowance', outputValue: 1200 }] }],
      },
    ]);
  });

  it('gives null when nothing matches', async () => {
    const drg = await table(spec);
    const evaluation = evaluateDecision(drg, 'd', { category: '其他' });
    expect(evaluation.output).toBeNull();
    expect(evaluation.evaluatedDecisions[0].matchedRules).toEqual([]);
  });

  it('fails when more than one rule matches', async () => {
    const drg = await table(spec);
    const error = evaluationError(() => evaluateDecision(drg, 'd', { category: '低保' }));
    expect(error.message).toBe(
      "Expected to evaluate decision 'd', but hit policy UNIQUE allows one matching rule, but 2 matched: 'd_r1' (row 1), 'd_r3' (row 3)",
    );
    expect(error.failedDecisionId).toBe('d');
  });
});

describe('hit policy FIRST', () => {
  it('takes the first matching rule in table order', async () => {
    const drg = await table({ hitPolicy: 'FIRST', inputs: [{ expression: 'age' }], outputs: [{ name: 'kind' }], rules: subsidyRules });
    const evaluation = evaluateDecision(drg, 'd', { age: 65 });
    expect(evaluation.output).toBe('老年补贴');
    expect(evaluation.evaluatedDecisions[0].matchedRules.map((rule) => rule.ruleIndex)).toEqual([1]);
    expect(evaluateDecision(drg, 'd', { age: 30 }).output).toBe('无');
  });
});

describe('hit policy PRIORITY', () => {
  it('takes the match whose output comes first in the output values', async () => {
    const drg = await table({
      hitPolicy: 'PRIORITY',
      inputs: [{ expression: 'age' }],
      outputs: [{ name: 'kind', values: '"低龄老人","老年补贴","无"' }],
      rules: subsidyRules,
    });
    expect(evaluateDecision(drg, 'd', { age: 65 }).output).toBe('低龄老人');
    expect(evaluateDecision(drg, 'd', { age: 75 }).output).toBe('老年补贴');
    // both matches are reported, as Camunda does
    expect(evaluateDecision(drg, 'd', { age: 65 }).evaluatedDecisions[0].matchedRules.map((r) => r.ruleId)).toEqual(['d_r1', 'd_r2']);
  });

  it('ranks by the first output, then the next', async () => {
    const drg = await table({
      hitPolicy: 'PRIORITY',
      inputs: [{ expression: 'score' }],
      outputs: [
        { name: 'level', values: '"紧急","一般"' },
        { name: 'office', values: '"街道","社区"' },
      ],
      rules: [
        { when: ['> 0'], then: ['"一般"', '"街道"'] },
        { when: ['> 5'], then: ['"紧急"', '"社区"'] },
        { when: ['> 8'], then: ['"紧急"', '"街道"'] },
      ],
    });
    expect(evaluateDecision(drg, 'd', { score: 9 }).output).toEqual({ level: '紧急', office: '街道' });
    expect(evaluateDecision(drg, 'd', { score: 6 }).output).toEqual({ level: '紧急', office: '社区' });
    expect(evaluateDecision(drg, 'd', { score: 1 }).output).toEqual({ level: '一般', office: '街道' });
  });
});

describe('hit policy ANY', () => {
  const spec = {
    hitPolicy: 'ANY',
    inputs: [{ expression: 'age' }, { expression: 'disabled' }],
    outputs: [{ name: 'eligible' }],
    rules: [
      { when: ['>= 60', '-'], then: ['true'] },
      { when: ['-', 'true'], then: ['true'] },
      { when: ['< 60', 'false'], then: ['false'] },
      { when: ['>= 100', '-'], then: ['"百岁"'] },
    ],
  };

  it('gives the common output when the matches agree', async () => {
    const drg = await table(spec);
    expect(evaluateDecision(drg, 'd', { age: 70, disabled: true }).output).toBe(true);
    expect(evaluateDecision(drg, 'd', { age: 40, disabled: false }).output).toBe(false);
  });

  it('fails when the matches disagree', async () => {
    const drg = await table(spec);
    expect(evaluationError(() => evaluateDecision(drg, 'd', { age: 101, disabled: false })).message).toBe(
      "Expected to evaluate decision 'd', but hit policy ANY needs all matching rules to give the same output, " +
        "but rule 'd_r1' (row 1) gave true and rule 'd_r4' (row 4) gave \"百岁\"",
    );
  });
});

describe('hit policy COLLECT', () => {
  const rules = [
    { when: ['"低保"'], then: ['500'] },
    { when: ['"低保","特困"'], then: ['300'] },
    { when: ['"特困"'], then: ['1000'] },
    { when: ['-'], then: ['50'] },
  ];
  const base = { inputs: [{ expression: 'category' }], outputs: [{ name: 'amount' }], rules };

  it('lists every match in rule order, and gives an empty list for none', async () => {
    const drg = await table({ ...base, hitPolicy: 'COLLECT' });
    expect(evaluateDecision(drg, 'd', { category: '低保' }).output).toEqual([500, 300, 50]);
    const none = await table({ ...base, hitPolicy: 'COLLECT', rules: rules.slice(0, 3) });
    expect(evaluateDecision(none, 'd', { category: '其他' }).output).toEqual([]);
  });

  it('aggregates with SUM, MIN, MAX and COUNT', async () => {
    const sum = await table({ ...base, hitPolicy: 'COLLECT', aggregation: 'SUM' });
    const min = await table({ ...base, hitPolicy: 'COLLECT', aggregation: 'MIN' });
    const max = await table({ ...base, hitPolicy: 'COLLECT', aggregation: 'MAX' });
    const count = await table({ ...base, hitPolicy: 'COLLECT', aggregation: 'COUNT' });
    const variables = { category: '特困' };
    expect(evaluateDecision(sum, 'd', variables).output).toBe(1350);
    expect(evaluateDecision(min, 'd', variables).output).toBe(50);
    expect(evaluateDecision(max, 'd', variables).output).toBe(1000);
    expect(evaluateDecision(count, 'd', variables).output).toBe(3);
    expect(evaluateDecision(count, 'd', variables).evaluatedDecisions[0].matchedRules).toHaveLength(3);
  });

  it('counts 0 and sums to null when nothing matches', async () => {
    const count = await table({ ...base, rules: rules.slice(0, 3), hitPolicy: 'COLLECT', aggregation: 'COUNT' });
    const sum = await table({ ...base, rules: rules.slice(0, 3), hitPolicy: 'COLLECT', aggregation: 'SUM' });
    expect(evaluateDecision(count, 'd', { category: '其他' }).output).toBe(0);
    expect(evaluateDecision(sum, 'd', { category: '其他' }).output).toBeNull();
  });

  it('refuses to sum what is not a number', async () => {
    const drg = await table({
      hitPolicy: 'COLLECT',
      aggregation: 'SUM',
      inputs: [{ expression: 'x' }],
      outputs: [{ name: 'n' }],
      rules: [
        { when: ['-'], then: ['1'] },
        { when: ['-'], then: ['"两"'] },
      ],
    });
    expect(evaluationError(() => evaluateDecision(drg, 'd', { x: 1 })).message).toBe(
      "Expected to evaluate decision 'd', but hit policy COLLECT SUM needs numbers, but rule 'd_r2' (row 2) gave \"两\"",
    );
  });
});

describe('hit policies RULE ORDER and OUTPUT ORDER', () => {
  const rules = [
    { when: ['>= 1'], then: ['"社区"', '3'] },
    { when: ['>= 5'], then: ['"街道"', '2'] },
    { when: ['>= 8'], then: ['"区县"', '1'] },
  ];
  const outputs = [
    { name: 'office', values: '"区县","街道","社区"' },
    { name: 'order', values: '1,2,3' },
  ];

  it('lists matches in rule order as contexts', async () => {
    const drg = await table({ hitPolicy: 'RULE ORDER', inputs: [{ expression: 'severity' }], outputs, rules });
    expect(evaluateDecision(drg, 'd', { severity: 9 }).output).toEqual([
      { office: '社区', order: 3 },
      { office: '街道', order: 2 },
      { office: '区县', order: 1 },
    ]);
    expect(evaluateDecision(drg, 'd', { severity: 0 }).output).toEqual([]);
  });

  it('lists matches in output value order', async () => {
    const drg = await table({ hitPolicy: 'OUTPUT ORDER', inputs: [{ expression: 'severity' }], outputs, rules });
    expect(evaluateDecision(drg, 'd', { severity: 6 }).output).toEqual([
      { office: '街道', order: 2 },
      { office: '社区', order: 3 },
    ]);
  });
});

describe('decision table values', () => {
  it('gives a context for several outputs, and null for an empty output cell', async () => {
    const drg = await table({
      inputs: [{ expression: 'x' }],
      outputs: [{ name: 'a' }, { name: 'b' }],
      rules: [{ when: ['-'], then: ['1', ''] }],
    });
    expect(evaluateDecision(drg, 'd', { x: 1 }).output).toEqual({ a: 1, b: null });
  });

  it('uses the default output entries when no rule matches', async () => {
    const drg = await table({
      inputs: [{ expression: 'x' }],
      outputs: [{ name: 'office', defaultEntry: '"社区"' }, { name: 'days' }],
      rules: [{ when: ['> 10'], then: ['"街道"', '5'] }],
    });
    expect(evaluateDecision(drg, 'd', { x: 20 }).output).toEqual({ office: '街道', days: 5 });
    expect(evaluateDecision(drg, 'd', { x: 1 }).output).toEqual({ office: '社区', days: null });
  });

  it('treats a missing input variable as null, which only - , null and not(…) accept', async () => {
    const drg = await table({
      hitPolicy: 'COLLECT',
      inputs: [{ expression: 'applicant.age' }],
      outputs: [{ name: 'rule' }],
      rules: [
        { when: ['-'], then: ['"any"'] },
        { when: ['null'], then: ['"null"'] },
        { when: ['not(65)'], then: ['"not 65"'] },
        { when: ['> 60'], then: ['"old"'] },
      ],
    });
    expect(evaluateDecision(drg, 'd', {}).output).toEqual(['any', 'null', 'not 65']);
    expect(evaluateDecision(drg, 'd', { applicant: { age: 70 } }).output).toEqual(['any', 'not 65', 'old']);
  });

  it('compares dates made from ISO strings and returns dates as ISO strings', async () => {
    const drg = await table({
      hitPolicy: 'FIRST',
      inputs: [{ expression: 'date(submittedOn)' }],
      outputs: [{ name: 'deadline' }],
      rules: [
        { when: ['< date("2024-10-01")'], then: ['date(submittedOn) + duration("P15D")'] },
        { when: ['-'], then: ['date(submittedOn) + duration("P30D")'] },
      ],
    });
    expect(evaluateDecision(drg, 'd', { submittedOn: '2024-09-20' }).output).toBe('2024-10-05');
    expect(evaluateDecision(drg, 'd', { submittedOn: '2024-10-20' }).output).toBe('2024-11-19');
    expect(evaluateDecision(drg, 'd', { submittedOn: '2024-10-20' }).evaluatedDecisions[0].evaluatedInputs[0].inputValue).toBe('2024-10-20');
  });

  it('lets input entries use variables and the input as ?', async () => {
    const drg = await table({
      hitPolicy: 'COLLECT',
      inputs: [{ expression: 'income' }],
      outputs: [{ name: 'tag' }],
      rules: [
        { when: ['< threshold'], then: ['"低收入"'] },
        { when: ['? >= threshold * 3'], then: ['"高收入"'] },
      ],
    });
    expect(evaluateDecision(drg, 'd', { income: 900, threshold: 1000 }).output).toEqual(['低收入']);
    expect(evaluateDecision(drg, 'd', { income: 3500, threshold: 1000 }).output).toEqual(['高收入']);
  });
});

describe('literal expressions and required decisions', () => {
  it('evaluates a literal expression decision', async () => {
    const drg = await compiled(literalDecision('greeting', '"您好，" + name', { name: '问候' }));
    const evaluation = evaluateDecision(drg, 'greeting', { name: '李四' });
    expect(evaluation.output).toBe('您好，李四');
    expect(evaluation.evaluatedDecisions).toEqual([
      { decisionId: 'greeting', decisionName: '问候', decisionType: 'LITERAL_EXPRESSION', output: '您好，李四', evaluatedInputs: [], matchedRules: [] },
    ]);
  });

  it('evaluates required decisions first and shows their results by id', async () => {
    const drg = await compiled(
      decisionTable({
        id: 'level',
        requires: ['points'],
        inputs: [{ expression: 'points' }],
        outputs: [{ name: 'level' }],
        rules: [
          { when: ['>= 10'], then: ['"街道"'] },
          { when: ['< 10'], then: ['"社区"'] },
        ],
      }),
      literalDecision('points', 'count(complaints) * 3 + (if urgent then 5 else 0)'),
    );
    const evaluation = evaluateDecision(drg, 'level', { complaints: ['a', 'b'], urgent: true });
    expect(evaluation.output).toBe('街道');
    expect(evaluation.evaluatedDecisions.map((d) => [d.decisionId, d.output])).toEqual([
      ['points', 11],
      ['level', '街道'],
    ]);
  });

  it('shows a result under the decision’s variable name too, and evaluates a shared requirement once', async () => {
    const drg = await compiled(
      literalDecision('base', 'amount * 2', { variable: 'doubled' }),
      literalDecision('left', 'doubled + 1', { requires: ['base'] }),
      literalDecision('right', 'base + 2', { requires: ['base'] }),
      literalDecision('top', '[left, right]', { requires: ['left', 'right'] }),
    );
    const evaluation = evaluateDecision(drg, 'top', { amount: 10 });
    expect(evaluation.output).toEqual([21, 22]);
    expect(evaluation.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['base', 'left', 'right', 'top']);
  });

  it('names the failing required decision and keeps what was evaluated before', async () => {
    const drg = await compiled(
      literalDecision('ok', '1'),
      decisionTable({
        id: 'strict',
        inputs: [{ expression: 'x' }],
        outputs: [{ name: 'y' }],
        rules: [
          { when: ['-'], then: ['1'] },
          { when: ['-'], then: ['2'] },
        ],
      }),
      literalDecision('top', 'ok + strict', { requires: ['ok', 'strict'] }),
    );
    const error = evaluationError(() => evaluateDecision(drg, 'top', { x: 1 }));
    expect(error.message).toBe(
      "Expected to evaluate decision 'top', but the required decision 'strict' failed: hit policy UNIQUE allows one matching rule, but 2 matched: 'strict_r1' (row 1), 'strict_r2' (row 2)",
    );
    expect(error.failedDecisionId).toBe('strict');
    expect(error.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['ok']);
  });

  it('fails for a decision id the DRG does not have', async () => {
    const drg = await compiled(literalDecision('a', '1'));
    expect(evaluationError(() => evaluateDecision(drg, 'b', {})).message).toBe(
      "Expected to evaluate decision 'b', but no decision with this id is in the decision requirements 'drg' (test.dmn)",
    );
  });

  it('reports an evaluation feelin aborts as a decision failure', async () => {
    const drg = await compiled(literalDecision('shift', 'x >> 2'));
    expect(evaluationError(() => evaluateDecision(drg, 'shift', { x: 1 })).message).toMatch(
      /^Expected to evaluate decision 'shift', but failed to evaluate expression 'x >> 2': /,
    );
  });
});

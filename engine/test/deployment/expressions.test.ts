import { describe, expect, it } from 'vitest';
import { findFeelSyntaxError } from '../../src/deployment/feel-syntax.js';
import { findTimerValueError } from '../../src/deployment/timer-value-syntax.js';
import { compileValid, expectProblem, problemsOf, processDocument, serviceTask, startElementEnd } from './bpmn-fixture.js';

describe('FEEL syntax check', () => {
  it('accepts well-formed expressions, including backtick names', () => {
    for (const source of [
      'a + 1',
      'reviewResult = "approved"',
      '["ubuntu", "windows"]',
      'if count(items) > 0 then items[1] else null',
      'for i in 1..3 return i * 2',
      '{ status: "ok", at: now() }',
      '`申请 人` != null',
      'date and time("2026-01-01T08:00:00+08:00") + duration("P1D")',
    ]) {
      expect(findFeelSyntaxError(source), source).toBeUndefined();
    }
  });

  it('explains where an expression breaks', () => {
    expect(findFeelSyntaxError('a +')).toMatch(/ends too early/);
    expect(findFeelSyntaxError('foo(')).toMatch(/ends too early/);
    expect(findFeelSyntaxError('a ) b')).toMatch(/position 3 near '\) b'/);
    expect(findFeelSyntaxError('"unterminated')).toMatch(/syntax error at position 1/);
    expect(findFeelSyntaxError('   ')).toBe('the expression is empty');
  });
});

describe('static timer values', () => {
  it('accepts ISO durations, date-times, repeating intervals and 6-field cron', () => {
    expect(findTimerValueError('timeDuration', 'P1D')).toBeUndefined();
    expect(findTimerValueError('timeDuration', 'PT5M')).toBeUndefined();
    expect(findTimerValueError('timeDuration', 'P1Y2M3DT4H5M6.5S')).toBeUndefined();
    expect(findTimerValueError('timeDate', '2026-01-01T08:00:00+08:00')).toBeUndefined();
    expect(findTimerValueError('timeDate', '2026-01-01T00:00:00Z')).toBeUndefined();
    expect(findTimerValueError('timeDate', '2026-01-01T08:00:00+08:00[Asia/Shanghai]')).toBeUndefined();
    expect(findTimerValueError('timeCycle', 'R3/PT10S')).toBeUndefined();
    expect(findTimerValueError('timeCycle', 'R/P1D')).toBeUndefined();
    expect(findTimerValueError('timeCycle', 'R/2026-01-01T08:00:00+08:00/P1D')).toBeUndefined();
    expect(findTimerValueError('timeCycle', '0 0 9 * * MON-FRI')).toBeUndefined();
    expect(findTimerValueError('timeCycle', '0 */15 8-18 ? * 1-5')).toBeUndefined();
    expect(findTimerValueError('timeCycle', '@daily')).toBeUndefined();
  });

  it('rejects what a timer cannot mean', () => {
    expect(findTimerValueError('timeDuration', '5 minutes')).toMatch(/not an ISO 8601 duration/);
    expect(findTimerValueError('timeDuration', 'PT')).toMatch(/not an ISO 8601 duration/);
    expect(findTimerValueError('timeDuration', 'P1H')).toMatch(/not an ISO 8601 duration/);
    expect(findTimerValueError('timeDate', '2026-13-01T08:00:00Z')).toMatch(/out of range/);
    expect(findTimerValueError('timeDate', '2026-02-30T08:00:00Z')).toMatch(/out of range/);
    expect(findTimerValueError('timeDate', 'tomorrow')).toMatch(/not an ISO 8601 date-time/);
    expect(findTimerValueError('timeCycle', 'R3/10S')).toMatch(/not an ISO 8601 repeating interval/);
    expect(findTimerValueError('timeCycle', 'Rx/PT1S')).toMatch(/not an ISO 8601 repeating interval/);
    expect(findTimerValueError('timeCycle', '0 9 * * MON-FRI')).toMatch(/cron expression with 6 fields/);
    expect(findTimerValueError('timeCycle', '0 0 9 * * MON;FRI')).toMatch(/cron field 'MON;FRI'/);
    expect(findTimerValueError('timeCycle', '')).toMatch(/empty/);
  });
});

/** Where FEEL is written in a model, and a broken expression there, with the element the problem names. */
const MESSAGE = (name: string, key: string): string =>
  `<bpmn:message id="M" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${key}"/></bpmn:extensionElements></bpmn:message>`;

function catchMessage(name: string, key: string): string {
  return processDocument(
    startElementEnd('wait', '<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>'),
    MESSAGE(name, key),
  );
}

function timerCatch(kind: string, value: string): string {
  return processDocument(
    startElementEnd('wait', `<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`),
  );
}

function userTask(extensions: string): string {
  return processDocument(startElementEnd('review', `<bpmn:userTask id="review"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask>`));
}

function multiInstance(loop: string, completion = ''): string {
  return processDocument(
    startElementEnd(
      'each',
      serviceTask(
        'each',
        '<zeebe:taskDefinition type="notify"/>',
        `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>${loop}</bpmn:extensionElements>${completion}</bpmn:multiInstanceLoopCharacteristics>`,
      ),
    ),
  );
}

const BROKEN = '=a +';

const FEEL_SITES: Array<{ site: string; elementId: string; build: (expression: string) => string }> = [
  {
    site: 'a sequence flow condition',
    elementId: 'yes',
    build: (expression) =>
      processDocument(`
        <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="in" sourceRef="s" targetRef="xor"/>
        <bpmn:exclusiveGateway id="xor" default="no"/>
        <bpmn:sequenceFlow id="yes" sourceRef="xor" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${expression}</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="no" sourceRef="xor" targetRef="e"/><bpmn:endEvent id="e"/>`),
  },
  {
    site: 'an input mapping source',
    elementId: 'work',
    build: (expression) =>
      processDocument(startElementEnd('work', serviceTask('work', `<zeebe:taskDefinition type="t"/><zeebe:ioMapping><zeebe:input source="${expression}" target="x"/></zeebe:ioMapping>`))),
  },
  {
    site: 'an output mapping source',
    elementId: 'work',
    build: (expression) =>
      processDocument(startElementEnd('work', serviceTask('work', `<zeebe:taskDefinition type="t"/><zeebe:ioMapping><zeebe:output source="${expression}" target="x.y"/></zeebe:ioMapping>`))),
  },
  { site: 'a timer duration', elementId: 'wait', build: (expression) => timerCatch('timeDuration', expression) },
  { site: 'a timer date', elementId: 'wait', build: (expression) => timerCatch('timeDate', expression) },
  { site: 'a message name', elementId: 'wait', build: (expression) => catchMessage(expression, '=caseId') },
  { site: 'a correlation key', elementId: 'wait', build: (expression) => catchMessage('reply', expression) },
  {
    site: 'a job type',
    elementId: 'work',
    build: (expression) => processDocument(startElementEnd('work', serviceTask('work', `<zeebe:taskDefinition type="${expression}"/>`))),
  },
  {
    site: 'job retries',
    elementId: 'work',
    build: (expression) => processDocument(startElementEnd('work', serviceTask('work', `<zeebe:taskDefinition type="t" retries="${expression}"/>`))),
  },
  { site: 'an assignee', elementId: 'review', build: (expression) => userTask(`<zeebe:assignmentDefinition assignee="${expression}"/>`) },
  {
    site: 'candidate groups',
    elementId: 'review',
    build: (expression) => userTask(`<zeebe:assignmentDefinition candidateGroups="${expression}"/>`),
  },
  { site: 'a due date', elementId: 'review', build: (expression) => userTask(`<zeebe:taskSchedule dueDate="${expression}"/>`) },
  {
    site: 'a called process id',
    elementId: 'call',
    build: (expression) =>
      processDocument(startElementEnd('call', `<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${expression}"/></bpmn:extensionElements></bpmn:callActivity>`)),
  },
  {
    site: 'a decision id',
    elementId: 'decide',
    build: (expression) =>
      processDocument(startElementEnd('decide', `<bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="${expression}" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask>`)),
  },
  {
    site: 'a script expression',
    elementId: 'calc',
    build: (expression) =>
      processDocument(startElementEnd('calc', `<bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="r"/></bpmn:extensionElements></bpmn:scriptTask>`)),
  },
  {
    site: 'a multi-instance input collection',
    elementId: 'each',
    build: (expression) => multiInstance(`<zeebe:loopCharacteristics inputCollection="${expression}" inputElement="item"/>`),
  },
  {
    site: 'a multi-instance output element',
    elementId: 'each',
    build: (expression) =>
      multiInstance(`<zeebe:loopCharacteristics inputCollection="=items" outputCollection="results" outputElement="${expression}"/>`),
  },
  {
    site: 'a multi-instance completion condition',
    elementId: 'each',
    build: (expression) =>
      multiInstance(
        '<zeebe:loopCharacteristics inputCollection="=items"/>',
        `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${expression}</bpmn:completionCondition>`,
      ),
  },
];

function site(name: string): (expression: string) => string {
  const found = FEEL_SITES.find((candidate) => candidate.site === name);
  if (!found) throw new Error(`no FEEL site '${name}'`);
  return found.build;
}

describe('FEEL wherever a model uses it', () => {
  for (const { site, elementId, build } of FEEL_SITES) {
    it(`reports FEEL that does not parse in ${site}`, async () => {
      // The same place with a good expression compiles: the problem comes from the expression alone.
      const good = await problemsOf(build('=x'));
      expect(good).toEqual([]);
      const problems = await problemsOf(build(BROKEN));
      expectProblem(problems, elementId, /is not a valid FEEL expression \(syntax error: the expression ends too early\): 'a \+'/);
    });
  }

  it('reports a signal name expression that does not parse', async () => {
    const xml = processDocument(
      startElementEnd('wait', '<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="S"/></bpmn:intermediateCatchEvent>'),
      '<bpmn:signal id="S" name="=upper case(" />',
    );
    expectProblem(await problemsOf(xml), 'wait', /signal name of intermediate catch event 'wait' is not a valid FEEL/);
  });

  it('requires = where Zeebe only takes an expression', async () => {
    const condition = site('a sequence flow condition')('approved');
    expectProblem(await problemsOf(condition), 'yes', /condition of sequence flow 'yes' must be a FEEL expression starting with '=' \(e.g. '=approved'\)/);
    const output = site('an output mapping source')('result');
    expectProblem(await problemsOf(output), 'work', /output mapping to 'x.y' of service task 'work' must be a FEEL expression starting with '='/);
    expectProblem(await problemsOf(catchMessage('reply', 'caseId')), 'wait', /correlation key of message 'M' must be a FEEL expression/);
    expectProblem(await problemsOf(site('a multi-instance input collection')('items')), 'each', /input collection .* must be a FEEL expression/);
    expectProblem(await problemsOf(site('a script expression')('1 + 1')), 'calc', /script of script task 'calc' must be a FEEL expression/);
  });

  it('checks static timer values', async () => {
    expectProblem(await problemsOf(timerCatch('timeDuration', 'PT5X')), 'wait', /invalid time duration: 'PT5X' is not an ISO 8601 duration/);
    expectProblem(await problemsOf(timerCatch('timeDate', '2026-01-01 08:00')), 'wait', /invalid time date/);
    const cycleStart = processDocument(
      '<bpmn:startEvent id="daily"><bpmn:timerEventDefinition><bpmn:timeCycle>every day</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>',
    );
    expectProblem(await problemsOf(cycleStart), 'daily', /invalid time cycle: 'every day' is neither an ISO 8601 repeating interval/);
  });

  it('checks where each kind of timer is allowed', async () => {
    const durationStart = processDocument(
      '<bpmn:startEvent id="later"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>',
    );
    expectProblem(await problemsOf(durationStart), 'later', /timer start event with a time duration; it must have a time date or time cycle/);
    expectProblem(await problemsOf(timerCatch('timeCycle', 'R/PT1H')), 'wait', /time cycle; it must have a time duration or time date/);
    const twoTimers = timerCatch('timeDuration', 'PT1H').replace('</bpmn:timerEventDefinition>', '<bpmn:timeDate>2026-01-01T08:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>');
    expectProblem(await problemsOf(twoTimers), 'wait', /exactly one timer: time date, time duration or time cycle \(found 2\)/);
    expectProblem(await problemsOf(timerCatch('timeDuration', '  ')), 'wait', /has an empty time duration/);
  });

  it('checks static candidate groups, due dates and priorities as Zeebe does', async () => {
    expectProblem(await problemsOf(userTask('<zeebe:assignmentDefinition candidateGroups="网格员,,窗口"/>')), 'review', /comma-separated list/);
    expectProblem(await problemsOf(userTask('<zeebe:taskSchedule dueDate="next monday"/>')), 'review', /due date of user task 'review' is invalid/);
    expectProblem(await problemsOf(userTask('<zeebe:priorityDefinition priority="101"/>')), 'review', /priority .* from 0 to 100/);
    expectProblem(
      await problemsOf(processDocument(startElementEnd('work', serviceTask('work', '<zeebe:taskDefinition type="t" retries="many"/>')))),
      'work',
      /job retries of service task 'work' must be a whole number/,
    );
  });

  it('keeps FEEL sources without the = and static values as written', async () => {
    const process = await compileValid(timerCatch('timeDuration', '= duration("PT" + string(minutes) + "M")'));
    expect(process.elements.get('wait')?.eventDefinition).toEqual({
      type: 'timer',
      timer: { kind: 'timeDuration', expression: { type: 'feel', source: 'duration("PT" + string(minutes) + "M")' } },
    });
  });
});

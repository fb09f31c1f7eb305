import { describe, expect, it } from 'vitest';
import { compileValid, expectProblem, problemsOf, processDocument, serviceTask, startElementEnd } from './bpmn-fixture.js';

const withElement = (id: string, xml: string, rootElements = ''): string => processDocument(startElementEnd(id, xml), rootElements);

describe('job workers', () => {
  it('requires a job type on service and send tasks', async () => {
    expectProblem(
      await problemsOf(withElement('charge', '<bpmn:serviceTask id="charge"/>')),
      'charge',
      /Service task 'charge' must have a job type \(zeebe:taskDefinition type\)/,
    );
    expectProblem(
      await problemsOf(withElement('notify', '<bpmn:sendTask id="notify"><bpmn:extensionElements><zeebe:taskDefinition type=" "/></bpmn:extensionElements></bpmn:sendTask>')),
      'notify',
      /Send task 'notify' must have a job type/,
    );
  });

  it('requires a job type on message end and throw events, which are job-based', async () => {
    const messageEnd = processDocument(
      '<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="sent"/>' +
        '<bpmn:endEvent id="sent"><bpmn:messageEventDefinition/></bpmn:endEvent>',
    );
    expectProblem(await problemsOf(messageEnd), 'sent', /End event 'sent' must have a job type/);
    const messageThrow = withElement('tell', '<bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>');
    expectProblem(await problemsOf(messageThrow), 'tell', /Intermediate throw event 'tell' must have a job type/);

    const process = await compileValid(
      withElement(
        'tell',
        '<bpmn:intermediateThrowEvent id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="gongzhi.notify"/></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="Out"/></bpmn:intermediateThrowEvent>',
        '<bpmn:message id="Out" name="caseClosed"/>',
      ),
    );
    expect(process.elements.get('tell')).toMatchObject({
      job: { type: { type: 'static', value: 'gongzhi.notify' }, retries: { type: 'static', value: '3' } },
      eventDefinition: { type: 'message', messageName: { type: 'static', value: 'caseClosed' } },
    });
  });

  it('requires a script task to have a script or a job, not both', async () => {
    expectProblem(
      await problemsOf(withElement('calc', '<bpmn:scriptTask id="calc"/>')),
      'calc',
      /Script task 'calc' must have either a zeebe:script \(FEEL\) or a zeebe:taskDefinition/,
    );
    expectProblem(
      await problemsOf(
        withElement('calc', '<bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="=1" resultVariable="r"/><zeebe:taskDefinition type="t"/></bpmn:extensionElements></bpmn:scriptTask>'),
      ),
      'calc',
      /not both/,
    );
    expectProblem(
      await problemsOf(withElement('calc', '<bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="=1"/></bpmn:extensionElements></bpmn:scriptTask>')),
      'calc',
      /must name a result variable \(zeebe:script resultVariable\)/,
    );
    const process = await compileValid(
      withElement('calc', '<bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="= sum(fees)" resultVariable="total"/></bpmn:extensionElements></bpmn:scriptTask>'),
    );
    expect(process.elements.get('calc')?.script).toEqual({ expression: 'sum(fees)', resultVariable: 'total' });
    expect(process.elements.get('calc')?.job).toBeUndefined();
  });

  it('requires a business rule task to call a decision or have a job', async () => {
    expectProblem(
      await problemsOf(withElement('decide', '<bpmn:businessRuleTask id="decide"/>')),
      'decide',
      /must have either a zeebe:calledDecision \(DMN decision\) or a zeebe:taskDefinition/,
    );
    const process = await compileValid(
      withElement(
        'decide',
        '<bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="eligibility" resultVariable="eligible"/></bpmn:extensionElements></bpmn:businessRuleTask>',
      ),
    );
    expect(process.elements.get('decide')?.calledDecision).toEqual({
      decisionId: { type: 'static', value: 'eligibility' },
      resultVariable: 'eligible',
      bindingType: 'latest',
    });
    const byJob = await compileValid(
      withElement('decide', '<bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:taskDefinition type="rules"/></bpmn:extensionElements></bpmn:businessRuleTask>'),
    );
    expect(byJob.elements.get('decide')?.job?.type).toEqual({ type: 'static', value: 'rules' });
  });

  it('requires a call activity to name the process it calls', async () => {
    expectProblem(
      await problemsOf(withElement('call', '<bpmn:callActivity id="call"/>')),
      'call',
      /Call activity 'call' must name the process it calls \(zeebe:calledElement processId\)/,
    );
    expectProblem(
      await problemsOf(
        withElement('call', '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" bindingType="versionTag"/></bpmn:extensionElements></bpmn:callActivity>'),
      ),
      'call',
      /bound by version tag but has no versionTag/,
    );
    expectProblem(
      await problemsOf(
        withElement('call', '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" bindingType="newest"/></bpmn:extensionElements></bpmn:callActivity>'),
      ),
      'call',
      /binding type .* must be one of latest, deployment, versionTag, not 'newest'/,
    );
  });

  it('reports duplicated extension elements instead of picking one', async () => {
    expectProblem(
      await problemsOf(withElement('work', serviceTask('work', '<zeebe:taskDefinition type="a"/><zeebe:taskDefinition type="b"/>'))),
      'work',
      /has 2 zeebe:taskDefinition extension elements; at most one is allowed/,
    );
  });
});

describe('message catch events', () => {
  const message = (attributes: string, subscription: string): string =>
    `<bpmn:message id="M" ${attributes}>${subscription ? `<bpmn:extensionElements>${subscription}</bpmn:extensionElements>` : ''}</bpmn:message>`;
  const KEY = '<zeebe:subscription correlationKey="=caseId"/>';

  const catchers: Array<[string, string, (body: string) => string]> = [
    [
      'an intermediate catch event',
      'wait',
      (root) => withElement('wait', '<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>', root),
    ],
    ['a receive task', 'wait', (root) => withElement('wait', '<bpmn:receiveTask id="wait" messageRef="M"/>', root)],
    [
      'a boundary event',
      'wait',
      (root) =>
        processDocument(
          `${startElementEnd('work', serviceTask('work'))}<bpmn:boundaryEvent id="wait" attachedToRef="work"><bpmn:messageEventDefinition messageRef="M"/></bpmn:boundaryEvent><bpmn:sequenceFlow id="out" sourceRef="wait" targetRef="end"/>`,
          root,
        ),
    ],
    [
      'an event sub-process start event',
      'wait',
      (root) =>
        processDocument(
          `${startElementEnd('work', serviceTask('work'))}<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="wait"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent></bpmn:subProcess>`,
          root,
        ),
    ],
  ];

  for (const [where, id, build] of catchers) {
    it(`requires a message name and a correlation key on ${where}`, async () => {
      const process = await compileValid(build(message('name="reply"', KEY)));
      expect(process.elements.get(id)?.eventDefinition).toEqual({
        type: 'message',
        messageName: { type: 'static', value: 'reply' },
        correlationKey: { type: 'feel', source: 'caseId' },
      });
      expectProblem(await problemsOf(build(message('', KEY))), id, /Message 'M' referenced by .* has no name/);
      expectProblem(
        await problemsOf(build(message('name="reply"', ''))),
        id,
        /Message 'M' caught by .* has no correlation key \(zeebe:subscription correlationKey\)/,
      );
    });
  }

  it('reports a message catch event without a message, or with one that does not exist', async () => {
    const none = withElement('wait', '<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>');
    expectProblem(await problemsOf(none), 'wait', /must reference a message \(messageRef\)/);
    const ghost = withElement('wait', '<bpmn:receiveTask id="wait" messageRef="Ghost"/>');
    expectProblem(await problemsOf(ghost), 'wait', /references message 'Ghost', which does not exist/);
  });

  it('needs no correlation key on a message start event of the process', async () => {
    const process = await compileValid(
      processDocument(
        '<bpmn:startEvent id="opened"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent><bpmn:sequenceFlow id="f" sourceRef="opened" targetRef="e"/><bpmn:endEvent id="e"/>',
        message('name="caseOpened"', ''),
      ),
    );
    expect(process.eventStartIds).toEqual(['opened']);
  });
});

describe('event definitions that need a reference', () => {
  it('reports a timer without a timer definition', async () => {
    const xml = withElement('wait', '<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>');
    expectProblem(await problemsOf(xml), 'wait', /must have exactly one timer: time date, time duration or time cycle \(found 0\)/);
  });

  it('reports a signal event without a signal or a signal name', async () => {
    const noRef = withElement('wait', '<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>');
    expectProblem(await problemsOf(noRef), 'wait', /must reference a signal \(signalRef\)/);
    const noName = withElement(
      'wait',
      '<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="S"/></bpmn:intermediateCatchEvent>',
      '<bpmn:signal id="S"/>',
    );
    expectProblem(await problemsOf(noName), 'wait', /Signal 'S' referenced by intermediate catch event 'wait' has no name/);
  });

  it('reports an error end event without an error or an error code', async () => {
    const endWith = (definition: string, root = ''): string =>
      processDocument(
        `<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="fail"/><bpmn:endEvent id="fail">${definition}</bpmn:endEvent>`,
        root,
      );
    expectProblem(await problemsOf(endWith('<bpmn:errorEventDefinition/>')), 'fail', /must reference an error \(errorRef\)/);
    expectProblem(
      await problemsOf(endWith('<bpmn:errorEventDefinition errorRef="E"/>', '<bpmn:error id="E" name="rejected"/>')),
      'fail',
      /Error 'E' thrown by end event 'fail' has no error code \(errorCode\)/,
    );
    const process = await compileValid(endWith('<bpmn:errorEventDefinition errorRef="E"/>', '<bpmn:error id="E" errorCode="REJECTED"/>'));
    expect(process.elements.get('fail')?.eventDefinition).toEqual({ type: 'error', errorCode: { type: 'static', value: 'REJECTED' } });
  });

  it('reports an escalation throw without an escalation code, and catches everything without a code', async () => {
    const throwXml = withElement(
      'up',
      '<bpmn:intermediateThrowEvent id="up"><bpmn:escalationEventDefinition escalationRef="Esc"/></bpmn:intermediateThrowEvent>',
      '<bpmn:escalation id="Esc" name="to county"/>',
    );
    expectProblem(await problemsOf(throwXml), 'up', /Escalation 'Esc' thrown by intermediate throw event 'up' has no escalation code/);
    const noRef = withElement('up', '<bpmn:intermediateThrowEvent id="up"><bpmn:escalationEventDefinition/></bpmn:intermediateThrowEvent>');
    expectProblem(await problemsOf(noRef), 'up', /must reference an escalation \(escalationRef\)/);

    const catchAll = await compileValid(
      processDocument(
        `${startElementEnd('sub', '<bpmn:subProcess id="sub"><bpmn:startEvent id="inner"/></bpmn:subProcess>')}
        <bpmn:boundaryEvent id="escalated" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="out" sourceRef="escalated" targetRef="end"/>`,
      ),
    );
    expect(catchAll.elements.get('escalated')).toMatchObject({ eventDefinition: { type: 'escalation' }, interrupting: false });
  });

  it('does not allow expressions as error codes of catch events', async () => {
    const xml = processDocument(
      `${startElementEnd('work', serviceTask('work'))}<bpmn:boundaryEvent id="caught" attachedToRef="work"><bpmn:errorEventDefinition errorRef="E"/></bpmn:boundaryEvent><bpmn:sequenceFlow id="out" sourceRef="caught" targetRef="end"/>`,
      '<bpmn:error id="E" errorCode="=code"/>',
    );
    expectProblem(await problemsOf(xml), 'caught', /error code of catch event boundary event 'caught' must not be an expression/);
  });

  it('reports multi-instance without an input collection', async () => {
    const xml = withElement(
      'each',
      serviceTask('each', '<zeebe:taskDefinition type="t"/>', '<bpmn:multiInstanceLoopCharacteristics/>'),
    );
    expectProblem(await problemsOf(xml), 'each', /multi-instance service task 'each' must have an input collection \(zeebe:loopCharacteristics inputCollection\)/);
    const halfOutput = withElement(
      'each',
      serviceTask(
        'each',
        '<zeebe:taskDefinition type="t"/>',
        '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" outputCollection="results"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>',
      ),
    );
    expectProblem(await problemsOf(halfOutput), 'each', /both an output collection and an output element, or neither/);
  });

  it('reports variable mappings Zeebe cannot apply', async () => {
    const mapping = (io: string): string => withElement('work', serviceTask('work', `<zeebe:taskDefinition type="t"/><zeebe:ioMapping>${io}</zeebe:ioMapping>`));
    expectProblem(await problemsOf(mapping('<zeebe:input source="=a" target="申请 人"/>')), 'work', /target '申请 人' .* is not a variable name or path/);
    expectProblem(await problemsOf(mapping('<zeebe:output source="=a" target="null"/>')), 'work', /target 'null'/);
    expectProblem(await problemsOf(mapping('<zeebe:input target="x"/>')), 'work', /input mapping to 'x' of service task 'work' has no source/);
    expectProblem(await problemsOf(mapping('<zeebe:output source="=a"/>')), 'work', /output mapping of service task 'work' has no target/);
  });
});

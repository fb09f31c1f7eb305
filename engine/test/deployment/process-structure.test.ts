import { describe, expect, it } from 'vitest';
import {
  compileValid,
  definitions,
  expectProblem,
  problemsOf,
  processDocument,
  serviceTask,
  startElementEnd,
} from './bpmn-fixture.js';

const MESSAGE_WITH_KEY =
  '<bpmn:message id="M" name="reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>';

describe('executable processes and start events', () => {
  it('reports a resource without an executable process, naming the process', async () => {
    const notExecutable = definitions('<bpmn:process id="draft" isExecutable="false"><bpmn:startEvent id="s"/></bpmn:process>');
    const problems = await problemsOf(notExecutable);
    expect(problems).toHaveLength(1);
    expectProblem(problems, 'draft', /no executable process: 'draft' is not marked isExecutable="true"/);

    const noAttribute = definitions('<bpmn:process id="draft"><bpmn:startEvent id="s"/></bpmn:process>');
    expectProblem(await problemsOf(noAttribute), 'draft', /no executable process/);

    const noProcess = definitions('<bpmn:message id="M" name="m"/>');
    expectProblem(await problemsOf(noProcess), 'Definitions_1', /contains no process/);
  });

  it('reports an executable process without a start event', async () => {
    const problems = await problemsOf(processDocument('<bpmn:task id="t"/>'));
    expect(problems).toHaveLength(1);
    expectProblem(problems, 'p', /Process 'p' must have at least one start event/);
  });

  it('accepts message, timer and signal start events as the only way in', async () => {
    const process = await compileValid(
      processDocument(
        [
          '<bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="Start"/></bpmn:startEvent>',
          '<bpmn:startEvent id="byTimer"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0 0 9 * * MON-FRI</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>',
          '<bpmn:startEvent id="bySignal"><bpmn:signalEventDefinition signalRef="S"/></bpmn:startEvent>',
          '<bpmn:endEvent id="end"/>',
          '<bpmn:sequenceFlow id="f1" sourceRef="byMessage" targetRef="end"/>',
          '<bpmn:sequenceFlow id="f2" sourceRef="byTimer" targetRef="end"/>',
          '<bpmn:sequenceFlow id="f3" sourceRef="bySignal" targetRef="end"/>',
        ].join('\n'),
        '<bpmn:message id="Start" name="caseOpened"/><bpmn:signal id="S" name="=alarmName"/>',
      ),
    );
    expect(process.eventStartIds).toEqual(['byMessage', 'byTimer', 'bySignal']);
    expect(process.noneStartEventId).toBeUndefined();
    // A message start event of the process itself needs no correlation key.
    expect(process.elements.get('byMessage')?.eventDefinition).toEqual({
      type: 'message',
      messageName: { type: 'static', value: 'caseOpened' },
    });
    expect(process.elements.get('bySignal')?.eventDefinition).toEqual({
      type: 'signal',
      signalName: { type: 'feel', source: 'alarmName' },
    });
  });

  it('reports more than one none start event', async () => {
    const problems = await problemsOf(
      processDocument('<bpmn:startEvent id="s1"/><bpmn:startEvent id="s2"/><bpmn:endEvent id="e"/>'),
    );
    expectProblem(problems, 's2', /2 none start events \(s1, s2\); at most one/);
  });

  it('reports start events with incoming and end events with outgoing flows', async () => {
    const problems = await problemsOf(
      processDocument(
        '<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>' +
          '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/><bpmn:sequenceFlow id="f2" sourceRef="e" targetRef="s"/>',
      ),
    );
    expectProblem(problems, 's', /Start event 's' cannot have incoming sequence flows/);
    expectProblem(problems, 'e', /End event 'e' cannot have outgoing sequence flows/);
  });

  it('compiles the processes of a collaboration and ignores what does not execute', async () => {
    const xml = definitions(`
      <bpmn:collaboration id="c">
        <bpmn:participant id="office" name="街道办" processRef="p"/>
        <bpmn:participant id="citizen" name="居民"/>
        <bpmn:messageFlow id="mf" sourceRef="citizen" targetRef="office"/>
      </bpmn:collaboration>
      <bpmn:process id="p" isExecutable="true">
        <bpmn:laneSet id="ls"><bpmn:lane id="lane" name="窗口"><bpmn:flowNodeRef>start</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
        <bpmn:startEvent id="start"/>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
        <bpmn:task id="task">
          <bpmn:dataOutputAssociation id="doa"><bpmn:targetRef>dor</bpmn:targetRef></bpmn:dataOutputAssociation>
        </bpmn:task>
        <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end"/>
        <bpmn:endEvent id="end"/>
        <bpmn:dataObject id="do"/>
        <bpmn:dataObjectReference id="dor" dataObjectRef="do"/>
        <bpmn:dataStoreReference id="dsr"/>
        <bpmn:textAnnotation id="note"><bpmn:text>说明</bpmn:text></bpmn:textAnnotation>
        <bpmn:association id="a" sourceRef="task" targetRef="note"/>
        <bpmn:group id="g" categoryValueRef="cv"/>
      </bpmn:process>
      <bpmn:category id="cat"><bpmn:categoryValue id="cv" value="group"/></bpmn:category>
      <bpmn:process id="notRun" isExecutable="false"/>`);
    const process = await compileValid(xml);
    expect(process.bpmnProcessId).toBe('p');
    expect([...process.elements.keys()].sort()).toEqual(['end', 'p', 'start', 'task']);
  });
});

describe('sequence flows', () => {
  it('reports a sequence flow whose source or target is missing', async () => {
    const unknown = await problemsOf(
      processDocument('<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="nowhere"/>'),
    );
    expectProblem(unknown, 'f', /The target 'nowhere' of sequence flow 'f' does not exist/);

    const unwritten = await problemsOf(
      processDocument('<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f" targetRef="e"/>'),
    );
    expectProblem(unwritten, 'f', /Sequence flow 'f' has no source \(sourceRef\)/);

    const toData = await problemsOf(
      processDocument('<bpmn:startEvent id="s"/><bpmn:dataObjectReference id="d"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="d"/>'),
    );
    expectProblem(toData, 'f', /target 'd' of sequence flow 'f' is a data element/);
  });

  it('reports a sequence flow crossing a sub-process boundary', async () => {
    const problems = await problemsOf(
      processDocument(`
        <bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub"><bpmn:startEvent id="inner"/></bpmn:subProcess>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="inner"/>`),
    );
    expectProblem(problems, 'f', /not both directly inside 'p'/);
  });

  it('reports conditions on flows that do not leave an exclusive or inclusive gateway', async () => {
    const problems = await problemsOf(
      processDocument(`
        <bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=ok</bpmn:conditionExpression></bpmn:sequenceFlow>`),
    );
    expectProblem(problems, 'f', /conditional sequence flows are only supported after exclusive or inclusive gateways/);
  });
});

describe('gateways', () => {
  const xorWithDefault = (defaultFlow: string, extra = ''): string =>
    processDocument(`
      <bpmn:startEvent id="s"/>
      <bpmn:sequenceFlow id="in" sourceRef="s" targetRef="xor"/>
      <bpmn:exclusiveGateway id="xor" default="${defaultFlow}"/>
      <bpmn:sequenceFlow id="yes" sourceRef="xor" targetRef="e1"><bpmn:conditionExpression>=approved</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="otherwise" sourceRef="xor" targetRef="e2"/>
      <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>${extra}`);

  it('accepts a default flow that leaves the gateway', async () => {
    const process = await compileValid(xorWithDefault('otherwise'));
    expect(process.elements.get('xor')).toMatchObject({ defaultFlowId: 'otherwise', outgoing: ['yes', 'otherwise'] });
    expect(process.flows.get('yes')?.condition).toBe('approved');
  });

  it('reports a default flow that is not one of the outgoing flows', async () => {
    const problems = await problemsOf(xorWithDefault('in'));
    expectProblem(problems, 'xor', /default flow 'in' of exclusive gateway 'xor' is not one of its outgoing sequence flows/);
    const missing = await problemsOf(xorWithDefault('ghost'));
    expectProblem(missing, 'xor', /default flow 'ghost' of exclusive gateway 'xor' does not exist/);
  });

  it('reports the same for inclusive gateways', async () => {
    const xml = xorWithDefault('in').replace('exclusiveGateway', 'inclusiveGateway');
    expectProblem(await problemsOf(xml), 'xor', /default flow 'in' of inclusive gateway 'xor'/);
  });

  const eventGateway = (branches: string): string =>
    processDocument(`
      <bpmn:startEvent id="s"/>
      <bpmn:sequenceFlow id="in" sourceRef="s" targetRef="gw"/>
      <bpmn:eventBasedGateway id="gw"/>
      ${branches}
      <bpmn:endEvent id="e"/>`, MESSAGE_WITH_KEY);
  const timerBranch =
    '<bpmn:sequenceFlow id="toTimer" sourceRef="gw" targetRef="timeout"/>' +
    '<bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>PT5M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>' +
    '<bpmn:sequenceFlow id="timeoutDone" sourceRef="timeout" targetRef="e"/>';
  const messageBranch =
    '<bpmn:sequenceFlow id="toReply" sourceRef="gw" targetRef="reply"/>' +
    '<bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>' +
    '<bpmn:sequenceFlow id="replyDone" sourceRef="reply" targetRef="e"/>';

  it('accepts an event-based gateway leading to message and timer catch events', async () => {
    const process = await compileValid(eventGateway(timerBranch + messageBranch));
    expect(process.elements.get('gw')?.outgoing).toEqual(['toTimer', 'toReply']);
  });

  it('reports an event-based gateway with fewer than two outgoing flows', async () => {
    expectProblem(await problemsOf(eventGateway(timerBranch)), 'gw', /at least 2 outgoing sequence flows \(found 1\)/);
  });

  it('reports an event-based gateway leading to something other than a catch event', async () => {
    const taskBranch =
      '<bpmn:sequenceFlow id="toTask" sourceRef="gw" targetRef="task"/><bpmn:task id="task"/>' +
      '<bpmn:sequenceFlow id="taskDone" sourceRef="task" targetRef="e"/>';
    expectProblem(
      await problemsOf(eventGateway(timerBranch + taskBranch)),
      'gw',
      /leads to task 'task', but it may only lead to message, timer or signal intermediate catch events/,
    );
  });

  it('reports a catch event after an event-based gateway that has other incoming flows', async () => {
    const extra = '<bpmn:sequenceFlow id="sideways" sourceRef="s" targetRef="reply"/>';
    expectProblem(
      await problemsOf(eventGateway(timerBranch + messageBranch + extra)),
      'reply',
      /cannot have other incoming sequence flows/,
    );
  });
});

describe('boundary events', () => {
  const withBoundary = (boundary: string): string =>
    processDocument(`${startElementEnd('work', serviceTask('work'))}\n${boundary}
      <bpmn:sequenceFlow id="escape" sourceRef="b" targetRef="end"/>`);

  it('attaches a boundary event to its activity', async () => {
    const process = await compileValid(
      withBoundary('<bpmn:boundaryEvent id="b" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT10S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>'),
    );
    expect(process.elements.get('work')?.boundaryEventIds).toEqual(['b']);
    expect(process.elements.get('b')).toMatchObject({ attachedToId: 'work', interrupting: false, outgoing: ['escape'] });
  });

  it('reports a boundary event attached to nothing', async () => {
    const timer = '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>';
    expectProblem(
      await problemsOf(withBoundary(`<bpmn:boundaryEvent id="b">${timer}</bpmn:boundaryEvent>`)),
      'b',
      /Boundary event 'b' is not attached to an activity/,
    );
    expectProblem(
      await problemsOf(withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="gone">${timer}</bpmn:boundaryEvent>`)),
      'b',
      /attached to 'gone', which does not exist/,
    );
    expectProblem(
      await problemsOf(withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="end">${timer}</bpmn:boundaryEvent>`)),
      'b',
      /attached to end event 'end'; boundary events attach to activities/,
    );
  });

  it('reports an interrupting timer boundary with a cycle and a non-interrupting error boundary', async () => {
    expectProblem(
      await problemsOf(
        withBoundary('<bpmn:boundaryEvent id="b" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>'),
      ),
      'b',
      /interrupting timer event with a time cycle; it must have a time duration or time date/,
    );
    expectProblem(
      await problemsOf(withBoundary('<bpmn:boundaryEvent id="b" attachedToRef="work" cancelActivity="false"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>')),
      'b',
      /non-interrupting, which an error event cannot be/,
    );
  });
});

describe('sub-processes', () => {
  it('compiles an event sub-process with its start event and interrupting flag', async () => {
    const process = await compileValid(
      processDocument(`
        ${startElementEnd('work', serviceTask('work'))}
        <bpmn:subProcess id="onCancel" triggeredByEvent="true">
          <bpmn:startEvent id="cancelled" isInterrupting="false"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent>
          <bpmn:sequenceFlow id="h" sourceRef="cancelled" targetRef="handled"/>
          <bpmn:endEvent id="handled"/>
        </bpmn:subProcess>
        <bpmn:subProcess id="onError" triggeredByEvent="true">
          <bpmn:startEvent id="failed"><bpmn:errorEventDefinition/></bpmn:startEvent>
        </bpmn:subProcess>`, MESSAGE_WITH_KEY),
    );
    expect(process.elements.get('onCancel')).toMatchObject({ kind: 'eventSubProcess', startEventId: 'cancelled', childIds: ['cancelled', 'handled'] });
    expect(process.elements.get('cancelled')).toMatchObject({ kind: 'startEvent', flowScopeId: 'onCancel', interrupting: false });
    expect(process.elements.get('failed')).toMatchObject({ interrupting: true, eventDefinition: { type: 'error' } });
    expect(process.elements.get('p')?.eventSubProcessStartIds).toEqual(['cancelled', 'failed']);
    expect(process.eventStartIds).toEqual([]);
  });

  it('reports an embedded sub-process without exactly one start event', async () => {
    const problems = await problemsOf(processDocument(startElementEnd('sub', '<bpmn:subProcess id="sub"><bpmn:task id="t"/></bpmn:subProcess>')));
    expectProblem(problems, 'sub', /Sub-process 'sub' must have exactly one start event \(found 0\)/);
  });

  it('reports an event sub-process whose start event has no trigger, or that is wired with flows', async () => {
    const problems = await problemsOf(
      processDocument(`${startElementEnd('work', serviceTask('work'))}
        <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="plain"/></bpmn:subProcess>
        <bpmn:sequenceFlow id="wrong" sourceRef="work" targetRef="esp"/>`),
    );
    expectProblem(problems, 'plain', /must have an event definition \(one of: message, timer, error, signal, escalation\)/);
    expectProblem(problems, 'esp', /cannot have incoming or outgoing sequence flows/);
  });
});

describe('link events', () => {
  const linked = (throwName: string, catchName: string): string =>
    processDocument(`
      <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="jump"/>
      <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="${throwName}"/></bpmn:intermediateThrowEvent>
      <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="${catchName}"/></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="f2" sourceRef="land" targetRef="e"/><bpmn:endEvent id="e"/>`);

  it('keys link targets by flow scope and link name', async () => {
    const process = await compileValid(linked('toPage2', 'toPage2'));
    expect(process.linkTargets).toEqual(new Map([['p/toPage2', 'land']]));
  });

  it('reports a link throw without a catch of that name, and duplicate catch names', async () => {
    expectProblem(await problemsOf(linked('toPage2', 'elsewhere')), 'jump', /no link catch event of that name is in the same scope/);
    const twice = linked('a', 'a').replace(
      '<bpmn:endEvent id="e"/>',
      '<bpmn:endEvent id="e"/><bpmn:intermediateCatchEvent id="land2"><bpmn:linkEventDefinition name="a"/></bpmn:intermediateCatchEvent>',
    );
    expectProblem(await problemsOf(twice), 'land2', /'land' and 'land2' have the same link name 'a'/);
  });
});

describe('unsupported elements', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['complex gateway', 'cg', '<bpmn:complexGateway id="cg"/>', /Element 'cg' of type 'bpmn:ComplexGateway' is not supported/],
    ['transaction', 'Task_1', '<bpmn:transaction id="Task_1"/>', /Element 'Task_1' of type 'bpmn:Transaction' is not supported/],
    ['ad-hoc sub-process', 'adhoc', '<bpmn:adHocSubProcess id="adhoc"/>', /Element 'adhoc' of type 'bpmn:AdHocSubProcess' is not supported/],
    [
      'compensation boundary event',
      'comp',
      '<bpmn:boundaryEvent id="comp" attachedToRef="work"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>',
      /Element 'comp' of type 'bpmn:BoundaryEvent' with a compensation event definition is not supported/,
    ],
    [
      'compensation throw event',
      'undo',
      '<bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition/></bpmn:intermediateThrowEvent>',
      /with a compensation event definition is not supported/,
    ],
    [
      'conditional catch event',
      'cond',
      '<bpmn:intermediateCatchEvent id="cond"><bpmn:conditionalEventDefinition><bpmn:condition>=x</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>',
      /Element 'cond' of type 'bpmn:IntermediateCatchEvent' with a conditional event definition is not supported/,
    ],
    [
      'cancel end event',
      'cancelEnd',
      '<bpmn:endEvent id="cancelEnd"><bpmn:cancelEventDefinition/></bpmn:endEvent>',
      /with a cancel event definition is not supported/,
    ],
    [
      'standard loop characteristics',
      'loop',
      '<bpmn:task id="loop"><bpmn:standardLoopCharacteristics/></bpmn:task>',
      /Element 'loop' with loop characteristics of type 'bpmn:StandardLoopCharacteristics' is not supported/,
    ],
    [
      'message start event inside an embedded sub-process',
      'inner',
      '<bpmn:subProcess id="sub"><bpmn:startEvent id="inner"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent></bpmn:subProcess>',
      /Element 'inner' of type 'bpmn:StartEvent' with a message event definition is not supported inside an embedded sub-process/,
    ],
    [
      'event with several event definitions',
      'multi',
      '<bpmn:intermediateCatchEvent id="multi"><bpmn:messageEventDefinition messageRef="M"/><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      /2 event definitions: multiple and parallel multiple events are not supported/,
    ],
    [
      'compensation handler',
      'handler',
      '<bpmn:task id="handler" isForCompensation="true"/>',
      /compensation handler, which is not supported/,
    ],
  ];

  for (const [name, id, xml, message] of cases) {
    it(`rejects a ${name}, naming the element`, async () => {
      const problems = await problemsOf(processDocument(`${startElementEnd('work', serviceTask('work'))}\n${xml}`, MESSAGE_WITH_KEY));
      expectProblem(problems, id, message);
    });
  }
});

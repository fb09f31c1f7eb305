import { describe, expect, it } from 'vitest';
import { compileValid, definitions, processDocument, serviceTask, startElementEnd } from './bpmn-fixture.js';

describe('the executable graph', () => {
  it('holds the process itself as an element of kind process', async () => {
    const process = await compileValid(
      definitions(`
        <bpmn:process id="intake" name="事项受理" isExecutable="true">
          <bpmn:extensionElements><zeebe:versionTag value="2026.1"/></bpmn:extensionElements>
          ${startElementEnd('task', '<bpmn:manualTask id="task" name="窗口核验"/>')}
        </bpmn:process>`),
    );
    expect(process).toMatchObject({ bpmnProcessId: 'intake', name: '事项受理', versionTag: '2026.1', noneStartEventId: 'start' });
    expect(process.elements.get('intake')).toEqual({
      id: 'intake',
      name: '事项受理',
      kind: 'process',
      flowScopeId: '',
      incoming: [],
      outgoing: [],
      inputMappings: [],
      outputMappings: [],
      boundaryEventIds: [],
      childIds: ['start', 'task', 'end'],
      eventSubProcessStartIds: [],
      noneStartEventId: 'start',
    });
    expect(process.elements.get('task')).toMatchObject({ kind: 'manualTask', flowScopeId: 'intake', incoming: ['toElement'], outgoing: ['toEnd'] });
    expect(process.flows.get('toEnd')).toEqual({ id: 'toEnd', sourceId: 'task', targetId: 'end' });
  });

  it('compiles a service task job with static and FEEL values, default retries and headers', async () => {
    const process = await compileValid(
      processDocument(
        startElementEnd(
          'work',
          serviceTask(
            'work',
            '<zeebe:taskDefinition type="=&quot;gongzhi.&quot; + kind"/>' +
              '<zeebe:taskHeaders><zeebe:header key="template" value="sms-1"/><zeebe:header key="empty"/></zeebe:taskHeaders>',
          ),
        ),
      ),
    );
    expect(process.elements.get('work')?.job).toEqual({
      type: { type: 'feel', source: '"gongzhi." + kind' },
      retries: { type: 'static', value: '3' },
      customHeaders: { template: 'sms-1', empty: '' },
    });
  });

  it('compiles user tasks as jobs of type io.camunda.zeebe:userTask with form, assignment and schedule', async () => {
    const userTask = (extensions: string): string =>
      processDocument(startElementEnd('review', `<bpmn:userTask id="review"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask>`));
    const process = await compileValid(
      userTask(`
        <zeebe:formDefinition formKey="gongzhi:form:intake"/>
        <zeebe:assignmentDefinition assignee="=initiator" candidateGroups="网格员,窗口" candidateUsers="=[reviewer]"/>
        <zeebe:taskSchedule dueDate="2026-01-01T08:00:00+08:00" followUpDate="=now() + duration(&quot;P1D&quot;)"/>
        <zeebe:priorityDefinition priority="80"/>
        <zeebe:taskHeaders><zeebe:header key="street" value="西湖"/></zeebe:taskHeaders>`),
    );
    expect(process.elements.get('review')).toMatchObject({
      kind: 'userTask',
      job: {
        type: { type: 'static', value: 'io.camunda.zeebe:userTask' },
        retries: { type: 'static', value: '3' },
        customHeaders: { street: '西湖' },
      },
      userTask: {
        formKey: 'gongzhi:form:intake',
        assignee: { type: 'feel', source: 'initiator' },
        candidateGroups: { type: 'static', value: '网格员,窗口' },
        candidateUsers: { type: 'feel', source: '[reviewer]' },
        dueDate: { type: 'static', value: '2026-01-01T08:00:00+08:00' },
        followUpDate: { type: 'feel', source: 'now() + duration("P1D")' },
        priority: { type: 'static', value: '80' },
      },
    });

    // The same with Zeebe's own zeebe:userTask marker and a linked form id: still a job for us.
    const marked = await compileValid(userTask('<zeebe:userTask/><zeebe:formDefinition formId="intake-form"/>'));
    expect(marked.elements.get('review')?.job?.type).toEqual({ type: 'static', value: 'io.camunda.zeebe:userTask' });
    expect(marked.elements.get('review')?.userTask).toEqual({ formId: 'intake-form' });
  });

  it('compiles called elements with Zeebe defaults for variable propagation', async () => {
    const call = (attributes: string): string =>
      processDocument(startElementEnd('call', `<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement ${attributes}/></bpmn:extensionElements></bpmn:callActivity>`));
    const defaults = await compileValid(call('processId="mediation"'));
    expect(defaults.elements.get('call')?.calledElement).toEqual({
      processId: { type: 'static', value: 'mediation' },
      bindingType: 'latest',
      propagateAllChildVariables: true,
      propagateAllParentVariables: true,
    });
    const explicit = await compileValid(
      call('processId="=subProcessId" propagateAllChildVariables="false" propagateAllParentVariables="false" bindingType="versionTag" versionTag="v2"'),
    );
    expect(explicit.elements.get('call')?.calledElement).toEqual({
      processId: { type: 'feel', source: 'subProcessId' },
      bindingType: 'versionTag',
      versionTag: 'v2',
      propagateAllChildVariables: false,
      propagateAllParentVariables: false,
    });
  });

  it('compiles variable mappings: FEEL without the =, static input sources as string literals', async () => {
    const process = await compileValid(
      processDocument(
        startElementEnd(
          'work',
          serviceTask(
            'work',
            `<zeebe:taskDefinition type="http"/>
            <zeebe:ioMapping>
              <zeebe:input source="POST" target="method"/>
              <zeebe:input source='say "hi" \\ bye' target="greeting"/>
              <zeebe:input source="= applicant.name" target="request.body.name"/>
              <zeebe:output source="=response.status" target="status"/>
            </zeebe:ioMapping>`,
          ),
        ),
      ),
    );
    const work = process.elements.get('work')!;
    expect(work.inputMappings).toEqual([
      { source: '"POST"', target: 'method' },
      { source: '"say \\"hi\\" \\\\ bye"', target: 'greeting' },
      { source: 'applicant.name', target: 'request.body.name' },
    ]);
    expect(work.outputMappings).toEqual([{ source: 'response.status', target: 'status' }]);
  });

  it('compiles multi-instance characteristics', async () => {
    const process = await compileValid(
      processDocument(
        startElementEnd(
          'ask',
          serviceTask(
            'ask',
            '<zeebe:taskDefinition type="survey"/>',
            `<bpmn:multiInstanceLoopCharacteristics isSequential="true">
              <bpmn:extensionElements>
                <zeebe:loopCharacteristics inputCollection="=owners" inputElement="owner" outputCollection="votes" outputElement="={owner: owner.id, vote: vote}"/>
              </bpmn:extensionElements>
              <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=count(votes[vote = "yes"]) * 2 > count(owners)</bpmn:completionCondition>
            </bpmn:multiInstanceLoopCharacteristics>`,
          ),
        ),
      ),
    );
    expect(process.elements.get('ask')?.multiInstance).toEqual({
      sequential: true,
      inputCollection: 'owners',
      inputElement: 'owner',
      outputCollection: 'votes',
      outputElement: '{owner: owner.id, vote: vote}',
      completionCondition: 'count(votes[vote = "yes"]) * 2 > count(owners)',
    });
  });

  it('compiles boundary events, interrupting by default', async () => {
    const process = await compileValid(
      processDocument(`${startElementEnd('work', serviceTask('work'))}
        <bpmn:boundaryEvent id="late" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="lateOut" sourceRef="late" targetRef="end"/>
        <bpmn:sequenceFlow id="remindOut" sourceRef="remind" targetRef="end"/>`),
    );
    expect(process.elements.get('work')?.boundaryEventIds).toEqual(['late', 'remind']);
    expect(process.elements.get('late')).toMatchObject({ kind: 'boundaryEvent', attachedToId: 'work', interrupting: true, flowScopeId: 'p' });
    expect(process.elements.get('remind')).toMatchObject({ interrupting: false });
    expect(process.elements.get('end')?.incoming).toEqual(['toEnd', 'lateOut', 'remindOut']);
  });

  it('scopes elements, event sub-processes and link targets to their sub-process', async () => {
    const process = await compileValid(
      processDocument(
        startElementEnd(
          'sub',
          `<bpmn:subProcess id="sub">
            <bpmn:startEvent id="subStart"/>
            <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="jump"/>
            <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="next"/></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="next"/></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="s2" sourceRef="land" targetRef="subEnd"/>
            <bpmn:endEvent id="subEnd"/>
            <bpmn:subProcess id="onTimeout" triggeredByEvent="true">
              <bpmn:startEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:sequenceFlow id="t1" sourceRef="timeout" targetRef="timeoutEnd"/>
              <bpmn:endEvent id="timeoutEnd"><bpmn:terminateEventDefinition/></bpmn:endEvent>
            </bpmn:subProcess>
          </bpmn:subProcess>`,
        ),
      ),
    );
    expect(process.elements.get('sub')).toMatchObject({
      kind: 'subProcess',
      flowScopeId: 'p',
      childIds: ['subStart', 'jump', 'land', 'subEnd', 'onTimeout'],
      noneStartEventId: 'subStart',
      eventSubProcessStartIds: ['timeout'],
    });
    expect(process.elements.get('onTimeout')).toMatchObject({ kind: 'eventSubProcess', flowScopeId: 'sub', startEventId: 'timeout' });
    expect(process.elements.get('timeout')).toMatchObject({ flowScopeId: 'onTimeout', interrupting: true });
    expect(process.elements.get('timeoutEnd')?.eventDefinition).toEqual({ type: 'terminate' });
    expect(process.linkTargets).toEqual(new Map([['sub/next', 'land']]));
    expect(process.elements.get('p')?.eventSubProcessStartIds).toEqual([]);
    expect(process.flows.get('s1')).toEqual({ id: 's1', sourceId: 'subStart', targetId: 'jump' });
  });
});

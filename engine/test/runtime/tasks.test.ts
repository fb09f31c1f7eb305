import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { testStores } from '../support/test-stores.js';
import { TestEngine } from '../support/test-engine.js';
import { chain, end, processXml, start, userTask } from '../support/bpmn-xml.js';

const ITEMS_DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="items" name="事项清单" namespace="http://gongzhi">
  <decision id="item-lookup" name="事项查询">
    <decisionTable id="t" hitPolicy="UNIQUE">
      <input id="i1" label="事项编码"><inputExpression id="ie1" typeRef="string"><text>itemCode</text></inputExpression></input>
      <output id="o1" name="level" typeRef="string" />
      <output id="o2" name="promisedDays" typeRef="number" />
      <rule id="r1"><inputEntry id="r1i"><text>"YL-001"</text></inputEntry><outputEntry id="r1o1"><text>"社区可办"</text></outputEntry><outputEntry id="r1o2"><text>0</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="r2i"><text>"DB-001"</text></inputEntry><outputEntry id="r2o1"><text>"街道办结"</text></outputEntry><outputEntry id="r2o2"><text>20</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

describe.each(testStores)('script, business rule, user, receive and pass-through tasks on $name', (testStore) => {
  let t: TestEngine;
  beforeEach(async () => (t = await TestEngine.start(testStore)));
  afterEach(async () => t.close());

  it('a script task stores its FEEL result; a failing script raises an incident', async () => {
    await t.deploy(
      processXml(
        'script',
        [start(), `<bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="=sum(fees)" resultVariable="total" /></bpmn:extensionElements></bpmn:scriptTask>`, end(), chain('start', 'calc', 'end')].join(''),
      ),
    );
    const pi = await t.start('script', { fees: [10, 20.5] });
    expect(await t.variables(pi)).toMatchObject({ total: 30.5 });
  });

  it('a business rule task evaluates a deployed decision table', async () => {
    await t.engine.deploy([{ name: 'items.dmn', content: ITEMS_DMN }]);
    await t.deploy(
      processXml(
        'lookup',
        [start(), `<bpmn:businessRuleTask id="find"><bpmn:extensionElements><zeebe:calledDecision decisionId="item-lookup" resultVariable="item" /></bpmn:extensionElements></bpmn:businessRuleTask>`, end(), chain('start', 'find', 'end')].join(''),
      ),
    );
    const pi = await t.start('lookup', { itemCode: 'DB-001' });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect((await t.variables(pi)).item).toEqual({ level: '街道办结', promisedDays: 20 });
  });

  it('a business rule task calling an unknown decision raises an incident', async () => {
    await t.deploy(
      processXml(
        'lookup2',
        [start(), `<bpmn:businessRuleTask id="find"><bpmn:extensionElements><zeebe:calledDecision decisionId="missing" resultVariable="item" /></bpmn:extensionElements></bpmn:businessRuleTask>`, end(), chain('start', 'find', 'end')].join(''),
      ),
    );
    const pi = await t.start('lookup2');
    expect((await t.incidents(pi))[0]).toMatchObject({ errorType: 'CALLED_DECISION_ERROR', elementId: 'find' });
  });

  it('a user task is a job of type io.camunda.zeebe:userTask with its form, assignment and due date, listed in the task view', async () => {
    await t.deploy(
      processXml(
        'approve',
        [
          start(),
          userTask(
            'review',
            `<zeebe:formDefinition formKey="gongzhi:form:review" /><zeebe:assignmentDefinition assignee="=clerk" candidateGroups="street-window, grid" /><zeebe:taskSchedule dueDate="=dueAt" />`,
            'name="审核"',
          ),
          end(),
          chain('start', 'review', 'end'),
        ].join(''),
      ),
    );
    const pi = await t.start('approve', { clerk: 'wang', dueAt: '2026-10-09T17:00:00+08:00' });
    const [job] = await t.activate('io.camunda.zeebe:userTask');
    expect(job.customHeaders).toMatchObject({
      'io.camunda.zeebe:formKey': 'gongzhi:form:review',
      'io.camunda.zeebe:assignee': 'wang',
      'io.camunda.zeebe:candidateGroups': '["street-window","grid"]',
      'io.camunda.zeebe:dueDate': '2026-10-09T17:00:00+08:00',
    });
    const view = await t.store.db.executeQuery<Record<string, any>>(CompiledQuery.raw('SELECT * FROM user_task_view WHERE process_instance_key = $1', [pi]));
    expect(view.rows[0]).toMatchObject({ element_id: 'review', name: '审核', state: 'CREATED', assignee: 'wang', candidate_groups: ['street-window', 'grid'], form_key: 'gongzhi:form:review' });
    await t.engine.completeJob(job.key, { approved: true });
    const after = await t.store.db.executeQuery<Record<string, any>>(CompiledQuery.raw('SELECT state FROM user_task_view WHERE key = $1', [job.key]));
    expect(after.rows[0].state).toBe('COMPLETED');
    expect(await t.state(pi)).toBe('COMPLETED');
  });

  it('a receive task waits for its message; manual and undefined tasks pass through', async () => {
    await t.deploy(
      processXml(
        'recv',
        [start(), '<bpmn:manualTask id="manual" />', '<bpmn:task id="plain" />', '<bpmn:receiveTask id="reply" messageRef="m" />', end(), chain('start', 'manual', 'plain', 'reply', 'end')].join(''),
        `<bpmn:message id="m" name="reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNo" /></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    const pi = await t.start('recv', { caseNo: 'R-1' });
    expect(await t.activeElements(pi)).toEqual(['reply']);
    await t.engine.publishMessage({ name: 'reply', correlationKey: 'R-1', variables: { answer: '同意' } });
    expect(await t.state(pi)).toBe('COMPLETED');
    expect(await t.variables(pi)).toMatchObject({ answer: '同意' });
  });

  it('start instructions start at the given elements', async () => {
    await t.deploy(processXml('skip', [start(), userTask('first'), userTask('second'), end(), chain('start', 'first', 'second', 'end')].join('')));
    const created = await t.engine.createProcessInstance({ bpmnProcessId: 'skip', startInstructions: [{ elementId: 'second' }] });
    expect(await t.activeElements(created.processInstanceKey)).toEqual(['second']);
    await expect(t.engine.createProcessInstance({ bpmnProcessId: 'skip', startInstructions: [{ elementId: 'nowhere' }] })).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
  });
});

/** The history listeners the Zeebe runtime adds before deploying: where, which, idempotent, the user's kept. */
import { describe, expect, it } from 'vitest';
import { createZeebeModdle } from '../../../src/deployment/zeebe-moddle.js';
import { HISTORY_END_JOB_TYPE, HISTORY_START_JOB_TYPE, withHistoryListeners } from '../../../src/runtime/zeebe/history-listeners.js';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:error id="err" errorCode="E1" />
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:exclusiveGateway id="gw" />
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="w" />
        <zeebe:executionListeners><zeebe:executionListener eventType="start" type="mine" /></zeebe:executionListeners>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="timeout" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="subStart" />
      <bpmn:endEvent id="subEnd" />
      <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="subEnd" />
    </bpmn:subProcess>
    <bpmn:subProcess id="events" triggeredByEvent="true">
      <bpmn:startEvent id="evStart"><bpmn:signalEventDefinition /></bpmn:startEvent>
      <bpmn:endEvent id="evEnd" />
      <bpmn:sequenceFlow id="e1" sourceRef="evStart" targetRef="evEnd" />
    </bpmn:subProcess>
    <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
    <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="work" />
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="sub" />
    <bpmn:sequenceFlow id="f4" sourceRef="sub" targetRef="end" />
    <bpmn:sequenceFlow id="f5" sourceRef="gw" targetRef="fail" />
  </bpmn:process>
</bpmn:definitions>`;

async function listenersById(xml: string): Promise<Record<string, string[]>> {
  const { elementsById } = await createZeebeModdle().fromXML(xml);
  const out: Record<string, string[]> = {};
  for (const [id, element] of Object.entries(elementsById) as Array<[string, any]>) {
    const container = element.extensionElements?.values?.find((v: any) => v.$type === 'zeebe:ExecutionListeners');
    if (container) out[id] = container.listeners.map((l: any) => `${l.eventType}:${l.type}`);
  }
  return out;
}

describe('history listeners', () => {
  it('adds start and end listeners where Zeebe 8.6 allows them, after the ones the user declared', async () => {
    const s = `start:${HISTORY_START_JOB_TYPE}`;
    const e = `end:${HISTORY_END_JOB_TYPE}`;
    expect(await listenersById(await withHistoryListeners(XML))).toEqual({
      p: [s, e],
      start: [e],
      gw: [s],
      work: ['start:mine', s, e],
      timeout: [e],
      sub: [s, e],
      subStart: [e],
      subEnd: [s, e],
      fail: [s],
      end: [s, e],
    });
  });

  it('is idempotent: XML that has them comes back unchanged', async () => {
    const once = await withHistoryListeners(XML);
    expect(await withHistoryListeners(once)).toBe(once);
  });

  it('leaves non-executable processes alone', async () => {
    const xml = XML.replace('isExecutable="true"', 'isExecutable="false"');
    expect(await withHistoryListeners(xml)).toBe(xml);
  });
});

import type { RuntimeElementKind } from '../../state/rows.js';
import type { ElementProcessor } from './element-processor.js';
import { eventSubProcessProcessor, processProcessor, subProcessProcessor } from './container-processors.js';
import {
  boundaryEventProcessor,
  catchEventProcessor,
  endEventProcessor,
  intermediateThrowEventProcessor,
  passThroughProcessor,
  startEventProcessor,
} from './event-processors.js';
import { businessRuleTaskProcessor, jobWorkerTaskProcessor, scriptTaskProcessor } from './task-processors.js';
import {
  eventBasedGatewayProcessor,
  exclusiveGatewayProcessor,
  inclusiveGatewayProcessor,
  parallelGatewayProcessor,
} from './gateway-processors.js';
import { callActivityProcessor } from './call-activity-processor.js';
import { multiInstanceBodyProcessor } from './multi-instance-body-processor.js';

const PROCESSORS: Record<RuntimeElementKind, ElementProcessor> = {
  process: processProcessor,
  subProcess: subProcessProcessor,
  eventSubProcess: eventSubProcessProcessor,
  startEvent: startEventProcessor,
  endEvent: endEventProcessor,
  intermediateCatchEvent: catchEventProcessor,
  receiveTask: catchEventProcessor,
  intermediateThrowEvent: intermediateThrowEventProcessor,
  boundaryEvent: boundaryEventProcessor,
  serviceTask: jobWorkerTaskProcessor,
  sendTask: jobWorkerTaskProcessor,
  userTask: jobWorkerTaskProcessor,
  scriptTask: scriptTaskProcessor,
  businessRuleTask: businessRuleTaskProcessor,
  manualTask: passThroughProcessor,
  task: passThroughProcessor,
  exclusiveGateway: exclusiveGatewayProcessor,
  inclusiveGateway: inclusiveGatewayProcessor,
  parallelGateway: parallelGatewayProcessor,
  eventBasedGateway: eventBasedGatewayProcessor,
  callActivity: callActivityProcessor,
  multiInstanceBody: multiInstanceBodyProcessor,
};

export function processorFor(kind: RuntimeElementKind): ElementProcessor {
  return PROCESSORS[kind];
}

import { CompiledQuery } from 'kysely';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { CreateProcessInstance, CreatedProcessInstance } from '../runtime/runtime-port.js';
import type { EngineRecord } from '../records/record.js';
import type { GatewayContext } from './gateway-context.js';
import type { GatewayHandlers } from './gateway-protocol.js';
import { GatewayError, invalidRequest } from './gateway-status.js';
import { invalidState } from '../runtime/engine-rejection.js';
import { unaryCall } from './unary-call.js';
import { checkTenant, DEFAULT_TENANT, keyFromWire, keyToWire, numberFromWire, variablesFromWire } from './wire-values.js';

interface WireCreateRequest {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  variables: string;
  startInstructions: Array<{ elementId: string }>;
  tenantId: string;
}

interface WireModifyRequest {
  processInstanceKey: string;
  activateInstructions: Array<{
    elementId: string;
    ancestorElementInstanceKey: string;
    variableInstructions: Array<{ variables: string; scopeId: string }>;
  }>;
  terminateInstructions: Array<{ elementInstanceKey: string }>;
}

function createCommand(request: WireCreateRequest, rpc: string): CreateProcessInstance {
  checkTenant(rpc, request.tenantId);
  const definitionKey = keyFromWire('processDefinitionKey', request.processDefinitionKey || '0');
  const command: CreateProcessInstance = { variables: variablesFromWire('variables', request.variables) };
  if (definitionKey > 0) command.processDefinitionKey = definitionKey;
  else {
    command.bpmnProcessId = request.bpmnProcessId;
    command.version = request.version;
  }
  if (request.startInstructions.length > 0) command.startInstructions = request.startInstructions.map((s) => ({ elementId: s.elementId }));
  return command;
}

function created(c: CreatedProcessInstance) {
  return {
    processDefinitionKey: keyToWire(c.processDefinitionKey),
    bpmnProcessId: c.bpmnProcessId,
    version: c.version,
    processInstanceKey: keyToWire(c.processInstanceKey),
    tenantId: DEFAULT_TENANT,
  };
}

/** How a root process instance ended, seen on the record stream. */
type Ending = 'COMPLETED' | 'TERMINATED';

function rootEndings(records: EngineRecord[], into: Map<number, Ending>): void {
  for (const r of records) {
    if (r.valueType !== 'PROCESS_INSTANCE' || r.key !== r.processInstanceKey) continue;
    if (r.intent === 'ELEMENT_COMPLETED') into.set(r.key, 'COMPLETED');
    else if (r.intent === 'ELEMENT_TERMINATED') into.set(r.key, 'TERMINATED');
  }
}

/** Create, create and await the result, cancel, modify. */
export function processInstanceRpcs(context: GatewayContext): GatewayHandlers {
  const { engine } = context;
  return {
    CreateProcessInstance: unaryCall(context, 'CREATE', async (request: WireCreateRequest) => {
      return created(await engine.createProcessInstance(createCommand(request, 'CreateProcessInstance')));
    }),

    CreateProcessInstanceWithResult: unaryCall(
      context,
      'CREATE_WITH_AWAITING_RESULT',
      async (request: { request: WireCreateRequest | null; requestTimeout: string; fetchVariables: string[] }, call) => {
        if (!request.request) throw invalidRequest('Expected a CreateProcessInstanceRequest in property \'request\', but none given');
        const command = createCommand(request.request, 'CreateProcessInstanceWithResult');
        const timeout = numberFromWire(request.requestTimeout) > 0 ? numberFromWire(request.requestTimeout) : context.defaultRequestTimeout;
        // Listen before creating: an instance without wait states completes in the batch that creates it.
        const endings = new Map<number, Ending>();
        let instanceKey: number | undefined;
        let settle: (() => void) | undefined;
        const unsubscribe = engine.subscribe((records) => {
          rootEndings(records, endings);
          if (instanceKey !== undefined && endings.has(instanceKey)) settle?.();
        });
        let timer: NodeJS.Timeout | undefined;
        let onClose: (() => void) | undefined;
        try {
          const instance = await engine.createProcessInstance(command);
          instanceKey = instance.processInstanceKey;
          if (!endings.has(instanceKey)) {
            await new Promise<void>((resolve, reject) => {
              settle = resolve;
              timer = setTimeout(
                () =>
                  reject(
                    new GatewayError(
                      GrpcStatus.DEADLINE_EXCEEDED,
                      `Expected to receive the result of process instance '${instanceKey}' within ${timeout} ms, but it has not completed yet`,
                    ),
                  ),
                timeout,
              );
              const gone = (): void => reject(new GatewayError(GrpcStatus.CANCELLED, 'The client cancelled the request'));
              call.once('cancelled', gone);
              onClose = () => reject(new GatewayError(GrpcStatus.UNAVAILABLE, 'The gateway is closing'));
              context.closing.addEventListener('abort', onClose, { once: true });
            });
          }
          if (endings.get(instanceKey) === 'TERMINATED') {
            throw invalidState(`Expected to complete process instance with key '${instanceKey}', but it was terminated`);
          }
          const rows = await context.store.db.executeQuery<{ name: string; value: unknown }>(
            CompiledQuery.raw('SELECT name, value FROM variable_view WHERE scope_key = $1', [instanceKey]),
          );
          const wanted = request.fetchVariables.length > 0 ? new Set(request.fetchVariables) : undefined;
          const variables = Object.fromEntries(rows.rows.filter((r) => !wanted || wanted.has(r.name)).map((r) => [r.name, r.value]));
          return { ...created(instance), variables: JSON.stringify(variables) };
        } finally {
          if (timer) clearTimeout(timer);
          if (onClose) context.closing.removeEventListener('abort', onClose);
          unsubscribe();
        }
      },
    ),

    CancelProcessInstance: unaryCall(context, 'CANCEL', async (request: { processInstanceKey: string }) => {
      await engine.cancelProcessInstance(keyFromWire('processInstanceKey', request.processInstanceKey));
      return {};
    }),

    ModifyProcessInstance: unaryCall(context, 'MODIFY', async (request: WireModifyRequest) => {
      await engine.modifyProcessInstance(keyFromWire('processInstanceKey', request.processInstanceKey), {
        activateInstructions: request.activateInstructions.map((a) => {
          const ancestor = keyFromWire('ancestorElementInstanceKey', a.ancestorElementInstanceKey || '0');
          return {
            elementId: a.elementId,
            // -1 (and an unset 0): the element's flow scope instance, whichever it is.
            ancestorElementInstanceKey: ancestor > 0 ? ancestor : undefined,
            variableInstructions: a.variableInstructions.map((v) => ({ scopeId: v.scopeId, variables: variablesFromWire('variables', v.variables) })),
          };
        }),
        terminateInstructions: request.terminateInstructions.map((t) => ({ elementInstanceKey: keyFromWire('elementInstanceKey', t.elementInstanceKey) })),
      });
      return {};
    }),
  };
}

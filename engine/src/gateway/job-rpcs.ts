import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ActivatedJob } from '../runtime/runtime-port.js';
import type { GatewayContext } from './gateway-context.js';
import type { GatewayHandlers } from './gateway-protocol.js';
import { invalidRequest, statusOf } from './gateway-status.js';
import { unaryCall } from './unary-call.js';
import { checkTenants, DEFAULT_TENANT, keyFromWire, keyToWire, numberFromWire, variablesFromWire, variablesToWire } from './wire-values.js';

interface WireActivateJobs {
  type: string;
  worker: string;
  timeout: string;
  maxJobsToActivate: number;
  fetchVariable: string[];
  requestTimeout: string;
  tenantIds: string[];
}

type WireStreamJobs = Omit<WireActivateJobs, 'maxJobsToActivate' | 'requestTimeout'>;

/** How many jobs a job stream claims at a time (it pushes them one by one). */
const STREAM_BATCH = 32;

export function jobToWire(job: ActivatedJob) {
  return {
    key: keyToWire(job.key),
    type: job.type,
    processInstanceKey: keyToWire(job.processInstanceKey),
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: keyToWire(job.processDefinitionKey),
    elementId: job.elementId,
    elementInstanceKey: keyToWire(job.elementInstanceKey),
    customHeaders: JSON.stringify(job.customHeaders ?? {}),
    worker: job.worker,
    retries: job.retries,
    deadline: keyToWire(job.deadline),
    variables: variablesToWire(job.variables),
    tenantId: DEFAULT_TENANT,
  };
}

function checkActivation(rpc: string, request: WireStreamJobs): void {
  checkTenants(rpc, request.tenantIds);
  if (!request.type) throw invalidRequest(`Expected to ${rpc === 'ActivateJobs' ? 'activate jobs' : 'stream jobs'} of a type, but the property 'type' is blank`);
  if (numberFromWire(request.timeout) < 1) throw invalidRequest(`Expected the job timeout to be at least 1 ms, but was '${request.timeout}'`);
}

/** An AbortSignal that fires when the client goes away or the gateway closes. */
function callSignal(call: ServerWritableStream<unknown, unknown>, context: GatewayContext): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  call.once('cancelled', abort);
  context.closing.addEventListener('abort', abort, { once: true });
  return { signal: controller.signal, done: () => context.closing.removeEventListener('abort', abort) };
}

/** Job activation (long polling and streaming) and the job commands. */
export function jobRpcs(context: GatewayContext): GatewayHandlers {
  const { engine } = context;
  return {
    ActivateJobs: (call: ServerWritableStream<WireActivateJobs, unknown>) => {
      const request = call.request;
      const { signal, done } = callSignal(call, context);
      void (async () => {
        try {
          checkActivation('ActivateJobs', request);
          if (request.worker === '') throw invalidRequest("Expected to activate jobs for a worker, but the property 'worker' is blank");
          const requested = numberFromWire(request.requestTimeout);
          // 0: the gateway's default long poll; negative: no long polling at all.
          const requestTimeout = requested === 0 ? context.defaultLongPollTimeout : Math.max(0, requested);
          const jobs = await engine.activateJobs({
            type: request.type,
            worker: request.worker,
            timeout: numberFromWire(request.timeout),
            maxJobsToActivate: request.maxJobsToActivate,
            fetchVariables: request.fetchVariable,
            requestTimeout,
            signal,
          });
          // Zeebe answers an expired or non-waiting poll with an empty response, and clients wait for one.
          call.write({ jobs: jobs.map(jobToWire) });
          call.end();
        } catch (error) {
          call.emit('error', statusOf(error, 'ACTIVATE'));
        } finally {
          done();
        }
      })();
    },

    StreamActivatedJobs: (call: ServerWritableStream<WireStreamJobs, unknown>) => {
      const request = call.request;
      const { signal, done } = callSignal(call, context);
      void (async () => {
        try {
          checkActivation('StreamActivatedJobs', request);
          // The stream stays open until the client cancels it: jobs are pushed as they become activatable.
          while (!signal.aborted) {
            const jobs = await engine.activateJobs({
              type: request.type,
              worker: request.worker,
              timeout: numberFromWire(request.timeout),
              maxJobsToActivate: STREAM_BATCH,
              fetchVariables: request.fetchVariable,
              requestTimeout: 60_000,
              signal,
            });
            for (const job of jobs) call.write(jobToWire(job));
          }
          call.end();
        } catch (error) {
          if (!signal.aborted) call.emit('error', statusOf(error, 'ACTIVATE'));
        } finally {
          done();
        }
      })();
    },

    CompleteJob: unaryCall(context, 'COMPLETE', async (request: { jobKey: string; variables: string }) => {
      await engine.completeJob(keyFromWire('jobKey', request.jobKey), variablesFromWire('variables', request.variables));
      return {};
    }),

    FailJob: unaryCall(
      context,
      'FAIL',
      async (request: { jobKey: string; retries: number; errorMessage: string; retryBackOff: string; variables: string }) => {
        await engine.failJob(keyFromWire('jobKey', request.jobKey), {
          retries: Math.max(0, request.retries),
          errorMessage: request.errorMessage,
          retryBackOff: numberFromWire(request.retryBackOff),
          variables: variablesFromWire('variables', request.variables),
        });
        return {};
      },
    ),

    ThrowError: unaryCall(context, 'THROW_ERROR', async (request: { jobKey: string; errorCode: string; errorMessage: string; variables: string }) => {
      await engine.throwError(keyFromWire('jobKey', request.jobKey), request.errorCode, request.errorMessage, variablesFromWire('variables', request.variables));
      return {};
    }),

    UpdateJobRetries: unaryCall(context, 'UPDATE_RETRIES', async (request: { jobKey: string; retries: number }) => {
      await engine.updateJobRetries(keyFromWire('jobKey', request.jobKey), request.retries);
      return {};
    }),

    // Not in zeebe-node 8.3's proto: served from our own (gateway-protocol.ts).
    UpdateJobTimeout: unaryCall(context, 'UPDATE_TIMEOUT', async (request: { jobKey: string; timeout: string }) => {
      await engine.updateJobTimeout(keyFromWire('jobKey', request.jobKey), numberFromWire(request.timeout));
      return {};
    }),
  };
}

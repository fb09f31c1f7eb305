import { status as GrpcStatus, type handleUnaryCall, type ServerUnaryCall } from '@grpc/grpc-js';
import type { GatewayContext } from './gateway-context.js';
import { GatewayError, statusOf } from './gateway-status.js';

/**
 * A unary RPC: the request goes to `handle`, whose result is the response; an error becomes the
 * gRPC status Zeebe would answer with, naming the command's intent (e.g. 'COMPLETE').
 */
export function unaryCall<Req, Res>(
  context: GatewayContext,
  intent: string,
  handle: (request: Req, call: ServerUnaryCall<Req, Res>) => Promise<Res>,
  options: { backpressure?: boolean } = {},
): handleUnaryCall<Req, Res> {
  const limited = options.backpressure ?? true;
  return (call, callback) => {
    if (limited && !context.backpressure.tryAcquire()) {
      callback(
        statusOf(
          new GatewayError(GrpcStatus.RESOURCE_EXHAUSTED, `Expected to handle gRPC request ${intent}, but the engine is busy (too many commands in flight); retry later`),
          intent,
        ),
      );
      return;
    }
    handle(call.request, call)
      .then((response) => callback(null, response))
      .catch((error: unknown) => callback(statusOf(error, intent)))
      .finally(() => {
        if (limited) context.backpressure.release();
      });
  };
}

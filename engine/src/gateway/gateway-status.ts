import { status as GrpcStatus, Metadata, type ServiceError } from '@grpc/grpc-js';
import { EngineRejection, type RejectionType } from '../runtime/engine-rejection.js';

/** A request the gateway itself refuses before it reaches the engine (Zeebe's gateway-side validation). */
export class GatewayError extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export function invalidRequest(message: string): GatewayError {
  return new GatewayError(GrpcStatus.INVALID_ARGUMENT, message);
}

/** Zeebe's gateway maps a broker rejection's type to a status code this way. */
const rejectionCodes: Record<RejectionType, GrpcStatus> = {
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  INVALID_ARGUMENT: GrpcStatus.INVALID_ARGUMENT,
  INVALID_STATE: GrpcStatus.FAILED_PRECONDITION,
  ALREADY_EXISTS: GrpcStatus.ALREADY_EXISTS,
};

/**
 * The gRPC status of a failed call: an engine rejection reads "Command '<intent>' rejected with code
 * '<type>': <reason>" as Zeebe's does (clients and tests match on it); anything unexpected is INTERNAL.
 */
export function statusOf(error: unknown, intent: string): ServiceError {
  let code: GrpcStatus;
  let message: string;
  if (error instanceof EngineRejection) {
    code = rejectionCodes[error.type] ?? GrpcStatus.UNKNOWN;
    message = `Command '${intent}' rejected with code '${error.type}': ${error.message}`;
  } else if (error instanceof GatewayError) {
    code = error.code;
    message = error.message;
  } else if (error instanceof Error && error.message === 'the engine is closed') {
    code = GrpcStatus.UNAVAILABLE;
    message = 'Expected to handle gRPC request, but the engine is shutting down';
  } else {
    code = GrpcStatus.INTERNAL;
    message = `Unexpected error occurred during the request processing: ${error instanceof Error ? error.message : String(error)}`;
  }
  return Object.assign(new Error(message), { code, details: message, metadata: new Metadata() });
}

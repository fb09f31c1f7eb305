/**
 * A command the engine refuses, with Zeebe's rejection types; the REST layer maps them to
 * 404 / 400 / 409 and the gRPC facade to NOT_FOUND / INVALID_ARGUMENT / FAILED_PRECONDITION.
 */
export type RejectionType = 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'INVALID_STATE' | 'ALREADY_EXISTS';

export class EngineRejection extends Error {
  constructor(
    readonly type: RejectionType,
    message: string,
    /** Structured details, e.g. the deployment problems of a rejected deployment. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EngineRejection';
  }
}

export function notFound(message: string): EngineRejection {
  return new EngineRejection('NOT_FOUND', message);
}
export function invalidArgument(message: string, details?: unknown): EngineRejection {
  return new EngineRejection('INVALID_ARGUMENT', message, details);
}
export function invalidState(message: string): EngineRejection {
  return new EngineRejection('INVALID_STATE', message);
}

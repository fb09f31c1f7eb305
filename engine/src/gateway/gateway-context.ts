import type { EmbeddedEngine } from '../runtime/embedded/embedded-engine.js';
import type { Store } from '../store/store.js';

/** What every group of RPCs works with. */
export interface GatewayContext {
  engine: EmbeddedEngine;
  store: Store;
  /** Where clients reach the gateway (Topology answers with it). */
  advertisedHost: string;
  advertisedPort: number;
  /** Fires when the gateway closes: long polls and job streams end. */
  closing: AbortSignal;
  /** Long polling's wait when ActivateJobs names no requestTimeout (Zeebe's gateway default: 10 s). */
  defaultLongPollTimeout: number;
  /** CreateProcessInstanceWithResult's wait when it names no requestTimeout (Zeebe's default request timeout). */
  defaultRequestTimeout: number;
  backpressure: CommandBackpressure;
}

/**
 * Commands in flight through the gateway, bounded: beyond the limit a command is refused with
 * RESOURCE_EXHAUSTED (Zeebe's backpressure), which clients such as zeebe-node retry after a pause,
 * instead of the engine's queue growing without end.
 */
export class CommandBackpressure {
  private inFlight = 0;
  constructor(readonly limit: number) {}

  tryAcquire(): boolean {
    if (this.inFlight >= this.limit) return false;
    this.inFlight++;
    return true;
  }

  release(): void {
    this.inFlight--;
  }
}

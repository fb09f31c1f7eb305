/** The engine's only source of time: real in production, virtual in simulations and tests. */
export interface Clock {
  now(): number;
  /** True for a clock that moves only when told to (no wall-clock polling is scheduled for it). */
  readonly virtual: boolean;
}

export class SystemClock implements Clock {
  readonly virtual = false;
  now(): number {
    return Date.now();
  }
}

/** A clock that stands still until advanced; the engine fires what fell due on `engine.advanceTime`. */
export class VirtualClock implements Clock {
  readonly virtual = true;
  constructor(private current: number = Date.UTC(2026, 0, 5, 1, 0, 0)) {}
  now(): number {
    return this.current;
  }
  set(epochMs: number): void {
    if (epochMs < this.current) throw new Error('a virtual clock never goes back');
    this.current = epochMs;
  }
  advance(ms: number): void {
    this.set(this.current + ms);
  }
}

/**
 * A FIFO mutex for a database that has exactly one connection (PGlite): whoever holds it owns the
 * connection, so a transaction's statements cannot interleave with anyone else's. Uncontended locking
 * costs one resolved promise; waiters are served in arrival order, so nobody starves.
 */
export class ConnectionMutex {
  #held = false;
  readonly #waiters: Array<() => void> = [];

  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    if (!this.#held) throw new Error('ConnectionMutex.unlock() called while the mutex is not held');
    const next = this.#waiters.shift();
    // Hand over directly: #held stays true, so a newcomer cannot jump the queue.
    if (next) next();
    else this.#held = false;
  }

  get waiting(): number {
    return this.#waiters.length;
  }
}

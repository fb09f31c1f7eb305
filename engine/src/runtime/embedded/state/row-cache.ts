/**
 * Committed rows kept between batches, so that the instances being worked on are not read back from
 * the database by every command. The engine is the only writer of its runtime tables, so the cache
 * is coherent: it is updated only after a batch commits. Bounded (least recently used goes first),
 * so a hundred thousand waiting instances stay in the store, not in memory.
 */
export class RowCache<Row> {
  private readonly entries = new Map<string, Row | null>();

  constructor(private readonly capacity: number) {}

  /** A copy of the cached row (null: known absent; undefined: not cached). Batches mutate what they read. */
  get(key: string): Row | null | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Refresh recency: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry === null ? null : structuredClone(entry);
  }

  /** Stores committed state; the caller hands over the object (it is not used again by the batch). */
  set(key: string, row: Row | null): void {
    this.entries.delete(key);
    this.entries.set(key, row);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

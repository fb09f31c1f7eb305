/**
 * Committed rows kept between batches, so that the instances being worked on are not read back from
 * the database by every command. The engine is the only writer of its runtime tables, so the cache
 * is coherent: it is updated only after a batch commits. Bounded, so a hundred thousand waiting
 * instances stay in the store, not in memory.
 *
 * Two generations instead of an exact LRU list: rows are written to the young one; when it is full it
 * becomes the old one and the previous old one is dropped; a row read from the old generation moves back
 * to the young one. Every operation is a Map lookup or insert — an exact LRU re-inserted the row on every
 * read, and that Map churn was a tenth of the engine's CPU time.
 */
export class RowCache<Row> {
  private young = new Map<string, Row | null>();
  private old = new Map<string, Row | null>();
  private readonly generationSize: number;

  constructor(capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
  }

  /** A copy of the cached row (null: known absent; undefined: not cached). Batches mutate what they read. */
  get(key: string): Row | null | undefined {
    let entry = this.young.get(key);
    if (entry === undefined) {
      entry = this.old.get(key);
      if (entry === undefined) return undefined;
      // Left in the old generation too: the young entry shadows it until the old one is dropped.
      this.put(key, entry);
    }
    return entry === null ? null : copyOf(entry);
  }

  /** Stores committed state; the caller hands over the object (it is not used again by the batch). */
  set(key: string, row: Row | null): void {
    this.put(key, row);
  }

  private put(key: string, row: Row | null): void {
    this.young.set(key, row);
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  /** Entries held, counting a row in both generations twice; at most the capacity given. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}

/**
 * A deep copy of a cached row: plain objects, arrays and Maps of JSON values, which is all the rows hold.
 * structuredClone did the same at several times the cost (its serializer's set-up is paid per call).
 */
function copyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, copyOf(v)])) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copyOf((value as Record<string, unknown>)[key]);
  return out as T;
}

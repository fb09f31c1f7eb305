/**
 * Keys and record positions. Keys start where Zeebe's partition 1 starts, so they look like Zeebe
 * keys to clients; high-water marks are saved a block ahead (engine_meta) and restored at start.
 */
export const FIRST_KEY = 2251799813685249;

/** How far ahead keys and positions are saved; a restart skips what was left of the block. */
export const SEQUENCE_BLOCK = 100_000;

export class Sequence {
  constructor(private last: number) {}
  next(): number {
    return ++this.last;
  }
  get current(): number {
    return this.last;
  }
}

/**
 * Keys and record positions. Keys start where Zeebe's partition 1 starts, so they look like Zeebe
 * keys to clients; the high-water marks are saved with every batch and restored at start.
 */
export const FIRST_KEY = 2251799813685249;

export class Sequence {
  constructor(private last: number) {}
  next(): number {
    return ++this.last;
  }
  get current(): number {
    return this.last;
  }
}

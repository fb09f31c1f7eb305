/**
 * Finds the line of an element in the resource text by its id attribute, so that a problem found
 * in the parsed model can point the designer to the place in the file.
 */
export class XmlLineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** 1-based line of the element carrying id="…", or undefined when the id is not in the text. */
  lineOfElement(id: string | undefined): number | undefined {
    if (!id) return undefined;
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`\\sid\\s*=\\s*["']${escaped}["']`).exec(this.text);
    return match ? this.lineOf(match.index + 1) : undefined;
  }

  /** 1-based line of a character offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

/**
 * Line and column lookups in a resource's text, so that every problem can point into the file:
 * moddle objects do not remember where they were read, so elements are found by their id attribute.
 */
export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

const ID_ATTRIBUTE = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export class SourceLocations {
  private lineStarts: number[] | undefined;
  private tagOffsetById: Map<string, number> | undefined;

  constructor(private readonly text: string) {}

  positionOfOffset(offset: number): SourcePosition {
    const starts = this.lineStartOffsets();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - starts[low] + 1 };
  }

  /** Where the start tag of the element with this id begins (its first occurrence). */
  positionOfElement(id: string): SourcePosition | undefined {
    const offset = this.tagOffsets().get(id);
    return offset === undefined ? undefined : this.positionOfOffset(offset);
  }

  /** Where the document element starts: after the XML declaration, comments and doctype. */
  positionOfRootElement(): SourcePosition {
    const match = /<(?![?!])/.exec(this.text);
    return this.positionOfOffset(match ? match.index : 0);
  }

  private lineStartOffsets(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      // Line breaks as the XML parser counts them: \r\n, \r or \n.
      const breaks = /\r\n|\r|\n/g;
      for (let match = breaks.exec(this.text); match; match = breaks.exec(this.text)) {
        starts.push(match.index + match[0].length);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  private tagOffsets(): Map<string, number> {
    if (!this.tagOffsetById) {
      const offsets = new Map<string, number>();
      const pattern = new RegExp(ID_ATTRIBUTE.source, 'g');
      for (let match = pattern.exec(this.text); match; match = pattern.exec(this.text)) {
        const id = decodeXmlEntities(match[1] ?? match[2]);
        if (offsets.has(id)) continue;
        const tagStart = this.text.lastIndexOf('<', match.index);
        offsets.set(id, tagStart >= 0 ? tagStart : match.index);
      }
      this.tagOffsetById = offsets;
    }
    return this.tagOffsetById;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Attribute values as the parser hands them to moddle. */
function decodeXmlEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (entity, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name] ?? entity;
    const codePoint = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  });
}

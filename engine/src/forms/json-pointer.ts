/** RFC 6901 JSON pointers, as ajv reports instance paths and as submission errors name fields. */

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((segment) => '/' + escapePointerSegment(segment)).join('');
}

/** `''` → `[]`, `/materials/1/file` → `['materials', '1', 'file']`. */
export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer: it must be empty or start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Array indices in pointers are decimal without leading zeros (RFC 6901 §4). */
export function isArrayIndexSegment(segment: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(segment);
}

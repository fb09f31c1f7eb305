/** How a personal value is masked: what kind of value it is decides how much of it stays readable. */
export type PiiKind = 'id-card' | 'phone' | 'name' | 'other';

/** What every non-string personal value becomes: nothing about it, not even its type or length, stays. */
export const maskedNonString = '***';

// Visible characters at the start and end, chosen so a clerk can still tell records apart on a list:
// 110***********1234, 138****0000, 张**, ********1号.
const kept: Record<PiiKind, { head: number; tail: number }> = {
  'id-card': { head: 3, tail: 4 },
  phone: { head: 3, tail: 4 },
  name: { head: 1, tail: 0 },
  other: { head: 0, tail: 2 },
};

/**
 * A masked copy of one personal value: strings keep their length with only the kind's head and tail visible
 * (counted in characters, not UTF-16 units, so rare 姓 such as 𠮷 are not split); a string too short to hide
 * anything that way is masked entirely. null stays null — there is nothing in it to hide, and "***" would
 * claim a value was given.
 */
export function maskPiiValue(value: unknown, kind: PiiKind): unknown {
  if (value === null) return null;
  if (typeof value !== 'string') return maskedNonString;
  const characters = Array.from(value);
  const { head, tail } = kept[kind];
  if (characters.length <= head + tail) return '*'.repeat(characters.length);
  return (
    characters.slice(0, head).join('') +
    '*'.repeat(characters.length - head - tail) +
    characters.slice(characters.length - tail).join('')
  );
}

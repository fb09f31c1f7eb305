/** A Camunda `$like` pattern matching text that contains what the user typed (their `*` and `?` taken literally). */
export function containing(text: string): string {
  return `*${text.replace(/[\\*?]/g, (c) => `\\${c}`)}*`;
}

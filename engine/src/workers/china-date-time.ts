const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * An instant as ISO 8601 in China time with an explicit offset, e.g. `2026-10-26T17:30:00+08:00`, the form user
 * task due dates and timeDate timers take (on Zeebe too). Milliseconds appear only when there are some.
 */
export function formatChinaDateTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`${epochMs} is not a time (epoch milliseconds)`);
  const wall = new Date(epochMs + CHINA_OFFSET_MS).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ, read as China wall time
  const [withoutZone] = wall.split('Z');
  return `${withoutZone.endsWith('.000') ? withoutZone.slice(0, -4) : withoutZone}+08:00`;
}

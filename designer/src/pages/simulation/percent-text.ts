/** A share 0..1 (coverage, end events, deadline breaches) as a percentage with one decimal. */
export function percentText(share: number): string {
  if (!Number.isFinite(share)) throw new Error(`percentText: ${share} is not a share`);
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

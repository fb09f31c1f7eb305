/**
 * A yes/no draw that keeps the share of yeses as close to a target as whole numbers allow, at every count:
 * the seeds' headline figures (回访满意率 98%, 按时办结率 100%) are then what the demo data shows, however
 * few cases are seeded, instead of drifting with chance.
 */
export class QuotaDraw {
  private yes = 0;
  private total = 0;

  constructor(readonly target: number) {
    if (!(target >= 0 && target <= 1)) throw new Error(`a quota target is a share from 0 to 1, not ${target}`);
  }

  /** The next answer; `noAllowed: false` forces a yes (counted) where a no cannot happen. */
  next(noAllowed = true): boolean {
    const wanted = Math.round(this.target * (this.total + 1));
    const answer = this.yes < wanted || !noAllowed;
    this.total++;
    if (answer) this.yes++;
    return answer;
  }
}

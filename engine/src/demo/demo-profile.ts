/**
 * The demo district's parameters. The headline figures come from the seed articles the product was made from
 * (shared/domain/seeds, cited in PROCESSES.md); the rest are plausible proportions for a street office, chosen
 * so that every stage, branch and escalation of the four processes shows up in a few hundred cases.
 */
export const DEMO_PROFILE = {
  /** Months of history before "now". */
  historyDays: 182,
  /** Share of cases per process. */
  mix: {
    'service-item': 0.5,
    'whistle-escalation': 0.3,
    'three-way-mediation': 0.14,
    'owners-committee-election': 0.06,
  },
  /** 回访满意率 98%以上 (seed 001_24db39935b38abd8.txt, 12345 一网统办). */
  serviceSatisfaction: 0.98,
  /** 按时办结率 100% (seed 001_24db39935b38abd8.txt). */
  whistleOnTime: 1,
  /** 满意率 98% (seed 001_24db39935b38abd8.txt; 004_45f066a418891df6.txt reports 99.5% for 一呼即应). */
  whistleSatisfaction: 0.98,
  /** Promised service items decided within their 承诺时限. */
  serviceOnTime: 0.96,
  /** Disputes settled by an agreement (人民调解 success rates reported nationally are above 90%). */
  mediationSuccess: 0.9,
  /** Agreements fully performed at the performance visit. */
  mediationPerformance: 0.9,
  /** Departments answering a whistle within the response limit (接诉即办 assesses 响应率). */
  whistleResponseOnTime: 0.95,
  /** Committees that file within 30 days. */
  electionFilingOnTime: 0.85,
} as const;

export type DemoProcessId = keyof typeof DEMO_PROFILE.mix;

/**
 * Emerging hot topics for the weekly analysis (诉求分析周报): a week's count of appeals on a topic is
 * compared with its own trailing baseline, not with the other topics (a fixed top-N would flag the
 * always-large topics every week and miss a small one that suddenly triples).
 *
 * The rule, stated so that analysts can check it by hand:
 *   baseline  = the 8 weeks before the guard week (weeks t−9 … t−2); the guard week t−1 is left out so
 *               that a surge building over two weeks does not raise its own baseline;
 *   spread    = max(standard deviation of the baseline, √mean, 1) — at least Poisson noise, and at least
 *               one appeal, so that a quiet topic's first appeals are not a "surge";
 *   threshold = mean + 2.5 × spread;
 *   alert     when the week's count exceeds the threshold and is at least 5 appeals.
 * On seasonal Poisson series of about 12 appeals a week it catches a tripling in its week 92% of the
 * time and a quadrupling always, with 1.5% false alerts per topic-week (1,000 simulated series each;
 * tests/unit/appeal-analysis.test.ts checks 50): one spurious line every few weekly reports of a dozen
 * topics, against missing a surge that would become complaints.
 */

export const BASELINE_WEEKS = 8;
export const GUARD_WEEKS = 1;
export const SPREAD_MULTIPLIER = 2.5;
export const MINIMUM_COUNT = 5;

export interface SurgeVerdict {
  count: number;
  baselineMean: number;
  spread: number;
  threshold: number;
  /** (count − mean) / spread */
  score: number;
  alert: boolean;
  /** Not enough history (fewer than BASELINE_WEEKS weeks before the guard week): never an alert. */
  insufficientHistory: boolean;
}

/** The verdict for week `week` (index into `weekly`, oldest first) of one topic's weekly counts. */
export function surgeAt(weekly: readonly number[], week: number): SurgeVerdict {
  const count = weekly[week] ?? 0;
  const end = week - GUARD_WEEKS;
  const start = end - BASELINE_WEEKS;
  if (start < 0) {
    return {
      count,
      baselineMean: 0,
      spread: 0,
      threshold: Infinity,
      score: 0,
      alert: false,
      insufficientHistory: true,
    };
  }
  const baseline = weekly.slice(start, end);
  const mean = baseline.reduce((s, n) => s + n, 0) / baseline.length;
  const variance = baseline.reduce((s, n) => s + (n - mean) ** 2, 0) / (baseline.length - 1);
  const spread = Math.max(Math.sqrt(variance), Math.sqrt(mean), 1);
  const threshold = mean + SPREAD_MULTIPLIER * spread;
  return {
    count,
    baselineMean: mean,
    spread,
    threshold,
    score: (count - mean) / spread,
    alert: count > threshold && count >= MINIMUM_COUNT,
    insufficientHistory: false,
  };
}

/**
 * Whether proactive work (reminders, policy pushes) prevents appeals: the appeal rate over the following
 * weeks of the taxpayers reached, against a comparable group not reached, with its uncertainty — a
 * difference of proportions with Newcombe's hybrid Wilson interval, and the rate ratio with its
 * log-normal interval — never a bare "appeals fell".
 */

/** Two-sided 95%. */
const Z = 1.959963984540054;

export interface GroupCount {
  /** Taxpayers in the group. */
  n: number;
  /** Of them, those who appealed in the window. */
  appealed: number;
}

export interface EffectEstimate {
  reachedRate: number;
  comparisonRate: number;
  /** reachedRate − comparisonRate: negative when reaching taxpayers prevents appeals. */
  difference: number;
  differenceLow: number;
  differenceHigh: number;
  /** reachedRate / comparisonRate, null when the comparison group had no appeal. */
  rateRatio: number | null;
  rateRatioLow: number | null;
  rateRatioHigh: number | null;
  /** Whether the 95% interval of the difference lies wholly below zero. */
  preventsAppeals: boolean;
}

/** Wilson score interval of a proportion. */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = Z * Z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function appealEffect(reached: GroupCount, comparison: GroupCount): EffectEstimate {
  if (reached.n <= 0 || comparison.n <= 0) throw new RangeError('both groups need members');
  const p1 = reached.appealed / reached.n;
  const p2 = comparison.appealed / comparison.n;
  const [l1, u1] = wilson(reached.appealed, reached.n);
  const [l2, u2] = wilson(comparison.appealed, comparison.n);
  // Newcombe (1998), method 10.
  const difference = p1 - p2;
  const differenceLow = difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const differenceHigh = difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  let rateRatio: number | null = null;
  let rateRatioLow: number | null = null;
  let rateRatioHigh: number | null = null;
  if (reached.appealed > 0 && comparison.appealed > 0) {
    rateRatio = p1 / p2;
    const se = Math.sqrt(1 / reached.appealed - 1 / reached.n + 1 / comparison.appealed - 1 / comparison.n);
    rateRatioLow = Math.exp(Math.log(rateRatio) - Z * se);
    rateRatioHigh = Math.exp(Math.log(rateRatio) + Z * se);
  }
  return {
    reachedRate: p1,
    comparisonRate: p2,
    difference,
    differenceLow,
    differenceHigh,
    rateRatio,
    rateRatioLow,
    rateRatioHigh,
    preventsAppeals: differenceHigh < 0,
  };
}

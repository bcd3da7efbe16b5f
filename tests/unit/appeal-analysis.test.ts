// The weekly analysis's surge rule and the effect measure of proactive work, on synthetic data whose
// truth is known: a planted surge is caught in its week and a control series raises no alert; a
// population where reaching taxpayers truly cuts appeals from 6% to 4% is measured with an interval that
// holds the truth, and one with no effect is not called an effect.
import { describe, expect, it } from 'vitest';
import { appealEffect, wilson } from '../../subgraphs/tax/appeals/effect.js';
import { surgeAt } from '../../subgraphs/tax/appeals/surge.js';
import { Rng } from '../../subgraphs/shared/demo-world/random.js';

/** A Poisson draw (Knuth). */
function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.float();
  while (p > limit) {
    k++;
    p *= rng.float();
  }
  return k;
}

/** 52 weeks around `mean` with a yearly season (± 30%), optionally a surge of `factor` in one week. */
function series(rng: Rng, mean: number, surge?: { week: number; factor: number }): number[] {
  return Array.from({ length: 52 }, (_, w) => {
    const seasonal = mean * (1 + 0.3 * Math.sin((2 * Math.PI * w) / 52));
    return poisson(rng, surge && w === surge.week ? seasonal * surge.factor : seasonal);
  });
}

describe('the surge rule', () => {
  it('catches a planted surge in its week: most triplings, nearly every quadrupling', () => {
    const caught = (factor: number) => {
      let n = 0;
      for (let seed = 0; seed < 50; seed++) {
        const weekly = series(new Rng(`surge-${factor}-${seed}`), 12, { week: 30, factor });
        if (surgeAt(weekly, 30).alert) n++;
      }
      return n;
    };
    expect(caught(3)).toBeGreaterThanOrEqual(40);
    expect(caught(4)).toBeGreaterThanOrEqual(49);
  });

  it('raises almost no alert on control series without a surge', () => {
    let alerts = 0;
    let weeks = 0;
    for (let seed = 0; seed < 50; seed++) {
      const weekly = series(new Rng(`control-${seed}`), 12);
      for (let w = 10; w < 52; w++, weeks++) if (surgeAt(weekly, w).alert) alerts++;
    }
    // 2,100 topic-weeks: a false-alarm rate under 2.5%.
    expect(alerts / weeks).toBeLessThan(0.025);
  });

  it('states its figures, needs history, and ignores a few appeals on a quiet topic', () => {
    const weekly = [2, 3, 2, 4, 3, 2, 3, 3, 9, 14];
    const verdict = surgeAt(weekly, 9);
    expect(verdict.baselineMean).toBeCloseTo(2.75);
    expect(verdict.threshold).toBeCloseTo(2.75 + 2.5 * Math.sqrt(2.75));
    expect(verdict.alert).toBe(true);
    expect(surgeAt(weekly, 5)).toMatchObject({ insufficientHistory: true, alert: false });
    expect(surgeAt([0, 0, 0, 0, 0, 0, 0, 0, 0, 4], 9).alert).toBe(false); // under the minimum of 5
  });
});

describe('the effect of proactive work', () => {
  /** Simulates appeals of n reached and n not reached taxpayers with the given true rates. */
  function population(seed: string, n: number, reachedRate: number, comparisonRate: number) {
    const rng = new Rng(seed);
    const count = (rate: number) => Array.from({ length: n }).filter(() => rng.chance(rate)).length;
    return appealEffect({ n, appealed: count(reachedRate) }, { n, appealed: count(comparisonRate) });
  }

  it('measures a true cut from 6% to 4% with an interval that holds it', () => {
    let covered = 0;
    for (let seed = 0; seed < 40; seed++) {
      const e = population(`effect-${seed}`, 5000, 0.04, 0.06);
      if (e.differenceLow <= -0.02 && -0.02 <= e.differenceHigh) covered++;
      expect(e.preventsAppeals).toBe(true);
      expect(e.rateRatioHigh!).toBeLessThan(1);
    }
    // A 95% interval: about 38 of 40 hold the truth.
    expect(covered).toBeGreaterThanOrEqual(35);
  });

  it('does not call a difference an effect when there is none', () => {
    let claimed = 0;
    for (let seed = 0; seed < 40; seed++)
      if (population(`none-${seed}`, 2000, 0.05, 0.05).preventsAppeals) claimed++;
    expect(claimed).toBeLessThanOrEqual(3);
  });

  it('gives Wilson intervals that stay within [0, 1] and a null ratio without comparison appeals', () => {
    expect(wilson(0, 20)[0]).toBe(0);
    expect(wilson(20, 20)[1]).toBe(1);
    expect(appealEffect({ n: 100, appealed: 1 }, { n: 100, appealed: 0 }).rateRatio).toBeNull();
    expect(() => appealEffect({ n: 0, appealed: 0 }, { n: 10, appealed: 1 })).toThrow(RangeError);
  });
});

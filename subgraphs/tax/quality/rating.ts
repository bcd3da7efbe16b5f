/**
 * The rules of the monitoring, pure so that they are tested on their own: how a value is rated against
 * its indicator's thresholds, which thresholds are consistent, how ratings add up to a composite score,
 * and the months (YYYY-MM) values belong to.
 */
import { badInput } from '../../../core/errors.js';
import type { IndicatorDirection, IndicatorUnit, QualityIndicator } from '../entities/index.js';

export const qualityRatings = ['GREEN', 'AMBER', 'RED'] as const;
export type QualityRating = (typeof qualityRatings)[number];

type Thresholds = Pick<QualityIndicator, 'direction' | 'amberThreshold' | 'redThreshold'>;

/**
 * GREEN, AMBER or RED. Where higher is better a value below the red threshold is RED and below the amber
 * threshold AMBER; where lower is better a value above red is RED and above amber AMBER. A value exactly
 * at a threshold has not breached it.
 */
export function rate(indicator: Thresholds, value: number): QualityRating {
  const { amberThreshold: amber, redThreshold: red } = indicator;
  if (amber == null || red == null) return 'GREEN';
  if (indicator.direction === 'HIGHER_IS_BETTER')
    return value < red ? 'RED' : value < amber ? 'AMBER' : 'GREEN';
  return value > red ? 'RED' : value > amber ? 'AMBER' : 'GREEN';
}

/** Most digits after the point a value or threshold keeps (the columns' scale). */
export const VALUE_SCALE = 4;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
export const roundValue = (value: number) => round(value, VALUE_SCALE);

/** Checks a value for its unit: finite, not negative, a percentage at most 100, a count whole. */
export function assertValue(unit: IndicatorUnit, value: number, argument: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 1e9)
    throw badInput(`指标值须为 0 至 10 亿之间的数 (a value must be a number from 0 to 1e9)`, argument);
  if (unit === 'PERCENT' && value > 100)
    throw badInput(`百分比指标值不能超过 100 (a percentage cannot exceed 100)`, argument);
  if (unit === 'COUNT' && !Number.isInteger(value))
    throw badInput(`件数指标值须为整数 (a count must be a whole number)`, argument);
  return roundValue(value);
}

/**
 * Consistent thresholds: the amber threshold warns before the red one, so where higher is better amber is
 * above red and where lower is better below it; percentages stay within 0–100.
 */
export function assertThresholds(
  direction: IndicatorDirection,
  unit: IndicatorUnit,
  amber: number,
  red: number,
): { amber: number; red: number } {
  for (const [value, argument] of [
    [amber, 'input.amberThreshold'],
    [red, 'input.redThreshold'],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value > 1e9)
      throw badInput('阈值须为 0 至 10 亿之间的数 (a threshold must be a number from 0 to 1e9)', argument);
    if (unit === 'PERCENT' && value > 100)
      throw badInput('百分比阈值不能超过 100 (a percentage threshold cannot exceed 100)', argument);
  }
  if (direction === 'HIGHER_IS_BETTER' && !(amber > red))
    throw badInput(
      '越高越好的指标，黄色预警阈值须高于红色阈值 (higher is better: the amber threshold must be above the red one)',
      'input.amberThreshold',
    );
  if (direction === 'LOWER_IS_BETTER' && !(amber < red))
    throw badInput(
      '越低越好的指标，黄色预警阈值须低于红色阈值 (lower is better: the amber threshold must be below the red one)',
      'input.amberThreshold',
    );
  return { amber: roundValue(amber), red: roundValue(red) };
}

/** Points of a rating in the composite score (综合得分). */
export const ratingPoints: Record<QualityRating, number> = { GREEN: 100, AMBER: 60, RED: 0 };

/**
 * The weighted mean of the points of the rated items, over the weights of the items that have a rating:
 * an area without values does not pull its unit down. Null when nothing is rated.
 */
export function compositeScore(items: readonly { weight: number; points: number | null }[]): number | null {
  const rated = items.filter((i): i is { weight: number; points: number } => i.points !== null);
  const weight = rated.reduce((s, i) => s + i.weight, 0);
  if (weight === 0) return null;
  return round(rated.reduce((s, i) => s + i.weight * i.points, 0) / weight, 2);
}

/**
 * The composite score of some values: each area scores the weighted points of its indicators' ratings,
 * and the whole the weighted scores of its areas.
 */
export function scoreOf(
  ratings: readonly { indicator: Pick<QualityIndicator, 'parentCode' | 'weight'>; rating: QualityRating }[],
  areas: readonly Pick<QualityIndicator, 'code' | 'weight'>[],
): { score: number | null; byArea: Map<string, number | null> } {
  const byArea = new Map<string, number | null>();
  for (const area of areas) {
    byArea.set(
      area.code,
      compositeScore(
        ratings
          .filter((r) => r.indicator.parentCode === area.code)
          .map((r) => ({ weight: r.indicator.weight, points: ratingPoints[r.rating] })),
      ),
    );
  }
  const score = compositeScore(areas.map((a) => ({ weight: a.weight, points: byArea.get(a.code) ?? null })));
  return { score, byArea };
}

/** Months as YYYY-MM. */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** The month it is in Bazhong. */
export function currentPeriod(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 7);
}

/** A month index (year × 12 + month − 1) of a YYYY-MM period. */
export const monthIndex = (period: string) =>
  Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
export const periodOfIndex = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Checks a YYYY-MM month, from 2000 and not after the current month. */
export function assertPeriod(period: string, argument: string, now: Date = new Date()): string {
  if (!PERIOD.test(period) || Number(period.slice(0, 4)) < 2000)
    throw badInput(`月份须为 YYYY-MM，收到 ${period} (a month must be YYYY-MM)`, argument);
  if (period > currentPeriod(now))
    throw badInput(`不能为未来月份 ${period} 记录或计算指标 (${period} is in the future)`, argument);
  return period;
}

/** The first and last day (YYYY-MM-DD) of a month. */
export function daysOfPeriod(period: string): { from: string; to: string } {
  const [year, month] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

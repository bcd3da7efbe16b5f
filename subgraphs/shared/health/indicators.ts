import type { Agency } from '../../../core/identity.js';

/**
 * The indicators of a tax health-check report (税费健康体检报告): each agency's subgraph computes its own
 * from its own records and serves them on `Enterprise.<agency>HealthIndicators`; the tax subgraph's
 * report builder gathers them through the gateway and keeps a snapshot of each in an issued report.
 */

export const healthRatings = ['GREEN', 'AMBER', 'RED'] as const;
export type HealthRating = (typeof healthRatings)[number];

/** How a value is rated: at or past `amber` it is AMBER, at or past `red` RED, in the direction given. */
export interface HealthRule {
  amber: number;
  red: number;
  /** true: larger values are worse (arrears); false: smaller values are worse (filing timeliness). */
  higherIsWorse: boolean;
}

export interface HealthIndicator {
  /** Stable code, e.g. SI_ARREARS; recommendations and charts key on it. */
  code: string;
  /** What users read, in Chinese with English: 社保费欠费 (social-insurance arrears). */
  name: string;
  sourceAgency: Agency;
  value: number;
  /** 元, %, 件, 次, 人 */
  unit: string;
  amberThreshold: number;
  redThreshold: number;
  higherIsWorse: boolean;
  rating: HealthRating;
  /** When the source agency computed the value (its records as of then). */
  asOf: Date;
  /** One sentence in Chinese on what the value rests on, e.g. 2026-09 至 2026-11 欠缴 3 期. */
  note: string | null;
}

export function rate(value: number, rule: HealthRule): HealthRating {
  const past = (threshold: number) => (rule.higherIsWorse ? value >= threshold : value <= threshold);
  if (past(rule.red)) return 'RED';
  if (past(rule.amber)) return 'AMBER';
  return 'GREEN';
}

/** An indicator from a value and its rule: the one way every subgraph builds its indicators. */
export function indicator(
  fields: { code: string; name: string; sourceAgency: Agency; unit: string; note?: string | null },
  value: number,
  rule: HealthRule,
  asOf: Date,
): HealthIndicator {
  return {
    code: fields.code,
    name: fields.name,
    sourceAgency: fields.sourceAgency,
    value,
    unit: fields.unit,
    amberThreshold: rule.amber,
    redThreshold: rule.red,
    higherIsWorse: rule.higherIsWorse,
    rating: rate(value, rule),
    asOf,
    note: fields.note ?? null,
  };
}

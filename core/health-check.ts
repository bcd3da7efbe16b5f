/**
 * A tax health-check report (税费健康体检报告) as the gateway reads it through the graph for its printable
 * page: the JSON shape of `healthCheckReport(id)` with the fields the page shows.
 */
export type HealthRating = 'GREEN' | 'AMBER' | 'RED';
export type HealthGrade = 'A' | 'B' | 'C' | 'D';

export interface HealthIndicatorView {
  code: string;
  name: string;
  /** Upper case as GraphQL serves it: TAX, HRSS, MEDICAL_INSURANCE, COURT, ... */
  sourceAgency: Uppercase<string>;
  value: number;
  unit: string;
  amberThreshold: number;
  redThreshold: number;
  higherIsWorse: boolean;
  rating: HealthRating;
  /** ISO date-time. */
  asOf: string;
  note: string | null;
}

export interface HealthRecommendationView {
  /** The indicator it answers, or null for a general one. */
  indicatorCode: string | null;
  /** What to do, in Chinese. */
  text: string;
  /** The policy or guide it names, e.g. 《社会保险费征缴暂行条例》. */
  policy: string;
}

export interface HealthCheckReportView {
  id: string;
  /** 巴税体检〔2026〕三季度 0001 号 */
  reportNumber: string;
  /** 2026-Q3 */
  period: string;
  enterprise: { creditCode: string; name: string; district: string; industry: string };
  grade: HealthGrade;
  /** One paragraph in Chinese. */
  summary: string;
  indicators: HealthIndicatorView[];
  recommendations: HealthRecommendationView[];
  /** ISO date-time. */
  issuedAt: string;
  issuerName: string;
  /** SHA-256 of the canonical snapshot, lowercase hex. */
  contentHash: string;
}

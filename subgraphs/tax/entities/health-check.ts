import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { HealthIndicator } from '../../shared/health/indicators.js';

export const healthGrades = ['A', 'B', 'C', 'D'] as const;
export type HealthGrade = (typeof healthGrades)[number];

/** A recommendation of a report: what to do, and the policy or guide it names. */
export interface HealthRecommendation {
  indicatorCode: string | null;
  text: string;
  policy: string;
}

/** What an issued report froze: every indicator with its source and time, and the recommendations. */
export interface HealthSnapshot {
  enterprise: { creditCode: string; name: string; district: string; industry: string };
  indicators: (Omit<HealthIndicator, 'asOf'> & { asOf: string })[];
  recommendations: HealthRecommendation[];
}

/**
 * 税费健康体检报告 (an issued tax health-check report). Immutable once written: the snapshot holds every
 * indicator as the source agency gave it at issue time, and `contentHash` is the SHA-256 of the snapshot's
 * canonical JSON with the grade, period and report number, so a later change in any agency's data shows
 * in the next report and can be seen never to have touched this one. A database trigger refuses updates.
 */
export const HealthCheckReportSchema = defineEntity({
  name: 'HealthCheckReport',
  tableName: 'health_check_report',
  properties: {
    id: p.uuid().primary(),
    /** 巴税体检〔2026〕Q3-0001号 */
    reportNumber: p.string().length(40).unique(),
    creditCode: p.string().length(18),
    /** YYYY-Qn */
    period: p.string().length(7),
    /** 1 for the period's first report of this enterprise, then 2, 3 … when issued again. */
    revision: p.integer(),
    grade: p.enum([...healthGrades]),
    summary: p.text(),
    snapshot: p.json<HealthSnapshot>(),
    contentHash: p.string().length(64),
    issuedAt: p.datetime(),
    issuerSubject: p.string().length(255),
    issuerName: p.text(),
    /** The batch it was issued in (all large enterprises at once), or null. */
    batchId: p.uuid().nullable().index(),
  },
  uniques: [{ properties: ['creditCode', 'period', 'revision'] }],
  indexes: [{ properties: ['creditCode', 'issuedAt'] }],
});
export type HealthCheckReport = InferEntity<typeof HealthCheckReportSchema>;

/**
 * One issuing request (one enterprise or all large enterprises), keyed by the client's idempotency key:
 * a repeat returns the reports already issued instead of issuing again.
 */
export const HealthCheckBatchSchema = defineEntity({
  name: 'HealthCheckBatch',
  tableName: 'health_check_batch',
  properties: {
    id: p.uuid().primary(),
    period: p.string().length(7),
    /** Credit codes asked for, in order. */
    creditCodes: p.array().$type<string[]>(),
    issuerSubject: p.string().length(255),
    issuedAt: p.datetime(),
    reportCount: p.integer(),
    idempotencyKey: p.string().length(100).unique(),
  },
});
export type HealthCheckBatch = InferEntity<typeof HealthCheckBatchSchema>;

/** The last report number given per period (巴税体检〔2026〕Q3-NNNN号), taken under a row lock. */
export const HealthCheckCounterSchema = defineEntity({
  name: 'HealthCheckCounter',
  tableName: 'health_check_counter',
  properties: {
    period: p.string().length(7).primary(),
    last: p.integer(),
  },
});
export type HealthCheckCounter = InferEntity<typeof HealthCheckCounterSchema>;

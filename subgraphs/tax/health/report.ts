import { createHash, randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hubError } from '../../../core/errors.js';
import type { HealthIndicator } from '../../shared/health/indicators.js';
import {
  EnterpriseSchema,
  HealthCheckBatchSchema,
  HealthCheckReportSchema,
  type Enterprise,
  type HealthCheckBatch,
  type HealthCheckReport,
  type HealthSnapshot,
} from '../entities/index.js';
import { gradeOf, periodLabel, recommendationsFor, summaryOf } from './grading.js';
import { taxIndicatorsOf } from './indicators.js';

/**
 * Issuing health-check reports: the tax bureau's own indicators from its records, every other agency's
 * through the graph (`IndicatorSource`), graded, recommended on, frozen in a snapshot and hashed. One
 * enterprise or all large enterprises cost the same handful of statements and gateway requests.
 */

/** Other agencies' indicators of these enterprises, as their subgraphs compute them now. */
export type IndicatorSource = (creditCodes: readonly string[]) => Promise<Map<string, HealthIndicator[]>>;

export const PERIOD = /^(\d{4})-Q([1-4])$/;

/** JSON with object keys sorted at every level: the same content always gives the same text and hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What the content hash covers: everything a reader of the report sees, not when or by whom it was stored. */
export function contentHashOf(
  report: Pick<
    HealthCheckReport,
    'reportNumber' | 'creditCode' | 'period' | 'revision' | 'grade' | 'summary' | 'snapshot'
  >,
): string {
  const { reportNumber, creditCode, period, revision, grade, summary, snapshot } = report;
  return createHash('sha256')
    .update(canonicalJson({ reportNumber, creditCode, period, revision, grade, summary, snapshot }))
    .digest('hex');
}

/** The graded content of a report for one enterprise from all its indicators (report order kept). */
export function composeReport(enterprise: Enterprise, period: string, indicators: HealthIndicator[]) {
  const grade = gradeOf(indicators);
  const snapshot: HealthSnapshot = {
    enterprise: {
      creditCode: enterprise.creditCode,
      name: enterprise.name,
      district: enterprise.district,
      industry: enterprise.industry,
    },
    indicators: indicators.map((i) => ({ ...i, asOf: i.asOf.toISOString() })),
    recommendations: recommendationsFor(indicators),
  };
  return { grade, summary: summaryOf(enterprise, periodLabel(period), indicators, grade), snapshot };
}

export const reportNumberOf = (period: string, n: number) =>
  `巴税体检〔${period.slice(0, 4)}〕${period.slice(5)}-${String(n).padStart(4, '0')}号`;

export interface IssueRequest {
  creditCodes: readonly string[];
  period: string;
  issuer: { subject: string; name: string };
  idempotencyKey: string;
  /** Where the other agencies' indicators come from (the gateway, under the caller's onward assertion). */
  source: IndicatorSource;
}

/**
 * Issues one report per enterprise for the period. A repeat under the same key returns the batch already
 * issued and writes nothing. Reports of an enterprise already issued for the period stay as they were: a
 * new one is the next revision. Statements: the key, the enterprises, four tax aggregates, then in one
 * transaction the period's counter, the revisions so far, the reports and the batch.
 */
export async function issueReports(
  em: EntityManager,
  request: IssueRequest,
): Promise<{ batch: HealthCheckBatch; reports: HealthCheckReport[]; repeated: boolean }> {
  const earlier = await em.findOne(HealthCheckBatchSchema, { idempotencyKey: request.idempotencyKey });
  if (earlier) return { ...(await batchReports(em, earlier, request)), repeated: true };

  const enterprises = await em.find(EnterpriseSchema, { creditCode: { $in: [...request.creditCodes] } });
  const byCode = new Map(enterprises.map((e) => [e.creditCode, e]));
  const missing = request.creditCodes.filter((c) => !byCode.has(c));
  if (missing.length) {
    throw hubError('NOT_FOUND', `查无此企业 ${missing.slice(0, 3).join('、')} (no such enterprise)`);
  }
  const ordered = request.creditCodes.map((c) => byCode.get(c)!);
  const [own, others] = await Promise.all([
    taxIndicatorsOf(em, ordered),
    request.source(request.creditCodes),
  ]);

  try {
    return await writeReports(em, request, ordered, own, others);
  } catch (error) {
    // The same request submitted twice at once: the key's unique index let one batch in.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const fresh = em.fork() as EntityManager;
    const winner = await fresh.findOne(HealthCheckBatchSchema, { idempotencyKey: request.idempotencyKey });
    if (!winner) throw error;
    return { ...(await batchReports(fresh, winner, request)), repeated: true };
  }
}

function writeReports(
  em: EntityManager,
  request: IssueRequest,
  ordered: Enterprise[],
  own: Map<string, HealthIndicator[]>,
  others: Map<string, HealthIndicator[]>,
): Promise<{ batch: HealthCheckBatch; reports: HealthCheckReport[]; repeated: boolean }> {
  return em.transactional(async (tx) => {
    const db = tx.getConnection();
    const context = tx.getTransactionContext();
    const n = ordered.length;
    // The period's numbers, taken as one block under the counter row's lock until commit.
    const counted = await db.execute<{ last: number }[]>(
      `insert into health_check_counter (period, last) values (?, ?)
         on conflict (period) do update set last = health_check_counter.last + excluded.last returning last`,
      [request.period, n],
      'all',
      context,
    );
    const first = counted[0]!.last - n + 1;
    const revisions = await db.execute<{ credit_code: string; revision: number }[]>(
      `select credit_code, max(revision)::int as revision from health_check_report
        where period = ? and credit_code in (?) group by credit_code`,
      [request.period, [...request.creditCodes]],
      'all',
      context,
    );
    const revisionOf = new Map(revisions.map((r) => [r.credit_code, r.revision]));
    const batchId = randomUUID();
    const issuedAt = new Date();
    const reports: HealthCheckReport[] = ordered.map((enterprise, k) => {
      const indicators = [...own.get(enterprise.creditCode)!, ...(others.get(enterprise.creditCode) ?? [])];
      const content = composeReport(enterprise, request.period, indicators);
      const report = {
        id: randomUUID(),
        reportNumber: reportNumberOf(request.period, first + k),
        creditCode: enterprise.creditCode,
        period: request.period,
        revision: (revisionOf.get(enterprise.creditCode) ?? 0) + 1,
        ...content,
        issuedAt,
        issuerSubject: request.issuer.subject,
        issuerName: request.issuer.name,
        batchId,
        contentHash: '',
      };
      report.contentHash = contentHashOf(report);
      return report;
    });
    await tx.insertMany(HealthCheckReportSchema, reports);
    const batch: HealthCheckBatch = {
      id: batchId,
      period: request.period,
      creditCodes: [...request.creditCodes],
      issuerSubject: request.issuer.subject,
      issuedAt,
      reportCount: reports.length,
      idempotencyKey: request.idempotencyKey,
    };
    await tx.insert(HealthCheckBatchSchema, batch);
    return { batch, reports, repeated: false };
  });
}

async function batchReports(em: EntityManager, batch: HealthCheckBatch, request: IssueRequest) {
  if (batch.period !== request.period || batch.creditCodes.join() !== request.creditCodes.join()) {
    throw hubError(
      'IDEMPOTENCY_KEY_REUSED',
      '该幂等键已用于另一次签发 (the idempotency key was used for another issue)',
      { argument: 'input.idempotencyKey' },
    );
  }
  const reports = await em.find(
    HealthCheckReportSchema,
    { batchId: batch.id },
    { orderBy: { reportNumber: 'asc' } },
  );
  return { batch, reports };
}

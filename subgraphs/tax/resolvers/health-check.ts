import { badInput, hubError, notFound } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import { assertCreditCode, assertIdempotencyKey } from '../../shared/validation.js';
import {
  EnterpriseSchema,
  type HealthCheckBatch as HealthCheckBatchEntity,
  type HealthCheckReport as ReportEntity,
} from '../entities/index.js';
import { gradeLabels } from '../health/grading.js';
import { issueReports, PERIOD } from '../health/report.js';
import { gatewaySource } from '../health/sources.js';
import { serviceRoleOf } from '../service-account/access.js';
import type {
  HealthCheckBatchResolvers,
  HealthCheckReportResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/resolvers-types.js';
import type { TaxContext, TaxLoaders } from '../loaders.js';

/**
 * Tax health-check reports (税费健康体检报告): issuing (a liaison for an assigned enterprise, the team lead
 * for all large enterprises), and reading, which only the enterprise's assigned liaisons and its own
 * contact may do.
 */

/** Whether the viewer may read this enterprise's reports: the service account's readers (its liaisons, its own contact). */
const mayRead = async (viewer: Identity | null, creditCode: string, loaders: TaxLoaders) =>
  (await serviceRoleOf(viewer, creditCode, loaders)) !== null;

const forbidden = () =>
  hubError(
    'FORBIDDEN',
    '体检报告仅限该企业的联络员和企业本身查看 (only the enterprise’s liaisons and the enterprise itself may read its reports)',
  );

export async function assertMayRead(viewer: Identity | null, creditCode: string, loaders: TaxLoaders) {
  if (!(await mayRead(viewer, creditCode, loaders))) throw forbidden();
}

/** YYYY-Qn, not after the current quarter. */
function assertPeriod(period: string): string {
  const match = PERIOD.exec(period);
  const now = new Date();
  const current = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
  if (!match || Number(match[1]) * 4 + Number(match[2]) - 1 > current || Number(match[1]) < 2020) {
    throw badInput(
      `期间须为 YYYY-Qn 且不晚于本季度 (a period YYYY-Qn, not after this quarter): ${period}`,
      'input.period',
    );
  }
  return period;
}

/** The gateway's onward assertion lets the report builder read the other agencies as this caller. */
function sourceFor(context: TaxContext, purpose: string) {
  if (!context.gateway) {
    throw hubError('FORBIDDEN', '签发报告须经网关提交 (reports are issued through the gateway only)');
  }
  return gatewaySource(context.gateway, purpose);
}

export const healthCheckQueries: Pick<QueryResolvers, 'healthCheckReport'> = {
  healthCheckReport: async (_parent, { id }, { loaders, viewer }) => {
    const report = /^[0-9a-f-]{36}$/i.test(id) ? await loaders.healthCheckReport.load(id) : null;
    if (!report) throw notFound(`查无此报告 ${id} (no such report)`);
    await assertMayRead(viewer, report.creditCode, loaders);
    return report;
  },
};

export const healthCheckMutations: Pick<
  MutationResolvers,
  'issueHealthCheckReport' | 'issueHealthCheckReports'
> = {
  issueHealthCheckReport: async (_parent, { input }, context) => {
    const { viewer, loaders, em } = context;
    assertCreditCode(input.creditCode);
    const period = assertPeriod(input.period);
    if (!viewer?.roles.includes('liaison') || !(await mayRead(viewer, input.creditCode, loaders))) {
      throw hubError(
        'FORBIDDEN',
        '仅分配给该企业的联络员可签发体检报告 (only a liaison assigned to the enterprise issues its report)',
      );
    }
    const { reports } = await issueReports(em, {
      creditCodes: [input.creditCode],
      period,
      issuer: viewer,
      idempotencyKey: assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', 100),
      source: sourceFor(context, `health-check:${period}:${input.creditCode}`),
    });
    return reports[0]!;
  },

  issueHealthCheckReports: async (_parent, { input }, context) => {
    const { viewer, em } = context;
    if (!viewer || viewer.agency !== 'tax' || !viewer.scopes.includes('reports:issue')) {
      throw hubError(
        'FORBIDDEN',
        '批量签发须持 reports:issue 授权 (issuing for all needs the reports:issue scope)',
      );
    }
    const period = assertPeriod(input.period);
    const large = await em.find(
      EnterpriseSchema,
      { isLargeEnterprise: true },
      { fields: ['creditCode'], orderBy: { creditCode: 'asc' } },
    );
    const { batch, reports, repeated } = await issueReports(em, {
      creditCodes: large.map((e) => e.creditCode),
      period,
      issuer: viewer,
      idempotencyKey: assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', 100),
      source: sourceFor(context, `health-check:${period}:all`),
    });
    return { ...batch, reports, repeated };
  },
};

export const HealthCheckReport: HealthCheckReportResolvers = {
  enterpriseName: (report) => report.snapshot.enterprise.name,
  enterpriseDistrict: (report) => report.snapshot.enterprise.district as never,
  enterpriseIndustry: (report) => report.snapshot.enterprise.industry as never,
  gradeLabel: (report) => gradeLabels[report.grade],
  indicators: (report) => report.snapshot.indicators.map((i) => ({ ...i, asOf: new Date(i.asOf) })),
  recommendations: (report) => report.snapshot.recommendations,
  htmlPath: (report) => `/reports/health-check/${report.id}`,
};

/** A batch as issued: its row, the reports it holds (for the counts only) and whether it was a repeat. */
export type HealthCheckBatchParent = HealthCheckBatchEntity & { reports: ReportEntity[]; repeated: boolean };

export const HealthCheckBatch: HealthCheckBatchResolvers = {
  gradeCounts: ({ reports }) =>
    (['A', 'B', 'C', 'D'] as const).map((grade) => ({
      grade,
      count: reports.filter((r) => r.grade === grade).length,
    })),
};

import { badInput } from '../../../core/errors.js';
import { assertIdempotencyKey, textInput } from '../../shared/validation.js';
import { assertActingRole, assertTaxStaff } from '../appeals/access.js';
import { generateAnalysis, type AnalysisContent } from '../appeals/analysis.js';
import { changeGuide, draftGuide } from '../appeals/guides.js';
import {
  AppealAnalysisReportSchema,
  GovernanceGuideSchema,
  type AppealAnalysisReport as ReportRow,
} from '../entities/index.js';
import type {
  GovernanceGuideResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/resolvers-types.js';

/** A report as served: its row with the generated content's figures beside it. */
export type AppealAnalysisView = Omit<ReportRow, 'content'> & AnalysisContent;
export const viewOf = ({ content, ...row }: ReportRow): AppealAnalysisView => ({ ...row, ...content });

export const GovernanceGuide: GovernanceGuideResolvers = {
  sourceReport: async (guide, _args, { loaders }) => {
    if (!guide.sourceReportId) return null;
    const report = await loaders.appealAnalysisReport.load(guide.sourceReportId);
    return report ? viewOf(report) : null;
  },
};

export const appealAnalysisQueries: Pick<
  QueryResolvers,
  'appealAnalysisReport' | 'appealAnalysisReports' | 'governanceGuides'
> = {
  appealAnalysisReport: async (_parent, { kind, periodStart }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const report = await em.findOne(
      AppealAnalysisReportSchema,
      { kind, periodStart },
      { orderBy: { revision: 'desc' } },
    );
    return report ? viewOf(report) : null;
  },
  appealAnalysisReports: async (_parent, { kind, last }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const count = last ?? 12;
    if (!Number.isInteger(count) || count < 1 || count > 104)
      throw badInput('last 须为 1–104 (last must be between 1 and 104)', 'last');
    // The latest revision of each of the newest periods: one statement.
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `select distinct on (period_start) id from appeal_analysis_report where kind = ?
          order by period_start desc, revision desc limit ?`,
      [kind, count],
    );
    const reports = await em.find(
      AppealAnalysisReportSchema,
      { id: { $in: rows.map((r) => r.id) } },
      { orderBy: { periodStart: 'desc' } },
    );
    return reports.map(viewOf);
  },
  governanceGuides: (_parent, { topic, status, publishedTo }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const where: Record<string, unknown> = {};
    if (topic) where.topic = topic;
    if (status) where.status = status;
    if (publishedTo) where.publishedTo = { $contains: [publishedTo] };
    return em.find(GovernanceGuideSchema, where, { orderBy: { draftedAt: 'desc', number: 'desc' } });
  },
};

function lines(values: readonly string[] | null | undefined, argument: string): string[] | null {
  if (values == null) return null;
  if (values.length < 1 || values.length > 20) throw badInput('须为 1–20 条 (1 to 20 items)', argument);
  return values.map((v, i) => textInput(v, `${argument}.${i}`, '条目', 'item', 500));
}

export const appealAnalysisMutations: Pick<
  MutationResolvers,
  'generateAppealAnalysis' | 'draftGovernanceGuide' | 'changeGovernanceGuide'
> = {
  generateAppealAnalysis: async (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['analyst'], '生成分析报告');
    const { report } = await generateAnalysis(em, {
      kind: input.kind,
      periodStart: input.periodStart,
      regenerate: input.regenerate ?? false,
      trigger: 'ON_DEMAND',
      actor: { subject: actor.subject, name: actor.name },
    });
    return viewOf(report);
  },
  draftGovernanceGuide: async (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['analyst'], '起草指引');
    return draftGuide(em, {
      topic: input.topic,
      sourceReportId: input.sourceReportId ?? null,
      idempotencyKey: assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', 100),
      actor: { subject: actor.subject, name: actor.name },
    });
  },
  changeGovernanceGuide: async (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['analyst'], '变更指引');
    const change =
      input.action === 'REVISE'
        ? {
            action: 'REVISE' as const,
            title: input.title ? textInput(input.title, 'input.title', '标题', 'title', 200) : null,
            keyAreas: lines(input.keyAreas, 'input.keyAreas'),
            plan: lines(input.plan, 'input.plan'),
          }
        : input.action === 'PUBLISH'
          ? { action: 'PUBLISH' as const, districts: [...(input.districts ?? [])] }
          : { action: 'WITHDRAW' as const };
    return changeGuide(em, input.id, change, input.expectedVersion ?? null, actor);
  },
};

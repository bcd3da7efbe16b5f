import type { FilterQuery } from '@mikro-orm/core';
import { badInput, notFound } from '../../../core/errors.js';
import { assertCreditCode } from '../../shared/validation.js';
import { keysetPage, type Connection } from '../../shared/pagination.js';
import {
  DisputeCaseSchema,
  EnterpriseSchema,
  LiaisonAssignmentSchema,
  type DisputeCase,
  type Enterprise,
} from '../entities/index.js';
import { assertCanSeeDispute, canSeeDispute } from '../disputes/access.js';
import { disputeStatistics } from '../disputes/statistics.js';
import { appealQueries } from './appeal.js';
import { proactiveQueries } from './proactive.js';
import { liveQaQueries } from './live-qa.js';
import { qualityQueries } from './quality.js';
import { appealAnalysisQueries } from './appeal-analysis.js';
import { healthCheckQueries } from './health-check.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { assertCanSeeAssignedEnterprise, liaisonScope } from '../../shared/row-level.js';

export type EnterpriseConnectionParent = Connection<Enterprise>;
export type DisputeConnectionParent = Connection<DisputeCase>;

export const Query: QueryResolvers = {
  ...healthCheckQueries,
  ...appealQueries,
  ...proactiveQueries,
  ...qualityQueries,
  ...liveQaQueries,
  ...appealAnalysisQueries,
  enterprise: async (_parent, { creditCode }, { loaders, viewer }) => {
    assertCreditCode(creditCode);
    await assertCanSeeAssignedEnterprise(viewer, creditCode, loaders.assignedEnterprises);
    const enterprise = await loaders.enterprise.load(creditCode);
    if (!enterprise) throw notFound(`未找到统一社会信用代码为 ${creditCode} 的纳税人 (no such enterprise)`);
    return enterprise;
  },
  enterprises: (_parent, { filter, first, after }, { em, viewer }) => {
    const where: Record<string, unknown> = {};
    const and: FilterQuery<Enterprise>[] = [];
    // An enterprise contact's list holds its own enterprise only.
    if (viewer?.creditCode && viewer.roles.includes('enterprise-contact'))
      and.push({ creditCode: viewer.creditCode });
    // A liaison's list holds the enterprises assigned to them: a semi-join, so a page stays one statement.
    const liaison = liaisonScope(viewer);
    if (liaison) {
      const assigned = em
        .createQueryBuilder(LiaisonAssignmentSchema, 'la')
        .select('la.creditCode')
        .where({ liaisonSubject: liaison })
        .getKnexQuery();
      and.push({ creditCode: { $in: assigned as never } });
    }
    if (and.length) where.$and = and;
    if (filter?.district) where.district = filter.district;
    if (filter?.industry) where.industry = filter.industry;
    if (typeof filter?.isLargeEnterprise === 'boolean') where.isLargeEnterprise = filter.isLargeEnterprise;
    if (filter?.creditCodes) {
      if (filter.creditCodes.length < 1 || filter.creditCodes.length > 500) {
        throw badInput('信用代码须为 1–500 个 (1 to 500 credit codes)', 'filter.creditCodes');
      }
      where.creditCode = { $in: [...filter.creditCodes] };
    }
    return keysetPage(em, EnterpriseSchema, where as FilterQuery<Enterprise>, {
      list: 'enterprises',
      keys: ['creditCode'],
      first,
      after,
    });
  },
  dispute: async (_parent, { caseNumber }, { loaders, viewer }) => {
    const dispute = await loaders.disputeByNumber.load(caseNumber);
    if (!dispute) throw notFound(`查无此争议案件 ${caseNumber} (no such dispute case)`);
    assertCanSeeDispute(viewer, dispute);
    return dispute;
  },
  disputePurposeCheck: async (_parent, { caseNumber }, { loaders, viewer }) => {
    if (!viewer) return { valid: false, reason: '需要身份 (an identity is required)' };
    const dispute = await loaders.disputeByNumber.load(caseNumber);
    if (!dispute) return { valid: false, reason: `未找到争议案件 ${caseNumber} (no such dispute case)` };
    return canSeeDispute(viewer, dispute)
      ? { valid: true, reason: null }
      : {
          valid: false,
          reason: '本部门未参与该争议案件 (your department does not take part in this dispute)',
        };
  },
  disputeStatistics: async (_parent, { district }, { em, viewer }) => {
    const agency = viewer?.roles.includes('auditor') ? null : (viewer?.agency ?? 'enterprise');
    const figures = await disputeStatistics(em, { agency, district: district ?? null });
    return figures;
  },
  disputes: (_parent, { filter, first, after }, { em, viewer }) => {
    const where: FilterQuery<DisputeCase> & Record<string, unknown> = {};
    // Only the cases the viewer's department takes part in (auditors see all).
    if (!viewer?.roles.includes('auditor')) where.participants = { $contains: [viewer?.agency ?? 'none'] };
    if (filter?.stage) where.stage = filter.stage;
    if (filter?.district) where.district = filter.district;
    if (filter?.subject) where.subject = filter.subject;
    if (filter?.waitingFor) where.waitingFor = { $contains: [filter.waitingFor] };
    return keysetPage(em, DisputeCaseSchema, where, {
      list: 'disputes',
      keys: ['caseNumber'],
      direction: 'desc',
      first,
      after,
    });
  },
};

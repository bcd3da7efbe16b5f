import { notFound } from '../../../core/errors.js';
import { assertCreditCode } from '../../shared/validation.js';
import { keysetPage, type Connection } from '../../shared/pagination.js';
import { EnterpriseSchema, type Enterprise } from '../entities/index.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { assertCanSeeEnterprise } from '../../shared/row-level.js';

export type EnterpriseConnectionParent = Connection<Enterprise>;

export const Query: QueryResolvers = {
  enterprise: async (_parent, { creditCode }, { loaders, viewer }) => {
    assertCreditCode(creditCode);
    assertCanSeeEnterprise(viewer, creditCode);
    const enterprise = await loaders.enterprise.load(creditCode);
    if (!enterprise) throw notFound(`未找到统一社会信用代码为 ${creditCode} 的纳税人 (no such enterprise)`);
    return enterprise;
  },
  enterprises: (_parent, { filter, first, after }, { em, viewer }) => {
    const where: Partial<Enterprise> = {};
    // An enterprise contact's list holds its own enterprise only.
    if (viewer?.creditCode && viewer.roles.includes('enterprise-contact'))
      where.creditCode = viewer.creditCode;
    if (filter?.district) where.district = filter.district;
    if (filter?.industry) where.industry = filter.industry;
    if (typeof filter?.isLargeEnterprise === 'boolean') where.isLargeEnterprise = filter.isLargeEnterprise;
    return keysetPage(em, EnterpriseSchema, where, {
      list: 'enterprises',
      keys: ['creditCode'],
      first,
      after,
    });
  },
};

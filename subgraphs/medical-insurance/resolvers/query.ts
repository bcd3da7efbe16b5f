import { notFound } from '../../../core/errors.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { assertCreditCode } from '../../shared/validation.js';
import { assertCanSeeEnterprise } from '../../shared/row-level.js';

export const Query: QueryResolvers = {
  medicalEmployerAccount: async (_parent, { creditCode }, { loaders, viewer }) => {
    assertCreditCode(creditCode);
    assertCanSeeEnterprise(viewer, creditCode);
    const account = await loaders.employerAccount.load(creditCode);
    if (!account) {
      throw notFound(`未找到统一社会信用代码为 ${creditCode} 的单位医保账户 (no medical-insurance account)`);
    }
    return account;
  },
};

import { hubError, notFound } from '../../../core/errors.js';
import { creditCodeProblem } from '../../../core/identifiers.js';
import { keysetPage, type Connection } from '../../shared/pagination.js';
import { EnterpriseSchema, type Enterprise } from '../entities/index.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';

export type EnterpriseConnectionParent = Connection<Enterprise>;

const problemText = {
  LENGTH: '长度应为 18 位 (must be 18 characters)',
  CHARACTERS: '含有不允许的字符 (contains characters GB 32100 does not allow)',
  CHECK_CHARACTER: '校验位不符 (check character does not match)',
} as const;

/** Refuses a malformed credit code before any query runs. */
export function assertCreditCode(creditCode: string): void {
  const problem = creditCodeProblem(creditCode);
  if (problem) {
    throw hubError('INVALID_CREDIT_CODE', `统一社会信用代码 ${creditCode} 不合法：${problemText[problem]}`, {
      argument: 'creditCode',
    });
  }
}

export const Query: QueryResolvers = {
  enterprise: async (_parent, { creditCode }, { loaders }) => {
    assertCreditCode(creditCode);
    const enterprise = await loaders.enterprise.load(creditCode);
    if (!enterprise) throw notFound(`未找到统一社会信用代码为 ${creditCode} 的纳税人 (no such enterprise)`);
    return enterprise;
  },
  enterprises: (_parent, { filter, first, after }, { em }) => {
    const where: Partial<Enterprise> = {};
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

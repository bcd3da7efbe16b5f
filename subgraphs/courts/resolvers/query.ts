import { badInput, hubError, notFound } from '../../../core/errors.js';
import { keysetPage, type Connection } from '../../shared/pagination.js';
import { CourtCaseSchema, type CourtCase } from '../entities/index.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { canSeeEnterprise } from '../../shared/row-level.js';
import { takesPart } from '../purpose.js';

export type CourtCaseConnectionParent = Connection<CourtCase>;

/** Length of the case_number column: anything longer cannot be a case number. */
const MAX_CASE_NUMBER_LENGTH = 40;

/** Refuses a blank or over-long case number before any query runs. */
function assertCaseNumber(caseNumber: string): string {
  const trimmed = caseNumber.trim();
  if (!trimmed) throw badInput('案号不能为空 (caseNumber must not be blank)', 'caseNumber');
  if (trimmed.length > MAX_CASE_NUMBER_LENGTH) {
    throw badInput(
      `案号不能超过 ${MAX_CASE_NUMBER_LENGTH} 个字符 (caseNumber must be at most ${MAX_CASE_NUMBER_LENGTH} characters)`,
      'caseNumber',
    );
  }
  return trimmed;
}

export const Query: QueryResolvers = {
  courtCase: async (_parent, { caseNumber }, { loaders, viewer }) => {
    const number = assertCaseNumber(caseNumber);
    const courtCase = await loaders.caseByNumber.load(number);
    if (!courtCase) throw notFound(`未找到案号为 ${number} 的案件 (no such court case)`);
    // An enterprise contact sees only the cases its own enterprise is a party to.
    if (viewer?.roles.includes('enterprise-contact')) {
      const parties = await loaders.partiesByCase.load(courtCase.id);
      if (!parties.some((p) => p.creditCode && canSeeEnterprise(viewer, p.creditCode))) {
        throw hubError('FORBIDDEN', '无权查看该案件 (not allowed to see this case)');
      }
    }
    return courtCase;
  },
  purposeCheck: async (_parent, { caseNumber }, { loaders, viewer }) => {
    const number = assertCaseNumber(caseNumber);
    if (!viewer) return { valid: false, reason: '需要身份 (an identity is required)' };
    const courtCase = await loaders.caseByNumber.load(number);
    if (!courtCase) return { valid: false, reason: `未找到案号为 ${number} 的案件 (no such court case)` };
    const reason = takesPart(viewer, courtCase, await loaders.partiesByCase.load(courtCase.id));
    return { valid: reason === null, reason };
  },
  courtCases: (_parent, { filter, first, after }, { em }) => {
    const where: Partial<CourtCase> = {};
    if (filter?.type) where.type = filter.type;
    if (filter?.status) where.status = filter.status;
    if (filter?.district) where.district = filter.district;
    // Newest first; id breaks ties between cases filed on the same day.
    return keysetPage(em, CourtCaseSchema, where, {
      list: 'courtCases',
      keys: ['filedOn', 'id'],
      direction: 'desc',
      first,
      after,
    });
  },
};

import { badInput } from '../../../core/errors.js';
import { canSeeEnterprise } from '../../shared/row-level.js';
import type { EmployerSocialInsuranceAccountResolvers } from '../generated/resolvers-types.js';

const MAX_DEDUCTIONS = 120;

export const EmployerSocialInsuranceAccount: EmployerSocialInsuranceAccountResolvers = {
  // Null where the viewer may not see the enterprise (an enterprise contact, another employer).
  enterprise: ({ creditCode }, _args, { viewer }) =>
    canSeeEnterprise(viewer, creditCode) ? { creditCode } : null,
  arrearsTotal: ({ creditCode }, _args, { loaders }) => loaders.arrearsTotalByEmployer.load(creditCode),
  arrears: ({ creditCode }, _args, { loaders }) => loaders.arrearsByEmployer.load(creditCode),
  batchDeductions: ({ creditCode }, { last }, { loaders }) => {
    if (!Number.isInteger(last) || last < 1 || last > MAX_DEDUCTIONS) {
      throw badInput(
        `last 须为 1 到 ${MAX_DEDUCTIONS} 之间的整数，收到 ${last} (last must be between 1 and ${MAX_DEDUCTIONS})`,
        'last',
      );
    }
    return loaders.employerDeductions(last).load(creditCode);
  },
};

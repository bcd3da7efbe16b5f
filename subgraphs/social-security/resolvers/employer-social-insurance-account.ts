import type { EmployerSocialInsuranceAccountResolvers } from '../generated/resolvers-types.js';

export const EmployerSocialInsuranceAccount: EmployerSocialInsuranceAccountResolvers = {
  enterprise: ({ creditCode }) => ({ creditCode }),
  arrearsTotal: ({ creditCode }, _args, { loaders }) => loaders.arrearsTotalByEmployer.load(creditCode),
  arrears: ({ creditCode }, _args, { loaders }) => loaders.arrearsByEmployer.load(creditCode),
};

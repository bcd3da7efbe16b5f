import type { EmployerMedicalInsuranceAccountResolvers } from '../generated/resolvers-types.js';

export const EmployerMedicalInsuranceAccount: EmployerMedicalInsuranceAccountResolvers = {
  enterprise: ({ creditCode }) => ({ creditCode }),
  arrearsTotal: ({ creditCode }, _args, { loaders }) => loaders.employerArrearsTotal.load(creditCode),
  arrears: ({ creditCode }, _args, { loaders }) => loaders.employerArrears.load(creditCode),
};

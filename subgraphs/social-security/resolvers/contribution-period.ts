import type { ContributionPeriodResolvers } from '../generated/resolvers-types.js';

export const ContributionPeriod: ContributionPeriodResolvers = {
  // A reference the gateway resolves in the tax subgraph; null when paid without an employer.
  employer: ({ employerCreditCode }) => (employerCreditCode ? { creditCode: employerCreditCode } : null),
};

import type { EnrolmentResolvers } from '../generated/resolvers-types.js';

export const Enrolment: EnrolmentResolvers = {
  // A reference the gateway resolves in the tax subgraph; null for flexible workers and residents.
  employer: ({ employerCreditCode }) => (employerCreditCode ? { creditCode: employerCreditCode } : null),
};

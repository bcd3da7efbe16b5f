import type { MedicalEnrolmentResolvers } from '../generated/resolvers-types.js';

export const MedicalEnrolment: MedicalEnrolmentResolvers = {
  // Flexible workers and residents enrol without an employer.
  employer: ({ employerCreditCode }) => (employerCreditCode ? { creditCode: employerCreditCode } : null),
};

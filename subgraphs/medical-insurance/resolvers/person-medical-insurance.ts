import type { PersonMedicalInsuranceResolvers } from '../generated/resolvers-types.js';

export const PersonMedicalInsurance: PersonMedicalInsuranceResolvers = {
  enrolments: ({ enrolments }) => enrolments,
  yearlyPayments: ({ personId }, _args, { loaders }) => loaders.personYearlyPayments.load(personId),
  arrears: ({ personId }, _args, { loaders }) => loaders.personArrears.load(personId),
};

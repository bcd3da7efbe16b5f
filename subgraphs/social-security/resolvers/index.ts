import type { Resolvers } from '../generated/resolvers-types.js';
import { agencyEnumValues } from '../../shared/health/agency-enum.js';
import { ContributionCorrection } from './contribution-correction.js';
import { ContributionPeriod } from './contribution-period.js';
import { DisputeFinding } from './dispute-finding.js';
import { EmployerSocialInsuranceAccount } from './employer-social-insurance-account.js';
import { Enrolment } from './enrolment.js';
import { Enterprise } from './enterprise.js';
import { FailedDeductionEmployer } from './failed-deductions.js';
import { PersonSocialInsurance } from './person-social-insurance.js';
import { Person } from './person.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

/** One file per GraphQL type, listed here by name. */
export const resolvers: Resolvers = {
  Query,
  Mutation,
  DisputeFinding,
  ContributionCorrection,
  Person,
  PersonSocialInsurance,
  Enrolment,
  ContributionPeriod,
  Enterprise,
  EmployerSocialInsuranceAccount,
  FailedDeductionEmployer,
  Agency: agencyEnumValues,
};

import type { Resolvers } from '../generated/resolvers-types.js';
import { agencyEnumValues } from '../../shared/health/agency-enum.js';
import { MedicalCorrection } from './medical-correction.js';
import { MedicalInsuranceFinding } from './medical-insurance-finding.js';
import { Mutation } from './mutation.js';
import { EmployerMedicalInsuranceAccount } from './employer-medical-insurance-account.js';
import { Enterprise } from './enterprise.js';
import { MedicalEnrolment } from './medical-enrolment.js';
import { Person } from './person.js';
import { PersonMedicalInsurance } from './person-medical-insurance.js';
import { Query } from './query.js';

/** One file per GraphQL type, listed here by name. */
export const resolvers: Resolvers = {
  Query,
  Enterprise,
  Person,
  EmployerMedicalInsuranceAccount,
  PersonMedicalInsurance,
  MedicalEnrolment,
  Mutation,
  MedicalInsuranceFinding,
  MedicalCorrection,
  Agency: agencyEnumValues,
};

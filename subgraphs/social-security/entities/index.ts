import { ContributionCorrectionSchema } from './correction.js';
import {
  BatchDeductionSchema,
  ContributionSchema,
  EmployerBatchDeductionSchema,
  EnrolmentSchema,
  SiArrearsSchema,
  SiEmployerAccountSchema,
} from './insurance.js';
import { PersonSchema } from './person.js';
import { DisputeFindingSchema } from '../../shared/disputes/finding.js';

export { DisputeFindingSchema, type DisputeFinding } from '../../shared/disputes/finding.js';
export * from './correction.js';
export * from './insurance.js';
export * from './person.js';
export const socialSecurityEntities = [
  PersonSchema,
  SiEmployerAccountSchema,
  EnrolmentSchema,
  ContributionSchema,
  SiArrearsSchema,
  BatchDeductionSchema,
  EmployerBatchDeductionSchema,
  DisputeFindingSchema,
  ContributionCorrectionSchema,
];

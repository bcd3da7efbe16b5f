import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/**
 * The medical insurance bureau's slice of the demo world: employer accounts, enrolments, payments,
 * arrears, and its part in dispute cases (findings, corrections of yearly payments).
 */
export async function seedMedicalInsurance(target: SeedTarget, world: World): Promise<void> {
  const slice = world.medicalInsurance;
  await target.insert('MiEmployerAccount', slice.employerAccounts);
  await target.insert('MiEnrolment', slice.enrolments);
  await target.insert('YearlyPayment', slice.yearlyPayments);
  await target.insert('MiArrears', slice.arrears);
  await target.insert('DisputeFinding', world.disputes.medicalInsurance.findings);
  await target.insert('MedicalCorrection', world.disputes.medicalInsurance.corrections);
}

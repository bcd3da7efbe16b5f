import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/**
 * The HRSS bureau's slice of the demo world: insured persons, employer accounts and their records, and
 * its part in dispute cases (findings, contribution corrections, already applied to the records).
 */
export async function seedSocialSecurity(target: SeedTarget, world: World): Promise<void> {
  const slice = world.socialSecurity;
  await target.insert('Person', slice.persons);
  await target.insert('SiEmployerAccount', slice.employerAccounts);
  await target.insert('Enrolment', slice.enrolments);
  await target.insert('Contribution', slice.contributions);
  await target.insert('SiArrears', slice.arrears);
  await target.insert('BatchDeduction', slice.batchDeductions);
  await target.insert('EmployerBatchDeduction', slice.employerBatchDeductions);
  await target.insert('DisputeFinding', world.disputes.socialSecurity.findings);
  await target.insert('ContributionCorrection', world.disputes.socialSecurity.corrections);
}

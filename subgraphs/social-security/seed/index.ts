import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/** The HRSS bureau's slice of the demo world: insured persons, employer accounts and their records. */
export async function seedSocialSecurity(target: SeedTarget, world: World): Promise<void> {
  const slice = world.socialSecurity;
  await target.insert('Person', slice.persons);
  await target.insert('SiEmployerAccount', slice.employerAccounts);
  await target.insert('Enrolment', slice.enrolments);
  await target.insert('Contribution', slice.contributions);
  await target.insert('SiArrears', slice.arrears);
  await target.insert('BatchDeduction', slice.batchDeductions);
}

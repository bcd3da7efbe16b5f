import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/** The court's slice of the demo world: cases, their parties, and judicial confirmations of mediation agreements. */
export async function seedCourts(target: SeedTarget, world: World): Promise<void> {
  await target.insert('CourtCase', world.courts.cases);
  await target.insert('CaseParty', world.courts.parties);
  await target.insert('JudicialConfirmation', world.disputes.courts.confirmations);
}

import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/** The court's slice of the demo world: cases, then their parties. */
export async function seedCourts(target: SeedTarget, world: World): Promise<void> {
  await target.insert('CourtCase', world.courts.cases);
  await target.insert('CaseParty', world.courts.parties);
}
